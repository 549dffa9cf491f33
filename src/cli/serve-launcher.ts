/**
 * What the bin and the ES module CLI load for `tp-mcp serve` once built (scripts/build.ts puts it
 * in place of commands/serve.ts): the same command, compiled from dist/serve.cjs through a V8 code cache, so
 * a start after the first parses and compiles next to nothing (code-cache.ts).
 */
import { fileURLToPath } from "node:url";
import * as clientErrors from "../client/errors.js";
import type { Command } from "./command.js";
import { loadCachedBundle, userCacheDir } from "./code-cache.js";
import * as output from "./output.js";
import * as v8Flags from "./v8-flags.js";
import { SHARED_WITH_SERVE_BUNDLE } from "./serve-shared.js";

/** Set by the build: the bundle's path from the file this module is bundled in, and its content hash. */
declare const __TP_SERVE_BUNDLE__: { path: string; id: string };

// Compiled and run under V8's own flags; the cache is made once serve's start-up is over, right
// before serve sets its flags (v8-flags.ts), so that it holds what the start-up compiled (the
// server, the stdio transport, the first messages' parsing) and V8 takes it at the next load.
const bundle = loadCachedBundle({
  file: fileURLToPath(new URL(__TP_SERVE_BUNDLE__.path, import.meta.url)),
  id: __TP_SERVE_BUNDLE__.id,
  cacheDir: process.env.TP_MCP_CODE_CACHE === "0" ? undefined : userCacheDir(),
  shared: {
    [SHARED_WITH_SERVE_BUNDLE["src/cli/output.ts"]]: output,
    [SHARED_WITH_SERVE_BUNDLE["src/client/errors.ts"]]: clientErrors,
    [SHARED_WITH_SERVE_BUNDLE["src/cli/v8-flags.ts"]]: v8Flags,
  },
});
v8Flags.beforeServeV8Flags(bundle.saveCache);

export const serveCommand = bundle.exports.serveCommand as Command;
