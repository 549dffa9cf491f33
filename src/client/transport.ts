/**
 * The layer between the typed client (openapi-fetch) and the network: paces requests, retries
 * transient faults and 429s within a budget, bounds every attempt with a timeout, and honours the
 * caller's AbortSignal throughout.
 *
 * Safe to retry: this project is read-only. Every request it sends is a GET or one of two POSTs
 * that only read (performance data, workout analysis), so sending one twice changes nothing. Do
 * not put a request that writes through this fetch without revisiting that assumption.
 *
 * Redirects are followed here, same origin only (transport/redirects.ts).
 *
 * Replaying: each attempt sends a clone of the caller's request (`request.clone()`), so the
 * original body is never consumed and every retry sends the same bytes. A request whose body was
 * already read cannot be cloned: it is rejected with fetch's TypeError before anything is sent.
 */
import { activityOf } from "./routes.js";
import { guardBody } from "./transport/body.js";
import { discard, isNetworkError, raceAbort } from "./transport/faults.js";
import { giveUpError, pacingError, redirectError, type Fault } from "./transport/messages.js";
import { createPacer } from "./transport/pacer.js";
import { isSameOrigin, MAX_REDIRECTS, redirectedRequest, redirectLocation } from "./transport/redirects.js";
import { backoffDelay, defaultSleep, minBackoff, parseRetryAfter, type Sleep } from "./transport/timing.js";

export { defaultSleep, parseRetryAfter, type Sleep } from "./transport/timing.js";

export interface TransportOptions {
  /**
   * Per attempt (and per redirect hop), until the response headers arrive; the whole body then gets
   * as long again. Default 30_000.
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
  /** How many requests may wait for pacing at once; one more is refused with a RateLimitError. Default 100. */
  maxQueuedRequests?: number;
  /** The longest a request may wait for pacing; a longer wait is refused at once with a RateLimitError. Default 60_000. */
  maxPacingWaitMs?: number;
  /** Decoded (after gzip) bytes per response body, counted as they stream; beyond it an UpstreamError. Default 20_000_000. */
  maxResponseBytes?: number;
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
  maxQueuedRequests: 100,
  maxPacingWaitMs: 60_000,
  maxResponseBytes: 20_000_000,
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
  const maxResponseBytes = check("maxResponseBytes", options.maxResponseBytes ?? TRANSPORT_DEFAULTS.maxResponseBytes, 1);
  const now = options.now ?? (() => Date.now());
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const pacer = createPacer({
    requestsPerMinute: check("requestsPerMinute", options.requestsPerMinute ?? TRANSPORT_DEFAULTS.requestsPerMinute, 0.001),
    burst: check("burst", options.burst ?? TRANSPORT_DEFAULTS.burst, 1),
    maxQueued: check("maxQueuedRequests", options.maxQueuedRequests ?? TRANSPORT_DEFAULTS.maxQueuedRequests, 0),
    maxWaitMs: check("maxPacingWaitMs", options.maxPacingWaitMs ?? TRANSPORT_DEFAULTS.maxPacingWaitMs, 0),
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

  /** Waits for the pacer's token (or is refused one at once). */
  async function pace(request: Request, label: string, operation: string | undefined, attempt: number): Promise<void> {
    const pacedMs = await pacer.acquire(request.signal, (refusal) => pacingError(label, operation, refusal));
    if (pacedMs > 0) emit({ type: "paced", operation, waitMs: pacedMs });
    emit({ type: "request", operation, method: request.method, attempt });
  }

  /**
   * One hop of an attempt: a fresh clone of `target`, a deadline for the headers, and a verdict on
   * what came back. The attempt's AbortController is reached from the caller's signal and from the
   * armed timer, both strong references: the deadline fires whatever the collector does.
   */
  async function send(target: Request, caller: AbortSignal, label: string, operation: string | undefined): Promise<Outcome> {
    caller.throwIfAborted();
    const controller = new AbortController();
    const forward = () => controller.abort(caller.reason);
    caller.addEventListener("abort", forward, { once: true });
    const sent = new Request(target.clone(), { signal: controller.signal, redirect: "manual" });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException("Attempt timed out", "TimeoutError"));
    }, timeoutMs);
    let response: Response;
    try {
      response = await raceAbort(fetchImpl(sent), controller.signal);
    } catch (error) {
      if (caller.aborted) throw caller.reason;
      if (timedOut) return { ok: false, fault: { reason: "timeout", cause: error } };
      if (isNetworkError(error)) return { ok: false, fault: { reason: "network_error", cause: error } };
      throw error;
    } finally {
      clearTimeout(timer);
      caller.removeEventListener("abort", forward);
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
    // The caller reads the body after we return: its deadline, size limit and cancellation are the
    // guard's, which holds `sent` and `controller` until the body is done (see transport/body.ts).
    const guarded = guardBody(response, {
      label,
      operation,
      timeoutMs,
      maxBytes: maxResponseBytes,
      signal: caller,
      abort: (reason) => controller.abort(reason),
      keep: sent,
    });
    return { ok: true, response: guarded };
  }

  /** One attempt: the request, then each same-origin redirect (paced like any request), up to MAX_REDIRECTS. */
  async function attempt(request: Request, label: string, operation: string | undefined, attempts: number): Promise<Outcome> {
    let target = request;
    for (let hop = 0; ; hop++) {
      if (hop > 0) await pace(request, label, operation, attempts);
      const outcome = await send(target, request.signal, label, operation);
      if (!outcome.ok) return outcome;
      const { response } = outcome;
      const to = redirectLocation(response, target.url);
      if (!to) return outcome;
      void discard(response);
      if (!isSameOrigin(to, target.url)) throw redirectError(label, operation, response.status, "cross_origin", MAX_REDIRECTS);
      if (hop >= MAX_REDIRECTS) throw redirectError(label, operation, response.status, "too_many", MAX_REDIRECTS);
      target = await redirectedRequest(target, response.status, to);
    }
  }

  return async function resilientFetch(request: Request): Promise<Response> {
    const operation = options.operationOf?.(request);
    const url = new URL(request.url);
    const label = activityOf(operation ?? `${request.method} ${url.pathname}`);
    let waitedMs = 0;
    for (let attempts = 1; ; attempts++) {
      request.signal.throwIfAborted();
      await pace(request, label, operation, attempts);
      const outcome = await attempt(request, label, operation, attempts);
      if (outcome.ok) return outcome.response;

      const { fault } = outcome;
      const status = "status" in fault ? fault.status : undefined;
      const backoff = fault.reason === "rate_limited" ? RATE_LIMIT_BACKOFF : FAULT_BACKOFF;
      const retryAfterMs = "retryAfterMs" in fault ? fault.retryAfterMs : undefined;
      // Retry-After is honoured, but never below the backoff's floor ("0" must not mean "at once").
      const delayMs =
        retryAfterMs === undefined
          ? backoffDelay(attempts, backoff.baseMs, backoff.capMs, random)
          : Math.max(retryAfterMs, minBackoff(attempts, backoff.baseMs, backoff.capMs));
      // Out of retries, or asked to wait longer than the budget has left: fail now, not later.
      if (attempts > maxRetries || delayMs > maxTotalWaitMs - waitedMs) {
        emit({ type: "give_up", operation, reason: fault.reason, status, attempts });
        throw giveUpError(fault, { label, operation, host: url.host, attempts, timeoutMs, now: now() });
      }
      emit({ type: "retry", operation, reason: fault.reason, status, attempt: attempts, delayMs });
      await sleep(delayMs, request.signal);
      waitedMs += delayMs;
    }
  };
}
