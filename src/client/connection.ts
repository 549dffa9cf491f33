/**
 * What every athlete's client of one account shares, built once from the options: the checked
 * cookie and base URLs, the transport, the operations and the session (token, user, caches).
 */
import { baseUrlFrom, transportFromEnv } from "./env-config.js";
import type { FetchLike, TrainingPeaksClient, TrainingPeaksClientOptions } from "./client.js";
import { AuthError } from "./errors.js";
import { lazyHttpClients } from "./http-clients.js";
import { assertId } from "./input-checks.js";
import { createOperationCall } from "./operations.js";
import { operationOfRequest } from "./routes.js";
import { scrubbingCall } from "./scrub.js";
import { createSession, type Session } from "./session.js";
import { createResilientFetch } from "./transport.js";

export const DEFAULT_BASE_URL = "https://tpapi.trainingpeaks.com";
export const DEFAULT_PEAKSWARE_BASE_URL = "https://api.peakswaresb.com";

/** What every athlete's client shares: the transport, the operations, the session (token, user, caches). */
export interface Connection {
  call: ReturnType<typeof scrubbingCall>;
  session: Session;
  http: ReturnType<typeof lazyHttpClients>;
  now: () => number;
  knownSecrets: () => string[];
  /** One client per athlete, so each athlete's caches are shared by every caller. */
  bound: Map<number, TrainingPeaksClient>;
}

export function connect(options: TrainingPeaksClientOptions): Connection {
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now;
  if (typeof options.cookie !== "string" || options.cookie.trim() === "") {
    throw new AuthError(`No TrainingPeaks cookie was given. ${AuthError.advice}`);
  }
  const cookie = options.cookie.trim();
  // RFC 6265's cookie-octet: anything else (a CR/LF above all) would break or inject a header, and
  // Headers.set would throw with the cookie in its message.
  if (!/^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]+$/.test(cookie)) {
    throw new AuthError(
      `The TrainingPeaks cookie contains characters a cookie cannot have (spaces, control characters, quotes, ';', ',' or '\\'). ${AuthError.advice}`,
    );
  }
  // Checked before anything else is built: a bad URL is a configuration error at creation.
  const baseUrl = baseUrlFrom({ optionName: "baseUrl", option: options.baseUrl, variable: "TP_API_BASE_URL", env, fallback: DEFAULT_BASE_URL });
  const peakswareBaseUrl = baseUrlFrom({
    optionName: "peakswareBaseUrl",
    option: options.peakswareBaseUrl,
    variable: "TP_PEAKSWARE_BASE_URL",
    env,
    fallback: DEFAULT_PEAKSWARE_BASE_URL,
  });
  const baseFetch: FetchLike = options.fetch ?? ((request) => globalThis.fetch(request));
  const fetchImpl: FetchLike =
    options.transport === false ? baseFetch : createResilientFetch(baseFetch, { operationOf: operationOfRequest, now, ...transportFromEnv(env), ...options.transport });
  const explicitAthlete = options.athleteId ?? (env.TP_ATHLETE_ID ? Number(env.TP_ATHLETE_ID) : undefined);
  if (explicitAthlete !== undefined) assertId("athleteId (TP_ATHLETE_ID)", explicitAthlete);

  const http = lazyHttpClients({ baseUrl, peakswareBaseUrl, fetch: fetchImpl, now, tokens: () => session.tokens });
  const knownSecrets = () => [cookie, ...session.tokens.issued];
  // Every operation's error leaves the client scrubbed of the cookie and every token received.
  const call = scrubbingCall(createOperationCall(http.clientFor), knownSecrets);
  const session = createSession({ cookie, athleteId: explicitAthlete, call, now });
  return { call, session, http, now, knownSecrets, bound: new Map() };
}
