import type { Sleep } from "./timing.js";

export interface Pacer {
  /** Takes one token, waiting for it if the bucket is empty; returns how long it waited (ms). */
  acquire(signal: AbortSignal): Promise<number>;
}

export interface PacerOptions {
  requestsPerMinute: number;
  burst: number;
  now: () => number;
  sleep: Sleep;
}

/**
 * A token bucket shared by every call through one transport: `burst` requests may go at once, then
 * one per 60_000 / requestsPerMinute ms. Tokens are reserved on arrival (the balance may go
 * negative), so waiters are served in arrival order and each knows its wait at once. A waiter that
 * is aborted gives its token back. `requestsPerMinute: Infinity` turns pacing off.
 */
export function createPacer({ requestsPerMinute, burst, now, sleep }: PacerOptions): Pacer {
  if (requestsPerMinute === Infinity) {
    return {
      acquire(signal) {
        signal.throwIfAborted();
        return Promise.resolve(0);
      },
    };
  }
  const msPerToken = 60_000 / requestsPerMinute;
  let tokens = burst;
  let last = now();
  const refill = () => {
    const t = now();
    tokens = Math.min(burst, tokens + Math.max(0, t - last) / msPerToken);
    last = t;
  };
  return {
    async acquire(signal) {
      signal.throwIfAborted();
      refill();
      tokens -= 1;
      if (tokens >= 0) return 0;
      // The epsilon absorbs floating-point noise (−1.0000000001 tokens must not cost an extra ms).
      const wait = Math.max(0, Math.ceil(-tokens * msPerToken - 1e-6));
      try {
        await sleep(wait, signal);
      } catch (error) {
        refill();
        tokens = Math.min(burst, tokens + 1);
        throw error;
      }
      return wait;
    },
  };
}
