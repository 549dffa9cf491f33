import { setFlagsFromString } from "node:v8";

/**
 * The V8 settings `tp-mcp serve` gives itself, so no user has to pass node flags. A long session
 * allocates and drops a lot (API answers parsed, checked, projected), and V8 sized for throughput
 * lets its heap grow far past what is live (about 22 MiB after a full collection): peak RSS after
 * 1,000 / 5,000 / 7,000 calls went from 164 / 231 / 240 MiB to 116–124 / 122–130 / 122–130 MiB
 * with these, for about 0.6 ms more a call (npm run bench, issue 14). Bytecode is kept, so a
 * collection leaves nothing to recompile.
 */
export const SERVE_V8_FLAGS = ["--optimize-for-size", "--no-flush-bytecode"] as const;

/** Applies SERVE_V8_FLAGS; the same list every time, so anything V8 caches under them stays valid. */
export function applyServeV8Flags(): void {
  for (const flag of SERVE_V8_FLAGS) setFlagsFromString(flag);
}
