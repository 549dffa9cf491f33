import type { PacingRefusal } from "./messages.js";
import type { Sleep } from "./timing.js";

export interface Pacer {
  /**
   * Takes one token, waiting for it if the bucket is empty; returns how long it waited (ms). When
   * `maxQueued` requests are already waiting, or the wait would exceed `maxWaitMs`, it takes
   * nothing and rejects at once with `refuse(…)`'s error.
   */
  acquire(signal: AbortSignal, refuse: (refusal: PacingRefusal) => Error): Promise<number>;
}

export interface PacerOptions {
  requestsPerMinute: number;
  burst: number;
  /** How many requests may wait for a token at once. */
  maxQueued: number;
  /** The longest a request may wait for its token. */
  maxWaitMs: number;
  now: () => number;
  sleep: Sleep;
}

/**
 * A token bucket shared by every call through one transport: `burst` requests may go at once, then
 * one per 60_000 / requestsPerMinute ms. Tokens are reserved on arrival (the balance may go
 * negative), so waiters are served in arrival order and each knows its wait at once. A waiter that
 * is aborted gives its token back. `requestsPerMinute: Infinity` turns pacing off.
 *
 * The wait is bounded, and so is the queue: a burst of thousands of calls must get a quick, clear
 * refusal rather than wait for hours (holding memory, and a shutdown) for a turn.
 */
export function createPacer({ requestsPerMinute, burst, maxQueued, maxWaitMs, now, sleep }: PacerOptions): Pacer {
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
  let queued = 0;
  const refill = () => {
    const t = now();
    tokens = Math.min(burst, tokens + Math.max(0, t - last) / msPerToken);
    last = t;
  };
  return {
    async acquire(signal, refuse) {
      signal.throwIfAborted();
      refill();
      tokens -= 1;
      if (tokens >= 0) return 0;
      // The epsilon absorbs floating-point noise (−1.0000000001 tokens must not cost an extra ms).
      const wait = Math.max(0, Math.ceil(-tokens * msPerToken - 1e-6));
      if (queued >= maxQueued || wait > maxWaitMs) {
        tokens += 1;
        const why = queued >= maxQueued ? "queue_full" : "wait_too_long";
        throw refuse({ waitMs: wait, queued, why, maxQueued, maxWaitMs, requestsPerMinute, now: now() });
      }
      queued += 1;
      try {
        await sleep(wait, signal);
      } catch (error) {
        refill();
        tokens = Math.min(burst, tokens + 1);
        throw error;
      } finally {
        queued -= 1;
      }
      return wait;
    },
  };
}
