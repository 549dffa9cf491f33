import { isTpError } from "../client/errors.js";

/**
 * A read the answer can do without (a workout's files, the athlete's zones): any failure of it
 * answers undefined, except the ones the user must act on, which fail the call (a refused
 * sign-in, the rate limit).
 */
export function unlessUnreadable<T>(promise: Promise<T>): Promise<T | undefined> {
  return promise.catch((error: unknown) => {
    if (isTpError(error) && error.code !== "auth" && error.code !== "rate_limited") return undefined;
    throw error;
  });
}
