/** What the transport tells the user when it gives up. Never includes a header value. */
import { RateLimitError, UpstreamError } from "../errors.js";
import { describeStatus, networkErrorCode } from "./faults.js";
import { describeClock, describeDuration, describeWait } from "./timing.js";

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
      ? ` (${describeStatus(fault.status)})`
      : fault.reason === "timeout"
        ? ` within ${describeDuration(timeoutMs)}`
        : ` (network error${code === undefined ? "" : `: ${code}`})`;
  return new UpstreamError(
    `TrainingPeaks did not answer ${label}${what} after ${attempts} attempt${attempts === 1 ? "" : "s"}; ` +
      "it may be down — try again in a few minutes.",
    { operation, status: fault.reason === "server_error" ? fault.status : undefined, cause },
  );
}

/** The reason a response body that stalled is aborted with (the caller's body read rejects with it). */
export function bodyTimeoutError(label: string, operation: string | undefined, timeoutMs: number): UpstreamError {
  return new UpstreamError(
    `TrainingPeaks stopped sending the answer to ${label} for ${describeDuration(timeoutMs)}; try again in a few minutes.`,
    { operation },
  );
}
