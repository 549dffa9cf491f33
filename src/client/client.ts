import type { Client } from "openapi-fetch";
import type { components, paths } from "../generated/api.js";
import { MAX_RANGE_DAYS, type OperationId, type RecordSport } from "../generated/constants.js";
import { analysisMethods } from "./analysis.js";
import { UpstreamError } from "./errors.js";
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
import type { OperationInit } from "./operations.js";
import { athletesNamed, pickAthlete, rosterOf, type RosterAthlete } from "./roster.js";
import { scrubError } from "./scrub.js";
import { connect, type Connection } from "./connection.js";
import type { TransportOptions } from "./transport.js";

type Schemas = components["schemas"];
export type FetchLike = (request: Request) => Promise<Response>;

export { DEFAULT_BASE_URL, DEFAULT_PEAKSWARE_BASE_URL } from "./connection.js";

export interface TrainingPeaksClientOptions {
  /** The Production_tpAuth cookie value. A secret: it never appears in any message. */
  cookie: string;
  /** Read this athlete's data (a coach's athlete). Default: TP_ATHLETE_ID, else the signed-in athlete. */
  athleteId?: number;
  /**
   * Default: TP_API_BASE_URL, else https://tpapi.trainingpeaks.com. Must be https (plain http only
   * to loopback, or with TP_ALLOW_INSECURE_BASE_URL=1), with no user:password@, query or fragment.
   */
  baseUrl?: string;
  /** Default: TP_PEAKSWARE_BASE_URL, else https://api.peakswaresb.com. Checked as baseUrl is. */
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
  /** `true` (with no cookie) is the offline demo athlete: see DemoClientOptions. */
  demo?: false;
}

/** The offline demo athlete instead of an account: `createTrainingPeaksClient({ demo: true })`. */
export interface DemoClientOptions {
  /** Two years of synthetic training, answered in-process: no cookie, no network, so never paced or retried. */
  demo: true;
  /** The demo's "today", YYYY-MM-DD; default today on the demo athlete's calendar. */
  today?: string;
  /** One of the demo coach's athletes (1000002 the runner, 1000003 the cyclist); default the triathlete, 1000001. */
  athleteId?: number;
}

/** What the demo client signs in with: no account has it, and it reaches no host. */
const DEMO_COOKIE = "tp-mcp-demo-athlete";

/**
 * The real client on the demo's fetch, so operations, normalisation and error mapping are the
 * ones an account gets. The demo data is imported on the first request: a server that never
 * serves the demo never loads it.
 */
function createDemoClient(options: DemoClientOptions): TrainingPeaksClient {
  let demo: Promise<FetchLike> | undefined;
  const fetch: FetchLike = async (request) => {
    demo ??= import("../demo/fetch.js").then(({ createDemoFetch }) => createDemoFetch({ today: options.today }));
    return (await demo)(request);
  };
  return createTrainingPeaksClient({ cookie: DEMO_COOKIE, fetch, env: {}, transport: false, athleteId: options.athleteId });
}

export interface RequestOptions {
  /** Aborts the HTTP requests of this call (e.g. when an MCP request is cancelled). */
  signal?: AbortSignal;
}

export interface TrainingPeaksClient {
  getUser(options?: RequestOptions): Promise<Schemas["UserResponse"]>;
  /** The athlete whose data the client reads (looked up once, then cached). */
  getAthleteId(options?: RequestOptions): Promise<number>;
  /**
   * The athlete's IANA time zone, for "today" on the athlete's calendar: the signed-in user's from
   * the user record, a coached athlete's from their settings (looked up once per athlete).
   */
  getTimeZone(options?: RequestOptions): Promise<string | null>;
  /**
   * The athletes this account reads: an athlete alone, or a coach's own entry and roster (from the
   * user record, looked up once; head-coach and sub-coach rosters are not in it).
   */
  listAthletes(options?: RequestOptions): Promise<RosterAthlete[]>;
  /**
   * The roster entry an id or a name means. A name matches first name, last name or both, in any
   * case and without accents; an ambiguous or unknown name is an InvalidInputError listing the
   * candidates or the roster. An id that is not on the roster resolves to undefined (a head coach's
   * athlete may be readable all the same).
   */
  findAthlete(athlete: number | string, options?: RequestOptions): Promise<RosterAthlete | undefined>;
  /** The same client reading another athlete's data: same token, same caches, no second sign-in. */
  forAthlete(athleteId: number): TrainingPeaksClient;
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
  /** Summary totals of a recorded workout (the analysis host). */
  analyzeWorkout(workoutId: number, options?: RequestOptions): Promise<Schemas["AnalysisSummary"]>;
  /** Per-channel statistics, zones and samples (about one a second) of a recorded workout: large for a long one. */
  analyzeWorkoutCharts(workoutId: number, options?: RequestOptions): Promise<Schemas["AnalysisCharts"]>;
  /** The laps of a recorded workout, as the analysis host cuts them. */
  analyzeWorkoutLaps(workoutId: number, options?: RequestOptions): Promise<Schemas["AnalysisLaps"]>;
  /** Strength Builder sessions from startDate to endDate (YYYY-MM-DD, inclusive, at most 90 days); they are not in getWorkouts. */
  getStrengthWorkouts(startDate: string, endDate: string, options?: RequestOptions): Promise<Schemas["StrengthWorkout"][]>;
  /** Calendar notes from startDate to endDate (YYYY-MM-DD, inclusive, at most 366 days), hidden ones included. */
  getCalendarNotes(startDate: string, endDate: string, options?: RequestOptions): Promise<Schemas["CalendarNote"][]>;
  /** A strength workout's blocks, exercises and sets (the analysis host). */
  getStrengthWorkout(workoutId: number, options?: RequestOptions): Promise<Schemas["StrengthWorkout"]>;
  /** Exchanges the cookie for a token now (or reuses the cached one): how `tp-mcp auth` checks a cookie. */
  authenticate(options?: RequestOptions): Promise<{ expiresAt: Date }>;
  /** The typed openapi-fetch clients, for operations this interface does not wrap. */
  readonly api: Client<paths>;
  readonly analysis: Client<paths>;
  /** Token exchanges made so far. */
  readonly tokenExchanges: number;
  /** The cookie and every token received: what output must never show (loggers redact them). */
  knownSecrets(): readonly string[];
}

export function createTrainingPeaksClient(options: TrainingPeaksClientOptions | DemoClientOptions): TrainingPeaksClient {
  if (options.demo === true) return createDemoClient(options);
  const connection = connect(options);
  return bindClient(connection, (signal) => connection.session.athleteId(signal));
}

function bindClient(connection: Connection, athleteOf: (signal?: AbortSignal) => Promise<number>): TrainingPeaksClient {
  const { call, session, http, knownSecrets, now } = connection;
  const roster = async (signal?: AbortSignal, fresh = false) => rosterOf(await session.account(signal, { fresh }), new Date(now()).toISOString().slice(0, 10));

  /**
   * Sends an operation for the athlete, once the athlete is known. `init` builds the request around
   * the athlete id; an object literal written there is checked against the spec like any other.
   */
  const forAthlete = async <Id extends OperationId>(operation: Id, request: RequestOptions | undefined, init: (athleteId: number) => OperationInit<Id>) =>
    call(operation, { ...init(await athleteOf(request?.signal)), signal: request?.signal });
  const between = (startDate: string, endDate: string) => (athleteId: number) => ({ params: { path: { athleteId, startDate, endDate } } });
  const ofWorkout = (workoutId: number) => (athleteId: number) => ({ params: { path: { athleteId, workoutId } } });
  const athleteOnly = (athleteId: number) => ({ params: { path: { athleteId } } });

  return {
    getUser: (request) => session.user(request?.signal),
    getAthleteId: (request) => athleteOf(request?.signal),
    getTimeZone: async (request) => session.timeZoneOf(await athleteOf(request?.signal), request?.signal),
    listAthletes: (request) => roster(request?.signal),
    async findAthlete(athlete, request) {
      if (typeof athlete === "number") {
        assertId("athlete", athlete);
        return (await roster(request?.signal)).find((entry) => entry.athleteId === athlete);
      }
      let entries = await roster(request?.signal);
      // The roster may have changed since it was looked up: look once more before refusing a name.
      if (athletesNamed(entries, athlete).length === 0) entries = await roster(request?.signal, true);
      return pickAthlete(entries, athlete);
    },
    forAthlete(athleteId) {
      assertId("athleteId", athleteId);
      let client = connection.bound.get(athleteId);
      if (!client) connection.bound.set(athleteId, (client = bindClient(connection, async () => athleteId)));
      return client;
    },
    async getWorkouts(startDate, endDate, request) {
      assertRange(startDate, endDate, WORKOUT_LIST_MAX_DAYS);
      return forAthlete("getWorkouts", request, between(startDate, endDate));
    },
    async getWorkout(workoutId, request) {
      assertId("workoutId", workoutId);
      const workout = normalizeWorkout(await forAthlete("getWorkout", request, ofWorkout(workoutId)));
      if (!workout) throw new UpstreamError("TrainingPeaks sent an empty list while reading the workout.", { operation: "getWorkout" });
      return workout;
    },
    async getWorkoutDetails(workoutId, request) {
      assertId("workoutId", workoutId);
      return forAthlete("getWorkoutDetails", request, ofWorkout(workoutId));
    },
    async getWorkoutLaps(workoutId, request) {
      assertId("workoutId", workoutId);
      return forAthlete("getWorkoutLaps", request, ofWorkout(workoutId));
    },
    async getFitness(startDate, endDate, request) {
      assertRange(startDate, endDate);
      const rows = await forAthlete("getPerformanceData", request, (athleteId) => ({
        params: { path: { athleteId, startDate, endDate } },
        body: { atlConstant: 7, atlStart: 0, ctlConstant: 42, ctlStart: 0, workoutTypes: request?.workoutTypes ?? [] },
      }));
      return normalizeFitness(rows);
    },
    async getPeaks(sport, prType, startDate, endDate, request) {
      assertPrType(sport, prType);
      assertRange(startDate, endDate);
      const peaks = await forAthlete("getAthletePeaks", request, (athleteId) => ({
        params: { path: { athleteId, sport }, query: { prType, startDate: `${startDate}T00:00:00`, endDate: `${endDate}T00:00:00` } },
      }));
      return peaks.map(normalizeRecord);
    },
    async getWorkoutRecords(workoutId, request) {
      assertId("workoutId", workoutId);
      const records = await forAthlete("getWorkoutPersonalRecords", request, (athleteId) => ({
        params: { path: { athleteId, workoutId }, query: { displayPeaksForBasic: true } },
      }));
      return normalizeWorkoutRecords(workoutId, records);
    },
    getSettings: (request) => forAthlete("getAthleteSettings", request, athleteOnly),
    getFocusEvent: (request) => forAthlete("getFocusEvent", request, athleteOnly),
    getNextPlannedEvent: (request) => forAthlete("getNextPlannedEvent", request, athleteOnly),
    async getEvents(startDate, endDate, request) {
      assertRange(startDate, endDate);
      return forAthlete("getEvents", request, between(startDate, endDate));
    },
    async getMetrics(startDate, endDate, request) {
      assertRange(startDate, endDate);
      return forAthlete("getMetrics", request, between(startDate, endDate));
    },
    async getAnnualPlan(startDate, endDate, request) {
      assertRange(startDate, endDate);
      return forAthlete("getAnnualTrainingPlan", request, between(startDate, endDate));
    },
    ...analysisMethods(call),
    async getStrengthWorkout(workoutId, request) {
      assertId("workoutId", workoutId);
      return (await call("getStrengthWorkout", { params: { path: { workoutId } }, signal: request?.signal })).data;
    },
    async getStrengthWorkouts(startDate, endDate, request) {
      assertRange(startDate, endDate, MAX_RANGE_DAYS.getStrengthWorkoutCalendar);
      const body = await forAthlete("getStrengthWorkoutCalendar", request, between(startDate, endDate));
      // The calendar's answer is not recorded anywhere: the spec accepts a bare list and `{ data: [...] }`.
      return Array.isArray(body) ? body : body.data;
    },
    async getCalendarNotes(startDate, endDate, request) {
      assertRange(startDate, endDate, MAX_RANGE_DAYS.getCalendarNotes);
      return forAthlete("getCalendarNotes", request, between(startDate, endDate));
    },
    async authenticate() {
      try {
        const token = await session.tokens.getToken();
        return { expiresAt: new Date(token.expiresAt) };
      } catch (error) {
        throw scrubError(error, knownSecrets());
      }
    },
    get api() {
      return http.api;
    },
    get analysis() {
      return http.analysis;
    },
    knownSecrets,
    get tokenExchanges() {
      return session.tokens.exchanges;
    },
  };
}
