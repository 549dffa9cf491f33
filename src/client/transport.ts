/**
 * The layer between the typed client (openapi-fetch) and the network: paces requests, retries
 * transient faults and 429s within a budget, bounds every attempt with a timeout, and honours the
 * caller's AbortSignal throughout.
 *
 * Safe to retry: this project is read-only. Every request it sends is a GET or one of two POSTs
 * that only read (performance data, workout analysis), so sending one twice changes nothing. Do
 * not put a request that writes through this fetch without revisiting that assumption.
 *
 * Replaying: each attempt sends a clone of the caller's request (`request.clone()`), so the
 * original body is never consumed and every retry sends the same bytes. A request whose body was
 * already read cannot be cloned: it is rejected with fetch's TypeError before anything is sent.
 */
import { discard, isNetworkError, raceAbort } from "./transport/faults.js";
import { bodyTimeoutError, giveUpError, type Fault } from "./transport/messages.js";
import { createPacer } from "./transport/pacer.js";
import { backoffDelay, defaultSleep, parseRetryAfter, unrefTimer, type Sleep } from "./transport/timing.js";

export { defaultSleep, parseRetryAfter, type Sleep } from "./transport/timing.js";

export interface TransportOptions {
  /**
   * Per attempt, until the response headers arrive; the body then gets as long again. Default 30_000.
   * Timed with the global setTimeout, not `sleep`: a test's sleep that returns at once must not
   * time out every attempt (use fake timers to make it virtual).
   */
  timeoutMs?: number;
  /** Retries after the first attempt (so at most maxRetries + 1 attempts). Default 3. */
  maxRetries?: number;
  /** The most time spent waiting between attempts in one call (not counting pacing). Default 60_000. */
  maxTotalWaitMs?: number;
  /** Pacing, shared by all calls through this fetch. Default 80 (429s were seen near 100/min). Infinity: off. */
  requestsPerMinute?: number;
  /** Token-bucket capacity: how many requests may go at once. Default 10. */
  burst?: number;
  /** Milliseconds since the epoch. Default Date.now. */
  now?: () => number;
  /** Waits between attempts and for pacing; rejects with the signal's reason on abort. Default setTimeout. */
  sleep?: Sleep;
  /** In [0, 1), for jitter. Default Math.random. */
  random?: () => number;
  /** The API operation a request belongs to (getWorkouts), for error messages and events. */
  operationOf?: (request: Request) => string | undefined;
  /** Told about each attempt, pacing wait, retry and give-up (for logs and the benchmark). Never sees headers. */
  onEvent?: (event: TransportEvent) => void;
}

export type RetryReason = "rate_limited" | "server_error" | "network_error" | "timeout";

export type TransportEvent =
  | { type: "request"; operation: string | undefined; method: string; attempt: number }
  | { type: "paced"; operation: string | undefined; waitMs: number }
  | {
      type: "retry";
      operation: string | undefined;
      reason: RetryReason;
      status: number | undefined;
      attempt: number;
      delayMs: number;
    }
  | { type: "give_up"; operation: string | undefined; reason: RetryReason; status: number | undefined; attempts: number };

export const TRANSPORT_DEFAULTS = {
  timeoutMs: 30_000,
  maxRetries: 3,
  maxTotalWaitMs: 60_000,
  requestsPerMinute: 80,
  burst: 10,
} as const;

/** Backoff for 502/503/504, network errors and timeouts. */
const FAULT_BACKOFF = { baseMs: 500, capMs: 8_000 };
/** Backoff for a 429 without Retry-After. */
const RATE_LIMIT_BACKOFF = { baseMs: 1_000, capMs: 16_000 };
const RETRIED_STATUSES = new Set([429, 502, 503, 504]);

type Outcome = { ok: true; response: Response } | { ok: false; fault: Fault };

/** Node fires a setTimeout longer than this at once. */
const MAX_TIMER_MS = 2_147_483_647;

function check(name: string, value: number, min: number, max = Infinity): number {
  if (Number.isNaN(value) || value < min || value > max) {
    throw new RangeError(`TransportOptions.${name} must be between ${min} and ${max}, not ${value}.`);
  }
  return value;
}

export function createResilientFetch(
  fetchImpl: (request: Request) => Promise<Response>,
  options: TransportOptions = {},
): (request: Request) => Promise<Response> {
  const timeoutMs = check("timeoutMs", options.timeoutMs ?? TRANSPORT_DEFAULTS.timeoutMs, 1, MAX_TIMER_MS);
  const maxRetries = Math.floor(check("maxRetries", options.maxRetries ?? TRANSPORT_DEFAULTS.maxRetries, 0));
  const maxTotalWaitMs = check("maxTotalWaitMs", options.maxTotalWaitMs ?? TRANSPORT_DEFAULTS.maxTotalWaitMs, 0);
  const now = options.now ?? (() => Date.now());
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const pacer = createPacer({
    requestsPerMinute: check("requestsPerMinute", options.requestsPerMinute ?? TRANSPORT_DEFAULTS.requestsPerMinute, 0.001),
    burst: check("burst", options.burst ?? TRANSPORT_DEFAULTS.burst, 1),
    now,
    sleep,
  });
  const emit = (event: TransportEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // A broken logger must not break a request.
    }
  };

  /** One attempt: a fresh clone, a deadline, and a verdict on what came back. */
  async function attempt(request: Request, label: string, operation: string | undefined): Promise<Outcome> {
    const deadline = new AbortController();
    const signal = AbortSignal.any([request.signal, deadline.signal]);
    const sent = new Request(request.clone(), { signal });
    const timer = setTimeout(() => deadline.abort(new DOMException("Attempt timed out", "TimeoutError")), timeoutMs);
    let response: Response;
    try {
      response = await raceAbort(fetchImpl(sent), signal);
    } catch (error) {
      if (request.signal.aborted) throw request.signal.reason;
      if (deadline.signal.aborted) return { ok: false, fault: { reason: "timeout", cause: error } };
      if (isNetworkError(error)) return { ok: false, fault: { reason: "network_error", cause: error } };
      throw error;
    } finally {
      clearTimeout(timer);
    }
    if (RETRIED_STATUSES.has(response.status)) {
      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), now());
      void discard(response);
      const fault: Fault =
        response.status === 429
          ? { reason: "rate_limited", status: 429, retryAfterMs }
          : { reason: "server_error", status: response.status, retryAfterMs };
      return { ok: false, fault };
    }
    // The caller reads the body after we return: a server that stalls mid-body is cut off too.
    // The deadline goes once the body is read, so nothing of the request outlives it.
    const bodyTimer = setTimeout(() => deadline.abort(bodyTimeoutError(label, operation, timeoutMs)), timeoutMs);
    unrefTimer(bodyTimer);
    return { ok: true, response: onBodyRead(response, () => clearTimeout(bodyTimer)) };
  }

  function onBodyRead(response: Response, done: () => void): Response {
    if (!response.body) {
      done();
      return response;
    }
    const { status, statusText, headers } = response;
    return new Response(response.body.pipeThrough(new TransformStream({ flush: done })), { status, statusText, headers });
  }

  return async function resilientFetch(request: Request): Promise<Response> {
    const operation = options.operationOf?.(request);
    const label = operation ?? `${request.method} ${new URL(request.url).pathname}`;
    let waitedMs = 0;
    for (let attempts = 1; ; attempts++) {
      request.signal.throwIfAborted();
      const pacedMs = await pacer.acquire(request.signal);
      if (pacedMs > 0) emit({ type: "paced", operation, waitMs: pacedMs });
      emit({ type: "request", operation, method: request.method, attempt: attempts });
      const outcome = await attempt(request, label, operation);
      if (outcome.ok) return outcome.response;

      const { fault } = outcome;
      const status = "status" in fault ? fault.status : undefined;
      const backoff = fault.reason === "rate_limited" ? RATE_LIMIT_BACKOFF : FAULT_BACKOFF;
      const delayMs =
        ("retryAfterMs" in fault ? fault.retryAfterMs : undefined) ??
        backoffDelay(attempts, backoff.baseMs, backoff.capMs, random);
      // Out of retries, or asked to wait longer than the budget has left: fail now, not later.
      if (attempts > maxRetries || delayMs > maxTotalWaitMs - waitedMs) {
        emit({ type: "give_up", operation, reason: fault.reason, status, attempts });
        throw giveUpError(fault, { label, operation, attempts, timeoutMs, now: now() });
      }
      emit({ type: "retry", operation, reason: fault.reason, status, attempt: attempts, delayMs });
      await sleep(delayMs, request.signal);
      waitedMs += delayMs;
    }
  };
}
