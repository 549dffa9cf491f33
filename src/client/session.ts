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

/**
 * Who the client reads as, and for whom: the token, the signed-in user, the default athlete, and
 * each athlete's time zone. One session serves every athlete a coach reads: one token exchange.
 */
export interface Session {
  /** Exchanged from the cookie once, shared by concurrent calls, renewed before it expires. */
  readonly tokens: TokenManager;
  /** Looks the signed-in user up afresh (not shared: the caller's signal aborts it). */
  user(signal?: AbortSignal): Promise<UserResponse>;
  /** The signed-in user, looked up once and shared; `{ fresh: true }` looks again (a roster that changed). */
  account(signal?: AbortSignal, options?: { fresh?: boolean }): Promise<UserResponse>;
  /** The athlete read when none is named: the caller's choice, else the signed-in athlete. */
  athleteId(signal?: AbortSignal): Promise<number>;
  /** An athlete's IANA time zone, or null where TrainingPeaks has none; looked up once per athlete. */
  timeZoneOf(athleteId: number, signal?: AbortSignal): Promise<string | null>;
}

const FALLBACK_TOKEN_LIFETIME_MS = 3_600_000;

/**
 * A lookup done once and shared by every caller that waits for it, so no one caller's
 * cancellation may abort it. A failed lookup is not kept: the next caller tries again.
 */
function sharedLookup<T>(lookup: () => Promise<T>) {
  let shared: Promise<T> | undefined;
  return {
    get(signal?: AbortSignal, fresh = false): Promise<T> {
      if (!shared || fresh) {
        const pending = lookup();
        shared = pending;
        pending.catch(() => {
          if (shared === pending) shared = undefined;
        });
      }
      return untilAborted(shared, signal);
    },
  };
}

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
  const account = sharedLookup(() => user());

  // The signed-in user's time zone is in the user record; a coached athlete's is in that
  // athlete's settings (the roster entries carry none).
  const timeZones = new Map<number, ReturnType<typeof sharedLookup<string | null>>>();
  const timeZoneLookup = (id: number) =>
    sharedLookup(async () => {
      const { user: me } = await account.get();
      if (id === me.userId) return me.timeZone ?? null;
      const settings = await call("getAthleteSettings", { params: { path: { athleteId: id } } });
      return settings.timeZone ?? null;
    });

  return {
    tokens,
    user,
    account: (signal, options) => account.get(signal, options?.fresh),
    athleteId: async (signal) => athleteId ?? athleteIdOf(await account.get(signal)),
    timeZoneOf: (id, signal) => {
      let lookup = timeZones.get(id);
      if (!lookup) timeZones.set(id, (lookup = timeZoneLookup(id)));
      return lookup.get(signal);
    },
  };
}
