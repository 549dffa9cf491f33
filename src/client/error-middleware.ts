import type { Middleware } from "openapi-fetch";
import { AuthError, NotFoundError, RateLimitError, UpstreamError } from "./errors.js";
import { describeHttpStatus } from "./http-status.js";
import { activityOf, operationOf } from "./routes.js";
import { discard } from "./transport/faults.js";
import { parseRetryAfter } from "./transport/timing.js";

function isJson(response: Response): boolean {
  return /\bjson\b/i.test(response.headers.get("content-type") ?? "");
}

/**
 * Turns every answer that is not usable JSON into the error family, once, for every operation:
 * statuses, and a 200 carrying an HTML page (what TrainingPeaks sends when the session is gone).
 * It runs before the auth middleware sees the response last, so a 401 here is final.
 */
export function errorMiddleware(now: () => number = Date.now): Middleware {
  return {
    async onResponse({ response, schemaPath, request }) {
      const operation = operationOf(request.method, schemaPath);
      const details = { operation, status: response.status };
      if (response.ok) {
        if (response.status === 204 || isJson(response)) return response;
        const text = await response.clone().text();
        if (text.trim() === "") return response;
        if (/^\s*</.test(text)) {
          void discard(response);
          // For the exchange, a login page is TrainingPeaks' way of refusing the cookie.
          if (operation === "exchangeToken") {
            throw new AuthError(`TrainingPeaks did not accept the session cookie. ${AuthError.advice}`, details);
          }
          throw new UpstreamError(
            `TrainingPeaks sent a web page instead of data while ${activityOf(operation)}, which usually means the ` +
              `session has expired. ${AuthError.advice}`,
            details,
          );
        }
        return response;
      }
      void discard(response);
      switch (response.status) {
        case 403: {
          // A coach naming an athlete not theirs gets a 403 on that athlete's path: a fresh cookie would not help.
          const athleteId = /\/(?:athletes|calendar)\/(\d+)(?:\/|$)/.exec(new URL(request.url).pathname)?.[1];
          if (athleteId) {
            throw new AuthError(
              `TrainingPeaks refused access to athlete ${athleteId}'s data while ${activityOf(operation)} (403): this account does not ` +
                `coach that athlete, or may not see that data. tp_list_athletes lists the athletes it reads. If the athlete is you: ${AuthError.advice}`,
              details,
            );
          }
          throw new AuthError(`TrainingPeaks refused access while ${activityOf(operation)} (403). ${AuthError.advice}`, details);
        }
        case 401:
          throw new AuthError(`TrainingPeaks refused access while ${activityOf(operation)} (${response.status}). ${AuthError.advice}`, details);
        case 404:
          throw new NotFoundError(`TrainingPeaks found no such item while ${activityOf(operation)}: check the id (list workouts first to find ids).`, details);
        case 429: {
          // Reached only without the transport (transport: false), which otherwise handles 429s.
          const at = now();
          const waitMs = parseRetryAfter(response.headers.get("retry-after"), at);
          const retryAt = waitMs === undefined ? undefined : new Date(at + waitMs);
          const when = retryAt ? `after ${retryAt.toISOString().slice(11, 19)} UTC` : "in a minute";
          throw new RateLimitError(`TrainingPeaks is rate-limiting requests; try again ${when}.`, { ...details, retryAt });
        }
        case 400:
          throw new UpstreamError(
            `TrainingPeaks refused the request while ${activityOf(operation)} (400 Bad Request); the item may have no such data.`,
            details,
          );
        default:
          throw new UpstreamError(
            `TrainingPeaks failed while ${activityOf(operation)} (${describeHttpStatus(response.status)}); ` +
              "it may be down or the API may have changed. Try again in a few minutes.",
            details,
          );
      }
    },
  };
}
