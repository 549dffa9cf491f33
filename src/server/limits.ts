/**
 * The server's own limits, on top of the client's per-request ones (TP_REQUEST_TIMEOUT_MS, …):
 * no call runs forever, no answer floods the client, and shutdown ends in bounded time.
 */
import { InvalidInputError } from "../client/errors.js";

export interface ServerLimits {
  /** Overall deadline of one tool call, pacing and retries included (TP_TOOL_TIMEOUT_MS). */
  toolTimeoutMs: number;
  /** The largest tool result sent, text, structured content and any chart (TP_MAX_RESULT_BYTES). */
  maxResultBytes: number;
  /** How long calls in flight may still answer once shutdown began (TP_SHUTDOWN_GRACE_MS). */
  shutdownGraceMs: number;
}

export const SERVER_LIMITS: ServerLimits = {
  // Four attempts of 30 s each could take longer; an MCP client's own default wait is 60 s, but
  // clients that raise it (long fitness ranges at a slow upstream) still get an answer in bounded time.
  toolTimeoutMs: 120_000,
  // Some 3,000 workouts at ~330 bytes each (the demo's 90 days, 123 workouts, answer 40 KB):
  // far more than a real 90-day range, far less than the 36 MB a hostile upstream produced.
  maxResultBytes: 1024 * 1024,
  shutdownGraceMs: 5_000,
};

/** Node fires a setTimeout longer than this at once. */
const MAX_TIMER_MS = 2_147_483_647;

export function serverLimitsFromEnv(env: Record<string, string | undefined>): Partial<ServerLimits> {
  const read = (name: string, min: number, max: number): number | undefined => {
    const value = env[name];
    if (value === undefined || value === "") return undefined;
    const number = Number(value);
    if (!Number.isInteger(number) || number < min || number > max) {
      throw new InvalidInputError(`${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)}).`);
    }
    return number;
  };
  const limits: Partial<ServerLimits> = {
    toolTimeoutMs: read("TP_TOOL_TIMEOUT_MS", 1, MAX_TIMER_MS),
    maxResultBytes: read("TP_MAX_RESULT_BYTES", 1024, Number.MAX_SAFE_INTEGER),
    shutdownGraceMs: read("TP_SHUTDOWN_GRACE_MS", 0, MAX_TIMER_MS),
  };
  return Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined));
}
