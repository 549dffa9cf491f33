/** What the transport tells the user when it gives up. Never includes a header value. */
import { RateLimitError, UpstreamError } from "../errors.js";
import { describeHttpStatus } from "../http-status.js";
import { baseUrlVariableOf } from "../routes.js";
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
  /** What the request was doing, in the user's words ("reading your workouts"). */
  label: string;
  operation: string | undefined;
  /** The host the request went to, for network faults. */
  host: string;
  attempts: number;
  timeoutMs: number;
  now: number;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const times = (attempts: number) => (attempts === 1 ? "1 attempt" : `${attempts} attempts`);

/** TrainingPeaks' own hosts; any other was set by the user (a base URL variable) or a proxy. */
const OWN_HOST = /(^|\.)(trainingpeaks\.com|peakswaresb\.com)$/i;

type NetworkCause = "refused" | "dns" | "tls" | "reset" | "unreachable" | "connect_timeout" | "unknown";

function networkCauseOf(code: string | undefined): NetworkCause {
  if (code === undefined) return "unknown";
  if (code === "ECONNREFUSED") return "refused";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NONAME" || code === "EAI_FAIL") return "dns";
  if (/CERT|TLS|SSL|EPROTO/.test(code)) return "tls";
  if (code === "ENETUNREACH" || code === "EHOSTUNREACH" || code === "ENETDOWN") return "unreachable";
  if (code === "ETIMEDOUT" || code === "UND_ERR_CONNECT_TIMEOUT") return "connect_timeout";
  return "reset";
}

/** What went wrong on the way to the host, and on whose side it most likely is. */
function networkAdvice(cause: NetworkCause, code: string | undefined, host: string, operation: string | undefined): string {
  const own = OWN_HOST.test(host);
  const variable = baseUrlVariableOf(operation);
  const configured = `${host} is not a TrainingPeaks address but the one ${variable} (or the client's base URL) sets: check it`;
  const tag = code ? `, ${code}` : "";
  switch (cause) {
    case "refused":
      return `could not connect to ${host} (connection refused${tag}). ` +
        (own ? "Nothing answered there: check your network, VPN or proxy; if they are fine, TrainingPeaks may be down." : `${configured}, and that the server it names is running.`);
    case "dns":
      return `could not find ${host} (DNS lookup failed${tag}). ` +
        (own ? "This looks like your network: are you offline, or is DNS blocked here?" : `${configured} for a typo in the host name.`);
    case "tls":
      return `the secure connection to ${host} failed (TLS${tag}). ` +
        "That is usually on this machine's side: a proxy or antivirus that inspects HTTPS, or a wrong system clock.";
    case "unreachable":
      return `${host} cannot be reached from this machine (network unreachable${tag}): check your network connection.`;
    case "connect_timeout":
      return `could not connect to ${host} in time (${code}): a firewall or your network may be blocking it, or TrainingPeaks is down.`;
    case "reset":
      return `the connection to ${host} broke off (${code}): your network or TrainingPeaks dropped it. Try again in a few minutes.`;
    case "unknown":
      return `could not reach ${host} (network error). Check your network; if it is fine, TrainingPeaks may be down.`;
  }
}

/** The error for the last fault of a call that will not be retried again. */
export function giveUpError(fault: Fault, { label, operation, host, attempts, timeoutMs, now }: GiveUpContext): Error {
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
  const details = { operation, status: fault.reason === "server_error" ? fault.status : undefined, cause };
  const failed = `${capitalised(label)} failed after ${times(attempts)}`;
  if (fault.reason === "server_error") {
    return new UpstreamError(`${failed}: TrainingPeaks answered ${describeHttpStatus(fault.status)}. The trouble is on its side: try again in a few minutes.`, details);
  }
  if (fault.reason === "timeout") {
    return new UpstreamError(
      `${failed}: ${host} did not answer within ${describeDuration(timeoutMs)}. TrainingPeaks may be slow or down: try again in a few minutes.`,
      details,
    );
  }
  const code = networkErrorCode(cause);
  return new UpstreamError(`${failed}: ${networkAdvice(networkCauseOf(code), code, host, operation)}`, details);
}

/**
 * The reason a response body that did not arrive in time is errored with (the caller's body read
 * rejects with it). `stalled`: nothing came for most of the deadline, as opposed to a trickle.
 */
export function bodyTimeoutError(label: string, operation: string | undefined, timeoutMs: number, stalled = true): UpstreamError {
  const what = stalled
    ? `stopped sending its answer for ${describeDuration(timeoutMs)}`
    : `sent its answer too slowly: it was not complete within ${describeDuration(timeoutMs)}`;
  return new UpstreamError(`${capitalised(label)} failed: TrainingPeaks ${what}; try again in a few minutes.`, { operation });
}

/** The reason a response body larger than the limit is errored with, as soon as it passes it. */
export function bodyTooLargeError(label: string, operation: string | undefined, maxBytes: number): UpstreamError {
  return new UpstreamError(
    `${capitalised(label)} failed: TrainingPeaks sent more than ${describeBytes(maxBytes)}, the limit (TP_MAX_RESPONSE_BYTES); ` +
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
  return new UpstreamError(`${capitalised(label)} failed: TrainingPeaks redirected the request (${status}) ${what}; try again later, and if it persists the API may have changed.`, {
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
  return new RateLimitError(`${capitalised(label)}: the request was not sent, as ${reason}; ${pace}. Try again in ${describeWait(waitMs)}, or ask for less at once.`, {
    operation,
    retryAt: new Date(now + waitMs),
  });
}
