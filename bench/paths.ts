import { fileURLToPath } from "node:url";

/** The repository root, whatever the bench's working directory. */
export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export { CLI } from "../test/support/stdio-process.js";
export const MINIMAL_SERVER = fileURLToPath(new URL("./reference/minimal-server.mjs", import.meta.url));
export const RESULTS = fileURLToPath(new URL("./results.json", import.meta.url));
