import { setFlagsFromString } from "node:v8";

/**
 * The V8 settings `tp-mcp serve` gives itself, so no user has to pass node flags (each measured
 * with the bench's mixed calls, issue 14):
 * - a long session allocates and drops a lot (API answers parsed, checked, projected), and V8 sized
 *   for throughput lets its heap grow far past what is live (about 22 MiB after a full collection):
 *   `--optimize-for-size` keeps it nearer; bytecode is kept, so a collection leaves nothing to
 *   recompile (peak RSS after 5,000 calls 231 → 122–130 MiB, about 0.6 ms more a call);
 * - WebAssembly (fetch's HTTP parser, the chart renderer) stays on V8's baseline compiler and is
 *   compiled function by function as it runs: the optimising tier's compilation kept 35–50 MiB
 *   for the process once a chart was drawn (peak after 1,000 mixed calls 187 → 137 MiB; a chart
 *   of 90 days still takes about 100 ms);
 * - the young generation keeps its starting size: `--max-semi-space-size` cannot be changed once
 *   the heap exists, the growth factor can (peak after 1,000 calls 131–137 → 120–128 MiB).
 */
export const SERVE_V8_FLAGS = ["--optimize-for-size", "--no-flush-bytecode", "--liftoff-only", "--wasm-lazy-compilation", "--semi-space-growth-factor=1"] as const;

const beforeApplying: Array<() => void> = [];
let applied = false;

/**
 * Runs `work` right before serve sets its V8 flags, or at once if they are set already. The code
 * cache is made here (serve-launcher.ts): V8 reads a cache only under the flags it was made with,
 * and the next start loads the bundle before any of these are set.
 */
export function beforeServeV8Flags(work: () => void): void {
  if (applied) work();
  else beforeApplying.push(work);
}

/**
 * Sets SERVE_V8_FLAGS (one list: the test checks each is a flag V8 knows), once, after what
 * `beforeServeV8Flags` was given. Serve calls it once its start-up is over and before its first
 * tool call: the flags are for a long session, and a start-up under them pays for the young
 * generation kept small (more collections) without gaining anything.
 */
export function applyServeV8Flags(setFlags: (flag: string) => void = setFlagsFromString): void {
  if (applied) return;
  applied = true;
  for (const work of beforeApplying.splice(0)) work();
  for (const flag of SERVE_V8_FLAGS) setFlags(flag);
}
