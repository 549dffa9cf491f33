/** What the transport tells the user when it gives up. Never includes a header value. */
import { RateLimitError, UpstreamError } from "../errors.js";
import { describeHttpStatus } from "../http-status.js";
import { networkErrorCode } from "./faults.js";
import { describeBytes, describeClock, describeDuration, describeWait } from "./timing.js";

/** Why an attempt failed in a way worth retrying. */
export type Fault =
  | { reason: "rate_limited"; status: 429; retryAfterMs: number | undefined }
  | { reason: "server_error"; status: number; retryAfterMs: number | undefined }
  | { reason: "network_error" | "timeout"; cause: unknown };

/** 429s were seen to reset after about a minute: our guess at retryAt when the server gives none. */
export const RATE_LIMIT_RESET_MS = 60_000;

export interface GiveUpContext {
  /** The operation name, else "GET /path". */
  label: string;
  operation: string | undefined;
  attempts: number;
  timeoutMs: number;
  now: number;
}

/** The error for the last fault of a call that will not be retried again. */
export function giveUpError(fault: Fault, { label, operation, attempts, timeoutMs, now }: GiveUpContext): Error {
  if (fault.reason === "rate_limited") {
    const waitMs = fault.retryAfterMs ?? RATE_LIMIT_RESET_MS;
    const retryAt = new Date(now + waitMs);
    return new RateLimitError(
      `TrainingPeaks is rate-limiting requests; try again in ${describeWait(waitMs)} ` +
        `(at ${describeClock(retryAt, now, waitMs < 60_000)}).`,
      { operation, status: 429, retryAt },
    );
  }
  const cause = "cause" in fault ? fault.cause : undefined;
  const code = networkErrorCode(cause);
  const what =
    fault.reason === "server_error"
      ? ` (${describeHttpStatus(fault.status)})`
      : fault.reason === "timeout"
        ? ` within ${describeDuration(timeoutMs)}`
        : ` (network error${code === undefined ? "" : `: ${code}`})`;
  return new UpstreamError(
    `TrainingPeaks did not answer ${label}${what} after ${attempts} attempt${attempts === 1 ? "" : "s"}; ` +
      "it may be down — try again in a few minutes.",
    { operation, status: fault.reason === "server_error" ? fault.status : undefined, cause },
  );
}

/**
 * The reason a response body that did not arrive in time is errored with (the caller's body read
 * rejects with it). `stalled`: nothing came for most of the deadline, as opposed to a trickle.
 */
export function bodyTimeoutError(label: string, operation: string | undefined, timeoutMs: number, stalled = true): UpstreamError {
  const what = stalled
    ? `stopped sending the answer to ${label} for ${describeDuration(timeoutMs)}`
    : `sent the answer to ${label} too slowly: it was not complete within ${describeDuration(timeoutMs)}`;
  return new UpstreamError(`TrainingPeaks ${what}; try again in a few minutes.`, { operation });
}

/** The reason a response body larger than the limit is errored with, as soon as it passes it. */
export function bodyTooLargeError(label: string, operation: string | undefined, maxBytes: number): UpstreamError {
  return new UpstreamError(
    `TrainingPeaks sent more than ${describeBytes(maxBytes)} in its answer to ${label}, the limit (TP_MAX_RESPONSE_BYTES); ` +
      "the answer was dropped. Ask for a shorter date range, or raise the limit.",
    { operation },
  );
}

/** A redirect we refuse to follow: to another origin (it would carry the cookie or token there), or one hop too many. */
export function redirectError(label: string, operation: string | undefined, status: number, why: "cross_origin" | "too_many", maxHops: number): UpstreamError {
  const what =
    why === "cross_origin"
      ? "to another site, which was not followed (the request carries your credentials)"
      : `more than ${maxHops} times in a row (a redirect loop?)`;
  return new UpstreamError(`TrainingPeaks redirected ${label} (${status}) ${what}; try again later, and if it persists the API may have changed.`, {
    operation,
    status,
  });
}

export interface PacingRefusal {
  /** The wait this request would have had for its turn, in ms. */
  waitMs: number;
  /** Requests already waiting. */
  queued: number;
  why: "queue_full" | "wait_too_long";
  maxQueued: number;
  maxWaitMs: number;
  requestsPerMinute: number;
  now: number;
}

/** Too many requests are already waiting for the pacer: this one is refused at once, nothing sent. */
export function pacingError(label: string, operation: string | undefined, refusal: PacingRefusal): RateLimitError {
  const { waitMs, queued, why, maxQueued, maxWaitMs, requestsPerMinute, now } = refusal;
  const pace = `this server sends TrainingPeaks at most ${Math.round(requestsPerMinute)} requests a minute`;
  const reason =
    why === "queue_full"
      ? `${queued} requests are already waiting their turn (at most ${maxQueued} may wait)`
      : `it would have waited ${describeWait(waitMs)} for its turn (at most ${describeDuration(maxWaitMs)} is allowed)`;
  return new RateLimitError(`${label} was not sent: ${reason}; ${pace}. Try again in ${describeWait(waitMs)}, or ask for less at once.`, {
    operation,
    retryAt: new Date(now + waitMs),
  });
}
