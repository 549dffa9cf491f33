import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "../generated/api.js";
import type { RecordSport } from "../generated/constants.js";
import { untilAborted } from "./abort.js";
import { athleteIdOf } from "./athlete.js";
import { authMiddleware, createTokenManager, type AccessToken, type TokenManager } from "./auth.js";
import { dataOf } from "./data.js";
import { baseUrlFrom, transportFromEnv } from "./env-config.js";
import { errorMiddleware } from "./error-middleware.js";
import { AuthError, UpstreamError } from "./errors.js";
import { assertId, assertPrType, assertRange, WORKOUT_LIST_MAX_DAYS } from "./input-checks.js";
import {
  normalizeFitness,
  normalizeRecord,
  normalizeWorkout,
  normalizeWorkoutRecords,
  type FitnessDay,
  type PersonalRecord,
  type Workout,
  type WorkoutRecords,
} from "./normalize.js";
import { operationOfRequest } from "./routes.js";
import { createResilientFetch, type TransportOptions } from "./transport.js";

type Schemas = components["schemas"];
export type FetchLike = (request: Request) => Promise<Response>;

export const DEFAULT_BASE_URL = "https://tpapi.trainingpeaks.com";
export const DEFAULT_PEAKSWARE_BASE_URL = "https://api.peakswaresb.com";
const WEB_APP_ORIGIN = "https://app.trainingpeaks.com";

export interface TrainingPeaksClientOptions {
  /** The Production_tpAuth cookie value. A secret: it never appears in any message. */
  cookie: string;
  /** Read this athlete's data (a coach's athlete). Default: TP_ATHLETE_ID, else the signed-in athlete. */
  athleteId?: number;
  /** Default: TP_API_BASE_URL, else https://tpapi.trainingpeaks.com. */
  baseUrl?: string;
  /** Default: TP_PEAKSWARE_BASE_URL, else https://api.peakswaresb.com. */
  peakswareBaseUrl?: string;
  /** The fetch to send requests with. The default looks up globalThis.fetch on every call, so mocks installed later (msw) see them. */
  fetch?: FetchLike;
  /**
   * Where the defaults above are read from; default process.env. Also TP_REQUEST_TIMEOUT_MS,
   * TP_MAX_RETRIES, TP_MAX_RETRY_WAIT_MS and TP_REQUESTS_PER_MINUTE tune the transport.
   */
  env?: Record<string, string | undefined>;
  /** The clock, in milliseconds since the epoch (tests). */
  now?: () => number;
  /** Pacing, retries and timeouts of every request; `false` sends each request once, as is. */
  transport?: TransportOptions | false;
}

export interface RequestOptions {
  /** Aborts the HTTP requests of this call (e.g. when an MCP request is cancelled). */
  signal?: AbortSignal;
}

export interface TrainingPeaksClient {
  getUser(options?: RequestOptions): Promise<Schemas["UserResponse"]>;
  /** The athlete whose data the client reads (looked up once, then cached). */
  getAthleteId(options?: RequestOptions): Promise<number>;
  /** The signed-in user's IANA time zone, for "today" on the athlete's calendar (looked up once). */
  getTimeZone(options?: RequestOptions): Promise<string | null>;
  /** Workouts from startDate to endDate (YYYY-MM-DD, inclusive, at most 90 days). */
  getWorkouts(startDate: string, endDate: string, options?: RequestOptions): Promise<Workout[]>;
  getWorkout(workoutId: number, options?: RequestOptions): Promise<Workout>;
  getWorkoutDetails(workoutId: number, options?: RequestOptions): Promise<Schemas["WorkoutDetails"]>;
  getWorkoutLaps(workoutId: number, options?: RequestOptions): Promise<Schemas["WorkoutDetailData"]>;
  /** Daily CTL/ATL/TSB/TSS; days after today carry planned TSS. */
  getFitness(startDate: string, endDate: string, options?: RequestOptions & { workoutTypes?: number[] }): Promise<FitnessDay[]>;
  /** Ranked peaks of one record type between two dates. */
  getPeaks(sport: RecordSport, prType: string, startDate: string, endDate: string, options?: RequestOptions): Promise<PersonalRecord[]>;
  getWorkoutRecords(workoutId: number, options?: RequestOptions): Promise<WorkoutRecords>;
  getSettings(options?: RequestOptions): Promise<Schemas["AthleteSettings"]>;
  getEvents(startDate: string, endDate: string, options?: RequestOptions): Promise<Schemas["Event"][]>;
  getFocusEvent(options?: RequestOptions): Promise<Schemas["Event"] | null>;
  getNextPlannedEvent(options?: RequestOptions): Promise<Schemas["Event"] | null>;
  getMetrics(startDate: string, endDate: string, options?: RequestOptions): Promise<Schemas["MetricEntry"][]>;
  getAnnualPlan(startDate: string, endDate: string, options?: RequestOptions): Promise<Schemas["AnnualPlanWeek"][]>;
  analyzeWorkout(workoutId: number, options?: RequestOptions): Promise<Schemas["AnalysisSummary"]>;
  /** A strength workout's blocks, exercises and sets (the analysis host). */
  getStrengthWorkout(workoutId: number, options?: RequestOptions): Promise<Schemas["StrengthWorkout"]>;
  /** Exchanges the cookie for a token now (or reuses the cached one): how `tp-mcp auth` checks a cookie. */
  authenticate(options?: RequestOptions): Promise<{ expiresAt: Date }>;
  /** The typed openapi-fetch clients, for operations this interface does not wrap. */
  readonly api: Client<paths>;
  readonly analysis: Client<paths>;
  /** Token exchanges made so far. */
  readonly tokenExchanges: number;
}

export function createTrainingPeaksClient(options: TrainingPeaksClientOptions): TrainingPeaksClient {
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now;
  if (typeof options.cookie !== "string" || options.cookie.trim() === "") {
    throw new AuthError(`No TrainingPeaks cookie was given. ${AuthError.advice}`);
  }
  const cookie = options.cookie.trim();
  const baseFetch: FetchLike = options.fetch ?? ((request) => globalThis.fetch(request));
  const fetchImpl: FetchLike =
    options.transport === false ? baseFetch : createResilientFetch(baseFetch, { operationOf: operationOfRequest, now, ...transportFromEnv(env), ...options.transport });
  const baseUrl = baseUrlFrom(options.baseUrl, env.TP_API_BASE_URL, DEFAULT_BASE_URL);
  const peakswareBaseUrl = baseUrlFrom(options.peakswareBaseUrl, env.TP_PEAKSWARE_BASE_URL, DEFAULT_PEAKSWARE_BASE_URL);
  const explicitAthlete = options.athleteId ?? (env.TP_ATHLETE_ID ? Number(env.TP_ATHLETE_ID) : undefined);
  if (explicitAthlete !== undefined) assertId("athleteId (TP_ATHLETE_ID)", explicitAthlete);

  const errors = errorMiddleware(now);
  // Built on first use: creating an openapi-fetch client reads globalThis.Request, which makes
  // Node load its whole fetch implementation, ~11 ms of the server's start-up (npm run bench).
  let built: { exchange: Client<paths>; api: Client<paths>; analysis: Client<paths> } | undefined;
  const http = () => (built ??= createHttpClients());
  const tokens: TokenManager = createTokenManager(async (): Promise<AccessToken> => {
    const body = await dataOf(
      "exchangeToken",
      http().exchange.GET("/users/v3/token", { headers: { Cookie: `Production_tpAuth=${cookie}` } }),
    );
    const token = body.token;
    if (!token?.access_token) {
      throw new AuthError(`TrainingPeaks did not accept the session cookie. ${AuthError.advice}`, { operation: "exchangeToken" });
    }
    const expiresIn = typeof token.expires_in === "number" ? token.expires_in * 1000 : NaN;
    const expiresAt = Number.isFinite(expiresIn) ? now() + expiresIn : Date.parse(token.expires ?? "");
    return { value: token.access_token, expiresAt: Number.isFinite(expiresAt) ? expiresAt : now() + 3_600_000 };
  }, now);

  function createHttpClients() {
    const exchange = createClient<paths>({ baseUrl, fetch: fetchImpl });
    exchange.use(errors);
    const auth = authMiddleware(tokens, fetchImpl);
    const api = createClient<paths>({ baseUrl, fetch: fetchImpl });
    const analysis = createClient<paths>({
      baseUrl: peakswareBaseUrl,
      fetch: fetchImpl,
      // The analysis host expects the web app's origin, as the browser sends it.
      headers: { Origin: WEB_APP_ORIGIN, Referer: `${WEB_APP_ORIGIN}/` },
    });
    for (const client of [api, analysis]) client.use(errors, auth);
    return { exchange, api, analysis };
  }

  // The signed-in user, looked up once and shared by every call that waits for it, so no one
  // caller's cancellation may abort it. A failed lookup is not cached: the next call tries again.
  let user: Promise<Schemas["UserResponse"]> | undefined;
  const getUser = (request?: RequestOptions) => dataOf("getUser", http().api.GET("/users/v3/user", { signal: request?.signal }));
  const sharedUser = (request?: RequestOptions) => {
    if (!user) {
      const lookup = getUser();
      user = lookup;
      lookup.catch(() => {
        if (user === lookup) user = undefined;
      });
    }
    return untilAborted(user, request?.signal);
  };
  const getAthleteId = async (request?: RequestOptions) => explicitAthlete ?? athleteIdOf(await sharedUser(request));
  const withAthlete = async <T>(request: RequestOptions | undefined, call: (athleteId: number, signal?: AbortSignal) => Promise<T>) =>
    call(await getAthleteId(request), request?.signal);
  const workoutPath = (id: number, workoutId: number) => ({ athleteId: id, workoutId });

  return {
    getUser,
    getAthleteId,
    getTimeZone: async (request) => (await sharedUser(request)).user.timeZone ?? null,
    async getWorkouts(startDate, endDate, request) {
      assertRange(startDate, endDate, WORKOUT_LIST_MAX_DAYS);
      return withAthlete(request, (id, signal) =>
        dataOf("getWorkouts", http().api.GET("/fitness/v6/athletes/{athleteId}/workouts/{startDate}/{endDate}", {
          params: { path: { athleteId: id, startDate, endDate } },
          signal,
        })),
      );
    },
    async getWorkout(workoutId, request) {
      assertId("workoutId", workoutId);
      const body = await withAthlete(request, (id, signal) =>
        dataOf("getWorkout", http().api.GET("/fitness/v6/athletes/{athleteId}/workouts/{workoutId}", {
          params: { path: workoutPath(id, workoutId) },
          signal,
        })),
      );
      const workout = normalizeWorkout(body);
      if (!workout) throw new UpstreamError("TrainingPeaks answered getWorkout with an empty list.", { operation: "getWorkout" });
      return workout;
    },
    async getWorkoutDetails(workoutId, request) {
      assertId("workoutId", workoutId);
      return withAthlete(request, (id, signal) =>
        dataOf("getWorkoutDetails", http().api.GET("/fitness/v6/athletes/{athleteId}/workouts/{workoutId}/details", {
          params: { path: workoutPath(id, workoutId) },
          signal,
        })),
      );
    },
    async getWorkoutLaps(workoutId, request) {
      assertId("workoutId", workoutId);
      return withAthlete(request, (id, signal) =>
        dataOf("getWorkoutLaps", http().api.GET("/fitness/v6/athletes/{athleteId}/workouts/{workoutId}/detaildata", {
          params: { path: workoutPath(id, workoutId) },
          signal,
        })),
      );
    },
    async getFitness(startDate, endDate, request) {
      assertRange(startDate, endDate);
      const body = await withAthlete(request, (id, signal) =>
        dataOf("getPerformanceData", http().api.POST("/fitness/v1/athletes/{athleteId}/reporting/performancedata/{startDate}/{endDate}", {
          params: { path: { athleteId: id, startDate, endDate } },
          body: { atlConstant: 7, atlStart: 0, ctlConstant: 42, ctlStart: 0, workoutTypes: request?.workoutTypes ?? [] },
          signal,
        })),
      );
      return normalizeFitness(body);
    },
    async getPeaks(sport, prType, startDate, endDate, request) {
      assertPrType(sport, prType);
      assertRange(startDate, endDate);
      const body = await withAthlete(request, (id, signal) =>
        dataOf("getAthletePeaks", http().api.GET("/personalrecord/v2/athletes/{athleteId}/{sport}", {
          params: {
            path: { athleteId: id, sport },
            query: { prType, startDate: `${startDate}T00:00:00`, endDate: `${endDate}T00:00:00` },
          },
          signal,
        })),
      );
      return body.map(normalizeRecord);
    },
    async getWorkoutRecords(workoutId, request) {
      assertId("workoutId", workoutId);
      const body = await withAthlete(request, (id, signal) =>
        dataOf("getWorkoutPersonalRecords", http().api.GET("/personalrecord/v2/athletes/{athleteId}/workouts/{workoutId}", {
          params: { path: workoutPath(id, workoutId), query: { displayPeaksForBasic: true } },
          signal,
        })),
      );
      return normalizeWorkoutRecords(workoutId, body);
    },
    getSettings: (request) =>
      withAthlete(request, (id, signal) =>
        dataOf("getAthleteSettings", http().api.GET("/fitness/v1/athletes/{athleteId}/settings", { params: { path: { athleteId: id } }, signal })),
      ),
    async getEvents(startDate, endDate, request) {
      assertRange(startDate, endDate);
      return withAthlete(request, (id, signal) =>
        dataOf("getEvents", http().api.GET("/fitness/v6/athletes/{athleteId}/events/{startDate}/{endDate}", {
          params: { path: { athleteId: id, startDate, endDate } },
          signal,
        })),
      );
    },
    // Both answer null (or nothing) when the athlete has no such event.
    getFocusEvent: (request) =>
      withAthlete(request, (id, signal) =>
        dataOf("getFocusEvent", http().api.GET("/fitness/v6/athletes/{athleteId}/events/focusevent", { params: { path: { athleteId: id } }, signal })),
      ),
    getNextPlannedEvent: (request) =>
      withAthlete(request, (id, signal) =>
        dataOf("getNextPlannedEvent", http().api.GET("/fitness/v6/athletes/{athleteId}/events/nextplannedevent", { params: { path: { athleteId: id } }, signal })),
      ),
    async getMetrics(startDate, endDate, request) {
      assertRange(startDate, endDate);
      return withAthlete(request, (id, signal) =>
        dataOf("getMetrics", http().api.GET("/metrics/v3/athletes/{athleteId}/consolidatedtimedmetrics/{startDate}/{endDate}", {
          params: { path: { athleteId: id, startDate, endDate } },
          signal,
        })),
      );
    },
    async getAnnualPlan(startDate, endDate, request) {
      assertRange(startDate, endDate);
      return withAthlete(request, (id, signal) =>
        dataOf("getAnnualTrainingPlan", http().api.GET("/fitness/v1/athletes/{athleteId}/atp/{startDate}/{endDate}", {
          params: { path: { athleteId: id, startDate, endDate } },
          signal,
        })),
      );
    },
    async analyzeWorkout(workoutId, request) {
      assertId("workoutId", workoutId);
      return dataOf("analyzeWorkoutSummary", http().analysis.POST("/workout-analysis/v2/analyze/summary", { body: { workoutId }, signal: request?.signal }));
    },
    async getStrengthWorkout(workoutId, request) {
      assertId("workoutId", workoutId);
      const body = await dataOf("getStrengthWorkout", http().analysis.GET("/rx/activity/v1/workouts/{workoutId}", {
        params: { path: { workoutId } },
        signal: request?.signal,
      }));
      return body.data;
    },
    async authenticate() {
      const token = await tokens.getToken();
      return { expiresAt: new Date(token.expiresAt) };
    },
    get api() {
      return http().api;
    },
    get analysis() {
      return http().analysis;
    },
    get tokenExchanges() {
      return tokens.exchanges;
    },
  };
}

