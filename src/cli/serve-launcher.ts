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
import { SHARED_WITH_SERVE_BUNDLE } from "./serve-shared.js";

/** Set by the build: the bundle's path from the file this module is bundled in, and its content hash. */
declare const __TP_SERVE_BUNDLE__: { path: string; id: string };

// Compiled, run and cached before serve applies its V8 flags (v8-flags.ts): V8 takes a cache only
// under the flags it was made with, and the start-up should not pay for a young generation kept
// small (more scavenges) or a heap sized for a long session.
const bundle = loadCachedBundle({
  file: fileURLToPath(new URL(__TP_SERVE_BUNDLE__.path, import.meta.url)),
  id: __TP_SERVE_BUNDLE__.id,
  cacheDir: process.env.TP_MCP_CODE_CACHE === "0" ? undefined : userCacheDir(),
  shared: {
    [SHARED_WITH_SERVE_BUNDLE["src/cli/output.ts"]]: output,
    [SHARED_WITH_SERVE_BUNDLE["src/client/errors.ts"]]: clientErrors,
  },
});

export const serveCommand = bundle.exports.serveCommand as Command;
