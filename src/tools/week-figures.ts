import type { Workout } from "../client/normalize.js";
import { round } from "../core/numbers.js";
import { compact, hoursToSeconds } from "./format.js";
import { hasPlan, type WorkoutStatus } from "./workout-status.js";

/** Running sums of one sport (or all) over a week (or all weeks), in the answer's units. */
export interface Tally {
  sessions: number;
  duration_s: number;
  distance_m: number;
  tss: number;
  planned_sessions: number;
  planned_duration_s: number;
  planned_tss: number;
  upcoming_sessions: number;
  upcoming_duration_s: number;
  upcoming_tss: number;
  /** Planned workouts that were done: compliance counts these against the plan due. */
  planned_done: number;
}

export const emptyTally = (): Tally => ({
  sessions: 0,
  duration_s: 0,
  distance_m: 0,
  tss: 0,
  planned_sessions: 0,
  planned_duration_s: 0,
  planned_tss: 0,
  upcoming_sessions: 0,
  upcoming_duration_s: 0,
  upcoming_tss: 0,
  planned_done: 0,
});

/** Adds a workout: what was done counts as done, its plan as planned, and as upcoming while still ahead. */
export function addWorkout(tally: Tally, workout: Workout, status: WorkoutStatus): void {
  if (status === "completed") {
    tally.sessions += 1;
    tally.duration_s += hoursToSeconds(workout.totalTime) ?? 0;
    tally.distance_m += workout.distance ?? 0;
    tally.tss += workout.tssActual ?? 0;
  }
  if (!hasPlan(workout)) return;
  const seconds = hoursToSeconds(workout.totalTimePlanned) ?? 0;
  const tss = workout.tssPlanned ?? 0;
  tally.planned_sessions += 1;
  tally.planned_duration_s += seconds;
  tally.planned_tss += tss;
  if (status === "completed") tally.planned_done += 1;
  if (status === "planned") {
    tally.upcoming_sessions += 1;
    tally.upcoming_duration_s += seconds;
    tally.upcoming_tss += tss;
  }
}

export function addTally(into: Tally, from: Tally): void {
  for (const key of Object.keys(into) as Array<keyof Tally>) into[key] += from[key];
}

/** The tally as the answer gives it: rounded, zeros left out. */
export function figures(tally: Tally) {
  const nonZero = (value: number) => (value === 0 ? undefined : value);
  return compact({
    sessions: nonZero(tally.sessions),
    duration_s: nonZero(tally.duration_s),
    distance_m: nonZero(round(tally.distance_m, 0)),
    tss: nonZero(round(tally.tss, 0)),
    planned_sessions: nonZero(tally.planned_sessions),
    planned_duration_s: nonZero(tally.planned_duration_s),
    planned_tss: nonZero(round(tally.planned_tss, 0)),
    upcoming_sessions: nonZero(tally.upcoming_sessions),
    upcoming_duration_s: nonZero(tally.upcoming_duration_s),
    upcoming_tss: nonZero(round(tally.upcoming_tss, 0)),
  });
}

const SERIES_FIELDS = [
  "sessions",
  "duration_s",
  "distance_m",
  "tss",
  "planned_sessions",
  "planned_duration_s",
  "planned_tss",
  "upcoming_sessions",
  "upcoming_duration_s",
  "upcoming_tss",
] as const;
type SeriesField = (typeof SERIES_FIELDS)[number];

/** One value per week for each field, as figures() rounds it; a field that is zero every week is left out. */
export function series(weeks: Tally[]): Partial<Record<SeriesField, number[]>> {
  const rows = weeks.map((tally) => figures(tally) as Partial<Record<SeriesField, number>>);
  const result: Partial<Record<SeriesField, number[]>> = {};
  for (const field of SERIES_FIELDS) {
    if (rows.some((row) => row[field] !== undefined)) result[field] = rows.map((row) => row[field] ?? 0);
  }
  return result;
}

/** Done against the plan due so far (the plan minus what is still ahead); undefined when nothing was due. */
export function compliance(tally: Tally): { tss_pct?: number; sessions_done: number; sessions_planned: number } | undefined {
  const due = tally.planned_sessions - tally.upcoming_sessions;
  if (due <= 0) return undefined;
  const dueTss = tally.planned_tss - tally.upcoming_tss;
  return {
    ...(dueTss > 0 ? { tss_pct: Math.round((100 * tally.tss) / dueTss) } : {}),
    sessions_done: tally.planned_done,
    sessions_planned: due,
  };
}
