/**
 * A `fetch` that answers TrainingPeaks' HTTP requests from the demo account (a self-coached
 * triathlete who coaches two more athletes, src/demo/roster.ts), with the API's raw JSON, so the
 * real client and MCP tools run on it unchanged. Each athlete's routes answer with that athlete's
 * data; an athlete outside the roster gets 403, as somebody else's athlete does. Routes match on
 * the path's end, so any base URL (either host, a proxy prefix) works. Read-only, like the
 * product: writes get 405.
 */
import { MAX_RANGE_DAYS, PR_TYPES_BY_SPORT, RECORD_SPORTS, type PrType } from "../generated/constants.js";
import { createDemoAthlete, workoutLaps, workoutsByDay, type DemoAthlete } from "./athlete.js";
import { mondayOf, toDay } from "../core/dates.js";
import { day, HttpError, inRange, json, parseBody, range, readRequest, type DemoRequest } from "./http.js";
import { performanceRows } from "./fitness.js";
import { analysisCharts, analysisLaps } from "./analysis.js";
import { analysisTotals } from "./laps.js";
import { buildToken, DEMO_ATHLETE_ID } from "./profile.js";
import { indexPeaks, rankedPeaks, type PeakIndex } from "./records.js";
import { personaOf, ROSTER, TRIATHLETE, type DemoPersona } from "./roster.js";
import type { DemoWorkout } from "./types.js";
import { STRENGTH_ID_BASE, STRENGTH_IDS_PER_ATHLETE } from "./strength.js";
import { WORKOUT_ID_BASE, WORKOUT_IDS_PER_ATHLETE, workoutDetails } from "./workouts.js";

export { DEMO_ATHLETE_ID };

/** The most days of workouts one request may ask for (inclusive count), as the spec has it. */
export const MAX_WORKOUT_RANGE_DAYS: number = MAX_RANGE_DAYS.getWorkouts;

export interface DemoFetchOptions {
  today?: string;
  seed?: number;
  /** Serve this athlete as the triathlete instead of building one from `today` and `seed`. */
  athlete?: DemoAthlete;
  /** Clock for the token's `expires` (defaults to the real one). */
  now?: () => Date;
}

export type DemoFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

interface State {
  athlete: DemoAthlete;
  byDay: Map<number, DemoWorkout[]>;
  byId: Map<number, DemoWorkout>;
  peaks: PeakIndex;
  first: number;
  today: number;
}

function workoutOr404(state: State, idText: string | undefined): DemoWorkout {
  const w = state.byId.get(Number(idText));
  if (!w) throw new HttpError(404, `Workout ${idText ?? ""} not found.`);
  return w;
}

interface Context {
  /** The athlete and its indexes, built on first use. */
  readonly state: State;
  /** The athlete who owns a workout, whoever the path names (analysis takes a bare workout id). */
  stateOfWorkout(workoutId: number): State | undefined;
  /** The athlete who owns a Strength Builder session (read by its bare id). */
  stateOfStrengthSession(sessionId: number): State | undefined;
  now: () => Date;
}

type Handler = (ctx: Context, params: string[], req: DemoRequest) => unknown;

interface Route {
  method: "GET" | "POST";
  pattern: RegExp;
  /** Whether the first parameter is an athlete id to check. */
  athlete: boolean;
  handle: Handler;
}

const ID = "([^/]+)";
const DATE = "(\\d{4}-\\d{2}-\\d{2}[^/]*)";
const route = (method: Route["method"], path: string, handle: Handler, athlete = path.includes("/athletes/")): Route => ({
  method,
  pattern: new RegExp(`${path.replace(/\{id\}/g, ID).replace(/\{date\}/g, DATE).replace(/\{n\}/g, "(\\d+)")}/?$`, "i"),
  athlete,
  handle,
});

const ROUTES: Route[] = [
  route("GET", "/users/v3/token", ({ now }) => buildToken(now())),
  route("GET", "/users/v3/user", ({ state }) => state.athlete.user),
  route("GET", "/fitness/v6/athletes/{id}/workouts/{date}/{date}", ({ state: s }, [, a, b]) => {
    const [start, end] = range(a, b, MAX_WORKOUT_RANGE_DAYS);
    const out: DemoWorkout[] = [];
    for (let d = Math.max(start, s.first); d <= end; d++) out.push(...(s.byDay.get(d) ?? []));
    return out;
  }),
  route("GET", "/fitness/v6/athletes/{id}/workouts/{n}", ({ state: s }, [, id]) => workoutOr404(s, id)),
  route("GET", "/fitness/v6/athletes/{id}/workouts/{n}/details", ({ state: s }, [, id]) => workoutDetails(workoutOr404(s, id))),
  route("GET", "/fitness/v6/athletes/{id}/workouts/{n}/detaildata", ({ state: s }, [, id]) => {
    const w = workoutOr404(s, id);
    const laps = workoutLaps(s.athlete, w.workoutId);
    if (!laps) throw new HttpError(400, "This workout has no device data.");
    return { workoutId: w.workoutId, lapsStats: laps };
  }),
  route("POST", "/fitness/v1/athletes/{id}/reporting/performancedata/{date}/{date}", ({ state: s }, [, a, b], req) => {
    const [start, end] = range(a, b);
    const body = parseBody(req.body);
    const num = (key: string): number | undefined => {
      const v = body[key];
      if (v === undefined || v === null) return undefined;
      if (typeof v !== "number" || !Number.isFinite(v)) throw new HttpError(400, `${key} must be a number.`);
      return v;
    };
    const types = body.workoutTypes ?? [];
    if (!Array.isArray(types) || types.some((t) => typeof t !== "number")) throw new HttpError(400, "workoutTypes must be an array of sport ids.");
    const options = { ctlConstant: num("ctlConstant"), atlConstant: num("atlConstant"), ctlStart: num("ctlStart"), atlStart: num("atlStart") };
    if ((options.ctlConstant ?? 42) <= 0 || (options.atlConstant ?? 7) <= 0) throw new HttpError(400, "The time constants must be positive.");
    return performanceRows(s.byDay, { first: s.first, today: s.today }, start, end, {
      ...options,
      sports: types.length > 0 ? new Set(types as number[]) : null,
    });
  }),
  route("GET", "/personalrecord/v2/athletes/{id}/workouts/{n}", ({ state: s }, [, id]) => {
    const w = workoutOr404(s, id);
    return s.athlete.workoutPrs[w.workoutId] ?? { calcsPending: false, workoutId: w.workoutId, personalRecordCount: 0, personalRecords: [] };
  }),
  route("GET", `/personalrecord/v2/athletes/{id}/(${RECORD_SPORTS.join("|")})`, ({ state: s }, [, sportText], req) => {
    const sport = RECORD_SPORTS.find((name) => name.toLowerCase() === sportText!.toLowerCase())!;
    const type = req.url.searchParams.get("prType") ?? "";
    if (!(PR_TYPES_BY_SPORT[sport] as readonly string[]).includes(type)) {
      throw new HttpError(400, `Unknown prType "${type}" for ${sport}; expected one of: ${PR_TYPES_BY_SPORT[sport].join(", ")}.`);
    }
    const q = (key: string) => req.url.searchParams.get(key);
    const start = q("startDate") ? day(q("startDate"), "startDate") : s.first;
    const end = q("endDate") ? day(q("endDate"), "endDate") : s.today;
    if (start > end) throw new HttpError(400, "startDate is after endDate.");
    return rankedPeaks(s.peaks, sport, type as PrType, start, end);
  }),
  route("GET", "/fitness/v1/athletes/{id}/settings", ({ state: s }) => s.athlete.settings),
  route("GET", "/fitness/v6/athletes/{id}/events/focusevent", ({ state: s }) => s.athlete.focusEvent),
  route("GET", "/fitness/v6/athletes/{id}/events/nextplannedevent", ({ state: s }) => {
    if (!s.athlete.nextPlannedEvent) throw new HttpError(404, "No planned event.");
    return s.athlete.nextPlannedEvent;
  }),
  route("GET", "/fitness/v6/athletes/{id}/events/{date}/{date}", ({ state: s }, [, a, b]) => {
    const [start, end] = range(a, b);
    return s.athlete.events.filter((e) => inRange(e.eventDate, start, end));
  }),
  route("GET", "/metrics/v3/athletes/{id}/consolidatedtimedmetrics/{date}/{date}", ({ state: s }, [, a, b]) => {
    const [start, end] = range(a, b);
    return s.athlete.metrics.filter((m) => inRange(m.timeStamp, start, end));
  }),
  route("GET", "/rx/activity/v1/workouts/calendar/{id}/{date}/{date}", ({ state: s }, [, a, b]) => {
    const [start, end] = range(a, b, MAX_RANGE_DAYS.getStrengthWorkoutCalendar);
    return { data: s.athlete.strengthSessions.filter((w) => inRange(w.prescribedDate!, start, end)) };
  }, true),
  route("GET", "/rx/activity/v1/workouts/{n}", ({ stateOfStrengthSession }, [id]) => {
    const session = stateOfStrengthSession(Number(id))?.athlete.strengthSessions.find((w) => w.id === id);
    if (!session) throw new HttpError(404, `Strength workout ${id ?? ""} not found.`);
    return { data: session, errors: {} };
  }),
  route("GET", "/fitness/v2/athletes/{id}/calendarNote/{date}/{date}", ({ state: s }, [, a, b]) => {
    const [start, end] = range(a, b, MAX_RANGE_DAYS.getCalendarNotes);
    return s.athlete.calendarNotes.filter((n) => inRange(n.noteDate!, start, end));
  }),
  route("GET", "/fitness/v1/athletes/{id}/atp/{date}/{date}", ({ state: s }, [, a, b]) => {
    const [start, end] = range(a, b);
    return s.athlete.atp.filter((w) => inRange(w.week, mondayOf(start), end));
  }),
  route("POST", "/workout-analysis/v2/analyze/summary", ({ stateOfWorkout }, _params, req) => {
    const id = analysedId(req);
    const owner = stateOfWorkout(id);
    const w = owner?.byId.get(id);
    const laps = w ? workoutLaps(owner!.athlete, w.workoutId) : undefined;
    if (!w || !laps) throw new HttpError(404, "Nothing to analyse for this workout.");
    return { workoutId: w.workoutId, totals: analysisTotals(w, laps) };
  }),
  // The analysis host names no athlete: the workout id says whose recording it is.
  route("POST", "/workout-analysis/v2/analyze/charts", ({ stateOfWorkout }, _params, req) => {
    const id = analysedId(req);
    const owner = stateOfWorkout(id);
    return analysisOr404(owner && analysisCharts(owner.athlete, id));
  }),
  route("POST", "/workout-analysis/v2/analyze/laps", ({ stateOfWorkout }, _params, req) => {
    const id = analysedId(req);
    const owner = stateOfWorkout(id);
    return analysisOr404(owner && analysisLaps(owner.athlete, id));
  }),
];

function analysedId(req: DemoRequest): number {
  const id = parseBody(req.body).workoutId;
  if (typeof id !== "number" && typeof id !== "string") throw new HttpError(400, "The body needs a workoutId.");
  return Number(id);
}

function analysisOr404<T>(answer: T | undefined): T {
  if (answer === undefined) throw new HttpError(404, "Nothing to analyse for this workout.");
  return answer;
}

function buildState(athlete: DemoAthlete): State {
  const byDay = workoutsByDay(athlete.workouts);
  return {
    athlete,
    byDay,
    byId: new Map(athlete.workouts.map((w) => [w.workoutId, w])),
    peaks: indexPeaks(athlete.workouts.map((w) => ({ workout: w, peaks: athlete.peaks[w.workoutId] ?? null }))),
    first: toDay(athlete.firstDay),
    today: toDay(athlete.today),
  };
}

export function createDemoFetch(options: DemoFetchOptions = {}): DemoFetch {
  const states = new Map<number, State>();
  // Each athlete is built on its first request; the others share the triathlete's today and seed.
  const stateOf = (persona: DemoPersona): State => {
    let state = states.get(persona.athleteId);
    if (!state) {
      const given = persona === TRIATHLETE ? options.athlete : undefined;
      const today = options.athlete?.today ?? options.today;
      const seed = options.athlete?.seed ?? options.seed;
      state = buildState(given ?? createDemoAthlete({ today, seed, persona }));
      states.set(persona.athleteId, state);
    }
    return state;
  };
  const now = options.now ?? (() => new Date());
  // Workout ids lie in one range per athlete (src/demo/workouts.ts), so an id names its owner.
  const ownerOf = (id: number, base: number, perAthlete: number): State | undefined => {
    const owner = ROSTER.find((persona) => persona.idBlock === Math.floor((id - base) / perAthlete));
    return owner && stateOf(owner);
  };
  const stateOfWorkout = (workoutId: number) => ownerOf(workoutId, WORKOUT_ID_BASE, WORKOUT_IDS_PER_ATHLETE);
  const stateOfStrengthSession = (sessionId: number) => ownerOf(sessionId, STRENGTH_ID_BASE, STRENGTH_IDS_PER_ATHLETE);
  const contextOf = (persona: DemoPersona): Context => ({
    get state() {
      return stateOf(persona);
    },
    stateOfWorkout,
    stateOfStrengthSession,
    now,
  });
  return async (input, init) => {
    const req = await readRequest(input, init);
    const path = req.url.pathname;
    const method = req.method === "HEAD" ? "GET" : req.method;
    const matches = ROUTES.map((r) => [r, r.pattern.exec(path)] as const).filter(([, m]) => m !== null);
    if (matches.length === 0) {
      return method === "GET" ? json(404, { message: `No such resource: ${path}` }) : json(405, { message: "The demo is read-only." });
    }
    const found = matches.find(([r]) => r.method === method);
    if (!found) return json(405, { message: `${req.method} is not allowed on ${path}; the demo is read-only.` });
    const [r, m] = found;
    const params = m!.slice(1);
    // Routes without an athlete in the path (the user, the token) read the triathlete's.
    const persona = r.athlete ? personaOf(Number(params[0])) : TRIATHLETE;
    if (!persona || (r.athlete && params[0] !== String(persona.athleteId))) {
      return json(403, { message: `No access to athlete ${params[0] ?? ""}: the demo account reads only its own athletes.` });
    }
    try {
      return json(200, r.handle(contextOf(persona), params, req));
    } catch (error) {
      if (error instanceof HttpError) return json(error.status, { message: error.message });
      throw error;
    }
  };
}
