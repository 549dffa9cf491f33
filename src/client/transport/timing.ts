/** Clocks, waits and their human wording for the resilient transport. */

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Waits `ms` with setTimeout; on abort clears the timer and rejects with the signal's reason. */
export const defaultSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    // Node fires a timeout longer than 2^31 − 1 ms at once; nothing here waits that long anyway.
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.min(Math.max(0, ms), 2_147_483_647),
    );
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/**
 * The longest `Retry-After` taken at its word: a day. A larger one ("99999999999999" seconds) is
 * read as a day, so that every date computed from it stays a valid Date (past ±8.64e15 ms,
 * toISOString throws) and no message names a wait of millions of years.
 */
export const MAX_RETRY_AFTER_MS = 86_400_000;

/**
 * The wait a `Retry-After` header asks for, in milliseconds from `now`, at most MAX_RETRY_AFTER_MS:
 * delta-seconds ("120") or an HTTP date ("Sun, 01 Mar 2026 14:05:00 GMT"; a date in the past means
 * 0). Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(MAX_RETRY_AFTER_MS, Math.ceil(Number(text) * 1000));
  // Date.parse is lenient ("1" is the year 2001): insist on something that looks like a date.
  if (!/[A-Za-z]{3}/.test(text) || !/\d{2}:\d{2}/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.min(MAX_RETRY_AFTER_MS, Math.max(0, at - now));
}

/**
 * Exponential backoff with "equal jitter": retry n (1-based) waits between half and all of
 * min(cap, base·2^(n-1)), so concurrent callers spread out but never retry at once.
 */
export function backoffDelay(retry: number, baseMs: number, capMs: number, random: () => number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** (retry - 1));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}

/**
 * The least backoff before retry n: half of min(cap, base·2^(n-1)), the floor of backoffDelay's
 * jitter. A Retry-After shorter than this (0, or a date in the past) waits this long instead, so a
 * server that says "now" cannot make the retries come back to back.
 */
export function minBackoff(retry: number, baseMs: number, capMs: number): number {
  return Math.round(Math.min(capMs, baseMs * 2 ** (retry - 1)) / 2);
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

/** "45 seconds", "about 2 minutes", "about 3 hours". */
export function describeWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return plural(seconds, "second");
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${plural(minutes, "minute")}`;
  return `about ${plural(Math.round(minutes / 60), "hour")}`;
}

/** "14:05 UTC" (with seconds when the wait is short; with the date when it is not today). */
export function describeClock(at: Date, now: number, withSeconds: boolean): string {
  const iso = at.toISOString(); // 2026-03-01T14:05:30.000Z
  const time = iso.slice(11, withSeconds ? 19 : 16);
  const sameDay = iso.slice(0, 10) === new Date(now).toISOString().slice(0, 10);
  return `${sameDay ? "" : `${iso.slice(0, 10)} `}${time} UTC`;
}

/** "512 bytes", "64 kB", "20 MB" (decimal units, as the limit is given in bytes). */
export function describeBytes(bytes: number): string {
  if (bytes < 1000) return plural(bytes, "byte");
  if (bytes < 1_000_000) return `${Math.round(bytes / 100) / 10} kB`;
  return `${Math.round(bytes / 100_000) / 10} MB`;
}

/** "50 ms", "30 s", "2.5 s". */
export function describeDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${Math.round(ms / 100) / 10} s`;
}

/** Lets an armed timer not keep the process alive (Node's Timeout has unref; browsers' numbers do not). */
export function unrefTimer(handle: unknown): void {
  if (typeof handle === "object" && handle !== null && "unref" in handle && typeof handle.unref === "function") {
    (handle as { unref(): void }).unref();
  }
}
