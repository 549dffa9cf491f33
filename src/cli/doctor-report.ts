/**
 * `tp-mcp doctor`'s operation checks: each read operation of the spec sent once for the signed-in
 * athlete, its raw answer checked against the spec's schema in full (the client stops at the first
 * issue). What the report keeps is field paths, the spec's expectations and JSON types: never a value.
 */
import type { TrainingPeaksClient } from "../client/client.js";
import { isTpError } from "../client/errors.js";
import { shapeIssues } from "../client/shape-issues.js";
import { isCoachOnly } from "../client/athlete.js";
import { addDays, todayIn } from "../core/dates.js";
import type { components } from "../generated/api.js";
import { OPERATIONS, PR_TYPES_BY_SPORT, RECORD_SPORTS, type OperationId } from "../generated/constants.js";
import { summarize } from "./output.js";

export type CheckStatus = "ok" | "drift" | "no_data" | "skipped" | "error";

export interface Drift {
  path: string;
  expected: string;
  seen_type: string;
}

export interface OperationCheck {
  operation: OperationId;
  /** Which of several checks of one operation (a sport's records). */
  variant?: string;
  status: CheckStatus;
  drift?: Drift[];
  message?: string;
}

/** How far back each check looks: small, but long enough to find something to check. */
export const RECENT_DAYS = 7;
export const WORKOUT_DAYS = 30;
export const RECORD_DAYS = 90;
export const EVENT_DAYS_AHEAD = 90;


type Body = unknown;
type Init = { params?: { path?: Record<string, unknown>; query?: Record<string, unknown> }; body?: unknown };
interface UntypedClient {
  request(method: string, path: string, init: object): Promise<{ data?: unknown; response: Response }>;
}

/** A read operation that answered, was refused for lack of data, or failed. */
type Sent = { answered: true; body: Body } | { answered: false; check: OperationCheck };

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Sends one operation as the spec has it, through the client's own HTTP stack (auth, transport, errors), without its shape check. */
async function send(client: TrainingPeaksClient, operation: OperationId, init: Init, variant?: string): Promise<Sent> {
  const { method, path, server } = OPERATIONS[operation];
  const http = (server === "peakswaresb" ? client.analysis : client.api) as unknown as UntypedClient;
  const base = { operation, ...(variant ? { variant } : {}) };
  try {
    const { data } = await http.request(method, path, init);
    return { answered: true, body: data ?? null };
  } catch (error) {
    // 404 and 400 are how TrainingPeaks says an account has none (no laps, no next event).
    if (isTpError(error) && (error.status === 404 || error.status === 400)) {
      return { answered: false, check: { ...base, status: "no_data", message: `TrainingPeaks has none for this account (${error.status}).` } };
    }
    if (error instanceof SyntaxError) return { answered: false, check: { ...base, status: "error", message: "TrainingPeaks sent malformed JSON." } };
    return { answered: false, check: { ...base, status: "error", message: isTpError(error) ? error.message : summarize(error) } };
  }
}

/** The check of an answer: ok, or every drifted field with the type seen there. */
function checked(operation: OperationId, body: Body, variant?: string): OperationCheck {
  const base = { operation, ...(variant ? { variant } : {}) };
  const issues = shapeIssues(operation, body);
  if (issues.length > 0) {
    return { ...base, status: "drift", drift: issues.map(({ path, expected, seenType }) => ({ path, expected, seen_type: seenType })) };
  }
  if (body === null) return { ...base, status: "no_data", message: "TrainingPeaks answered that there is none (null)." };
  if (Array.isArray(body) && body.length === 0) return { ...base, status: "ok", message: "An empty list: no items to check." };
  return { ...base, status: "ok" };
}

async function probe(client: TrainingPeaksClient, operation: OperationId, init: Init, variant?: string): Promise<{ check: OperationCheck; body?: Body }> {
  const sent = await send(client, operation, init, variant);
  return sent.answered ? { check: checked(operation, sent.body, variant), body: sent.body } : { check: sent.check };
}

function skipped(operation: OperationId, message: string, variant?: string): OperationCheck {
  return { operation, ...(variant ? { variant } : {}), status: "skipped", message };
}

type Workout = Record<string, unknown> & { workoutId: number };

function workoutsIn(body: Body): Workout[] {
  const list = Array.isArray(body) ? body : [];
  return list.filter((item): item is Workout => isRecord(item) && typeof item.workoutId === "number");
}

/** Numeric session ids from the strength calendar's answer, a list or `{ data: [...] }`. */
function strengthSessionIdsIn(body: Body): number[] {
  const list = Array.isArray(body) ? body : isRecord(body) && Array.isArray(body.data) ? body.data : [];
  return list.map((item) => (isRecord(item) ? Number(item.id) : NaN)).filter((id) => Number.isSafeInteger(id) && id > 0);
}

const isSet = (value: unknown) => value !== null && value !== undefined && value !== 0;
const isDone = (workout: Workout) => isSet(workout.totalTime) || isSet(workout.tssActual) || isSet(workout.startTime);
/** Recorded by a device, so likely with a file and laps. */
const isRecorded = (workout: Workout) => isDone(workout) && [workout.heartRateAverage, workout.powerAverage, workout.distance].some(isSet);

/** The richest workout to ask about: recorded, else done, else any; the latest of those. */
function pickWorkout(workouts: Workout[]): Workout | undefined {
  for (const wanted of [isRecorded, isDone, () => true]) {
    const found = workouts.filter(wanted).at(-1);
    if (found) return found;
  }
  return undefined;
}

/** The athlete to read, from getUser's answer; a reason where there is none to read (a coach account). */
function athleteFrom(body: Body): number | string {
  if (!isRecord(body) || !isRecord(body.user) || typeof body.user.userId !== "number") return "getUser did not give the athlete id";
  // No roster names here (athleteIdOf lists them): the report shows no account's values.
  if (isCoachOnly(body as components["schemas"]["UserResponse"])) return "a coach account: set TP_ATHLETE_ID to check one athlete's data";
  return body.user.userId;
}

export interface CheckOptions {
  /** TP_ATHLETE_ID, where set. */
  athleteId?: number;
}

/** Sends each read operation once and checks each answer. Operations run one after another, gently. */
export async function checkOperations(client: TrainingPeaksClient, options: CheckOptions = {}): Promise<OperationCheck[]> {
  const checks: OperationCheck[] = [];
  const user = await probe(client, "getUser", {});
  checks.push(user.check);
  const athleteId = options.athleteId ?? athleteFrom(user.body);
  const rest = Object.keys(OPERATIONS).filter((id) => id !== "exchangeToken" && id !== "getUser") as OperationId[];
  if (typeof athleteId === "string") {
    return [...checks, ...rest.map((operation) => skipped(operation, `Not tried: ${athleteId}.`))];
  }
  const zone = isRecord(user.body) && isRecord(user.body.user) && typeof user.body.user.timeZone === "string" ? user.body.user.timeZone : null;
  const today = todayIn(zone);
  const since = (days: number) => addDays(today, 1 - days);
  const between = (startDate: string, endDate: string) => ({ params: { path: { athleteId, startDate, endDate } } });
  const recent = between(since(RECENT_DAYS), today);

  const list = await probe(client, "getWorkouts", between(since(WORKOUT_DAYS), today));
  checks.push(list.check);
  const workouts = workoutsIn(list.body);
  const workout = pickWorkout(workouts);
  const noWorkout = `Not tried: no workout in the last ${WORKOUT_DAYS} days to ask about.`;
  const ofWorkout = { params: { path: { athleteId, workoutId: workout?.workoutId } } };
  const perWorkout: Array<[OperationId, Init]> = [
    ["getWorkout", ofWorkout],
    ["getWorkoutDetails", ofWorkout],
    ["getWorkoutLaps", ofWorkout],
    ["getWorkoutPersonalRecords", { params: { ...ofWorkout.params, query: { displayPeaksForBasic: true } } }],
    ["analyzeWorkoutSummary", { body: { workoutId: workout?.workoutId } }],
    ["analyzeWorkoutCharts", { body: { workoutId: workout?.workoutId } }],
    ["analyzeWorkoutLaps", { body: { workoutId: workout?.workoutId } }],
  ];
  for (const [operation, init] of perWorkout) checks.push(workout ? (await probe(client, operation, init)).check : skipped(operation, noWorkout));
  // Strength Builder sessions are not in the workout list: the strength calendar gives their ids.
  const calendar = await probe(client, "getStrengthWorkoutCalendar", between(since(WORKOUT_DAYS), today));
  checks.push(calendar.check);
  const session = strengthSessionIdsIn(calendar.body).at(-1);
  checks.push(
    session
      ? (await probe(client, "getStrengthWorkout", { params: { path: { workoutId: session } } })).check
      : skipped("getStrengthWorkout", `Not tried: no Strength Builder session in the last ${WORKOUT_DAYS} days.`),
  );

  checks.push(
    (await probe(client, "getPerformanceData", { ...recent, body: { atlConstant: 7, atlStart: 0, ctlConstant: 42, ctlStart: 0, workoutTypes: [] } })).check,
  );
  for (const sport of RECORD_SPORTS) {
    const prType = PR_TYPES_BY_SPORT[sport][0];
    const query = { prType, startDate: `${since(RECORD_DAYS)}T00:00:00`, endDate: `${today}T00:00:00` };
    checks.push((await probe(client, "getAthletePeaks", { params: { path: { athleteId, sport }, query } }, `${sport} ${prType}`)).check);
  }
  const own = { params: { path: { athleteId } } };
  checks.push((await probe(client, "getAthleteSettings", own)).check);
  checks.push((await probe(client, "getEvents", between(since(RECENT_DAYS), addDays(today, EVENT_DAYS_AHEAD)))).check);
  checks.push((await probe(client, "getFocusEvent", own)).check);
  checks.push((await probe(client, "getNextPlannedEvent", own)).check);
  checks.push((await probe(client, "getMetrics", recent)).check);
  checks.push((await probe(client, "getAnnualTrainingPlan", recent)).check);
  checks.push((await probe(client, "getCalendarNotes", recent)).check);
  return checks;
}
