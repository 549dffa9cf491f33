import type { Middleware } from "openapi-fetch";
import { AuthError, UpstreamError } from "./errors.js";
import { discard } from "./transport/faults.js";

export interface AccessToken {
  value: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export interface TokenManager {
  /** A valid token: the cached one, or a new one from a single shared exchange. */
  getToken(): Promise<AccessToken>;
  /** Forgets `token` (after a 401) so the next getToken exchanges again; a newer token is kept. */
  invalidate(token: AccessToken): void;
  /** How many exchanges were made (for tests and the benchmark). */
  readonly exchanges: number;
  /** Every token value received so far: secrets to keep out of any output, even once replaced. */
  readonly issued: readonly string[];
}

/**
 * What a token must look like to go into an Authorization header: visible ASCII, no spaces or
 * control characters. A CR/LF in it made Headers.set throw with the token in its message, on
 * every call for the token's lifetime. RFC 6750's b64token is stricter; this is the part that
 * matters for safety, without betting on the exact alphabet TrainingPeaks uses.
 */
const HEADER_SAFE_TOKEN = /^[\x21-\x7E]+$/;

/** Renew this long before expiry, so a token never expires in flight. */
export const RENEW_BEFORE_MS = 60_000;

export function createTokenManager(exchange: () => Promise<AccessToken>, now: () => number = Date.now): TokenManager {
  let token: AccessToken | undefined;
  let pending: Promise<AccessToken> | undefined;
  let exchanges = 0;
  const issued = new Set<string>();
  return {
    getToken() {
      if (token && now() < token.expiresAt - RENEW_BEFORE_MS) return Promise.resolve(token);
      // Single flight: every caller that arrives while an exchange is under way waits for it.
      pending ??= (async () => {
        try {
          exchanges += 1;
          const received = await exchange();
          // A secret from the moment it arrives, even one refused below: redaction must know it.
          issued.add(received.value);
          if (!HEADER_SAFE_TOKEN.test(received.value)) {
            // Not cached: the next call exchanges again rather than failing for the token's lifetime.
            throw new UpstreamError(
              "TrainingPeaks answered exchangeToken with a token that cannot be sent back (it contains spaces or " +
                "control characters); try again in a few minutes, and if it persists the API may have changed.",
              { operation: "exchangeToken" },
            );
          }
          token = received;
          return token;
        } finally {
          pending = undefined;
        }
      })();
      return pending;
    },
    invalidate(stale) {
      if (token === stale) token = undefined;
    },
    get exchanges() {
      return exchanges;
    },
    get issued() {
      return [...issued];
    },
  };
}

/**
 * openapi-fetch middleware: adds the bearer token, and on a 401 exchanges the cookie again and
 * retries once. A second 401 means the cookie itself is no longer accepted.
 */
export function authMiddleware(tokens: TokenManager, fetchImpl: (request: Request) => Promise<Response>): Middleware {
  const sent = new WeakMap<Request, { token: AccessToken; retry: Request }>();
  return {
    async onRequest({ request }) {
      const token = await tokens.getToken();
      request.headers.set("Authorization", `Bearer ${token.value}`);
      // Keep an unread copy: the body of the request sent is consumed by then.
      sent.set(request, { token, retry: request.clone() });
      return request;
    },
    async onResponse({ request, response }) {
      if (response.status !== 401) return response;
      const first = sent.get(request);
      if (!first) return response;
      tokens.invalidate(first.token);
      const token = await tokens.getToken();
      first.retry.headers.set("Authorization", `Bearer ${token.value}`);
      const retried = await fetchImpl(first.retry);
      if (retried.status === 401) {
        void discard(retried);
        throw new AuthError(`TrainingPeaks refused the session cookie. ${AuthError.advice}`, { status: 401 });
      }
      return retried;
    },
  };
}
