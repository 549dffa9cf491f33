/**
 * One error family for the SDK, the MCP tools and the CLI. Every message says what happened and
 * what the user can do next, and never contains the cookie or the token.
 */
export type TpErrorCode = "auth" | "rate_limited" | "upstream" | "not_found" | "invalid_input";

export interface TpErrorDetails {
  /** The API operation that failed (e.g. getWorkouts), where there was one. */
  operation?: string;
  /** The HTTP status TrainingPeaks answered with, where there was one. */
  status?: number;
  cause?: unknown;
}

export abstract class TpError extends Error {
  abstract readonly code: TpErrorCode;
  readonly operation: string | undefined;
  readonly status: number | undefined;

  constructor(message: string, details: TpErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.operation = details.operation;
    this.status = details.status;
  }
}

/** The cookie is missing, expired or refused. */
export class AuthError extends TpError {
  readonly code = "auth" as const;
  static readonly advice =
    "Run `tp-mcp auth` with a fresh Production_tpAuth cookie from a logged-in browser " +
    "(or set TP_AUTH_COOKIE).";
}

/** TrainingPeaks asked us to slow down. */
export class RateLimitError extends TpError {
  readonly code = "rate_limited" as const;
  /** When a new request may succeed, where TrainingPeaks said so or we can estimate it. */
  readonly retryAt: Date | undefined;

  constructor(message: string, details: TpErrorDetails & { retryAt?: Date } = {}) {
    super(message, details);
    this.retryAt = details.retryAt;
  }
}

/** The workout (or other object) does not exist for this athlete. */
export class NotFoundError extends TpError {
  readonly code = "not_found" as const;
}

/** TrainingPeaks failed, timed out, or answered with something we cannot read. */
export class UpstreamError extends TpError {
  readonly code = "upstream" as const;
}

/** The caller asked for something the API cannot answer (a bad date, a range too long, …). */
export class InvalidInputError extends TpError {
  readonly code = "invalid_input" as const;
}

export function isTpError(error: unknown): error is TpError {
  return error instanceof TpError;
}
