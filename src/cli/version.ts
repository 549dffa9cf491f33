import { readFileSync } from "node:fs";

declare const __TP_MCP_VERSION__: string | undefined;

/** Set by the build; read from package.json when running from source. */
export const version: string =
  typeof __TP_MCP_VERSION__ === "string"
    ? __TP_MCP_VERSION__
    : (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
