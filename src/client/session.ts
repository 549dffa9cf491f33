import type { components } from "../generated/api.js";
import { untilAborted } from "./abort.js";
import { athleteIdOf } from "./athlete.js";
import { createTokenManager, type TokenManager } from "./auth.js";
import { AuthError } from "./errors.js";
import type { OperationCall } from "./operations.js";

type UserResponse = components["schemas"]["UserResponse"];

export interface SessionOptions {
  /** The Production_tpAuth cookie value, trimmed. */
  cookie: string;
  /** The athlete named by the caller; otherwise the signed-in user's own. */
  athleteId: number | undefined;
  call: OperationCall;
  now: () => number;
}

/** Who the client reads as, and for whom: the token, the signed-in user, the athlete, the time zone. */
export interface Session {
  /** Exchanged from the cookie once, shared by concurrent calls, renewed before it expires. */
  readonly tokens: TokenManager;
  /** Looks the signed-in user up afresh (not shared: the caller's signal aborts it). */
  user(signal?: AbortSignal): Promise<UserResponse>;
  /** The athlete whose data the client reads. */
  athleteId(signal?: AbortSignal): Promise<number>;
  /** The signed-in user's IANA time zone, or null where TrainingPeaks has none. */
  timeZone(signal?: AbortSignal): Promise<string | null>;
}

const FALLBACK_TOKEN_LIFETIME_MS = 3_600_000;

export function createSession({ cookie, athleteId, call, now }: SessionOptions): Session {
  const tokens = createTokenManager(async () => {
    const { token } = await call("exchangeToken", { headers: { Cookie: `Production_tpAuth=${cookie}` } });
    if (!token?.access_token) {
      throw new AuthError(`TrainingPeaks did not accept the session cookie. ${AuthError.advice}`, { operation: "exchangeToken" });
    }
    const expiresIn = typeof token.expires_in === "number" ? token.expires_in * 1000 : NaN;
    const expiresAt = Number.isFinite(expiresIn) ? now() + expiresIn : Date.parse(token.expires ?? "");
    return { value: token.access_token, expiresAt: Number.isFinite(expiresAt) ? expiresAt : now() + FALLBACK_TOKEN_LIFETIME_MS };
  }, now);

  const user = (signal?: AbortSignal) => call("getUser", { signal });

  // The signed-in user, looked up once and shared by every call that waits for it, so no one
  // caller's cancellation may abort it. A failed lookup is not cached: the next call tries again.
  let shared: Promise<UserResponse> | undefined;
  const sharedUser = (signal?: AbortSignal) => {
    if (!shared) {
      const lookup = user();
      shared = lookup;
      lookup.catch(() => {
        if (shared === lookup) shared = undefined;
      });
    }
    return untilAborted(shared, signal);
  };

  return {
    tokens,
    user,
    athleteId: async (signal) => athleteId ?? athleteIdOf(await sharedUser(signal)),
    timeZone: async (signal) => (await sharedUser(signal)).user.timeZone ?? null,
  };
}
