import type { components } from "../generated/api.js";
import { byCodeUnit } from "../core/compare.js";
import { localDate } from "../core/dates.js";

type Schemas = components["schemas"];
type NumberOrNaN = Schemas["NumberOrNaN"];

/** The API sometimes writes "NaN" where it has no number; that is null here. */
export function toNumber(value: NumberOrNaN | undefined): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** One day of the Performance Management Chart. */
export interface FitnessDay {
  /** The calendar day, YYYY-MM-DD. */
  date: string;
  tssActual: number | null;
  tssPlanned: number | null;
  /** Chronic training load (fitness). */
  ctl: number | null;
  /** Acute training load (fatigue). */
  atl: number | null;
  /** Training stress balance (form). */
  tsb: number | null;
  ifActual: number | null;
  ifPlanned: number | null;
}

type PerformanceBody = Schemas["PerformanceDataRow"][] | { data: Schemas["PerformanceDataRow"][] };

/** Accepts both the bare array and `{ data: [...] }`. Rows without a readable day are dropped. */
export function normalizeFitness(body: PerformanceBody): FitnessDay[] {
  const rows = Array.isArray(body) ? body : body.data;
  const days: FitnessDay[] = [];
  for (const row of rows) {
    const date = localDate(row.workoutDay);
    if (!date) continue;
    days.push({
      date,
      tssActual: toNumber(row.tssActual),
      tssPlanned: toNumber(row.tssPlanned),
      ctl: toNumber(row.ctl),
      atl: toNumber(row.atl),
      tsb: toNumber(row.tsb),
      ifActual: toNumber(row.ifActual),
      ifPlanned: toNumber(row.ifPlanned),
    });
  }
  return days.sort((a, b) => byCodeUnit(a.date, b.date));
}

export type Workout = Schemas["Workout"];

/** Some report the single-workout endpoint answering with a one-element array. */
export function normalizeWorkout(body: Workout | Workout[]): Workout | undefined {
  return Array.isArray(body) ? body[0] : body;
}

/** A record, with the variants of the API folded into one shape. */
export interface PersonalRecord {
  id: number | null;
  workoutId: number | null;
  /** YYYY-MM-DD. */
  workoutDate: string | null;
  workoutTypeId: number | null;
  workoutTitle: string | null;
  /** Power, HeartRate or Speed. */
  class: string | null;
  /** The record type, e.g. power20min. */
  type: string | null;
  /** The window the rank counts in, e.g. "All Time". */
  timeFrame: string | null;
  /** Watts, bpm, or metres per second; null when the API had no number. */
  value: number | null;
  rank: number | null;
  invalid: boolean;
  eventName: string | null;
}

export function normalizeRecord(record: Schemas["PersonalRecord"]): PersonalRecord {
  const timeFrame = record.timeFrame;
  return {
    id: record.id ?? null,
    workoutId: record.workoutId ?? null,
    workoutDate: localDate(record.workoutDate),
    workoutTypeId: record.workoutTypeId ?? null,
    workoutTitle: record.workoutTitle ?? null,
    class: record.class ?? null,
    type: record.type ?? null,
    // A string in some responses, { name } in others.
    timeFrame: typeof timeFrame === "string" ? timeFrame : (timeFrame?.name ?? null),
    value: toNumber(record.value),
    rank: record.rank ?? null,
    invalid: record.invalid === true,
    eventName: record.eventName ?? null,
  };
}

export interface WorkoutRecords {
  workoutId: number;
  /** True while TrainingPeaks is still computing the records. */
  calcsPending: boolean;
  personalRecordCount: number;
  personalRecords: PersonalRecord[];
}

export function normalizeWorkoutRecords(workoutId: number, body: Schemas["WorkoutPersonalRecords"]): WorkoutRecords {
  const personalRecords = (body.personalRecords ?? []).map(normalizeRecord);
  return {
    workoutId: body.workoutId ?? workoutId,
    calcsPending: body.calcsPending === true,
    personalRecordCount: body.personalRecordCount ?? personalRecords.length,
    personalRecords,
  };
}

/** A workout counts as completed when it has a duration, a TSS or a start time. */
export function isCompleted(workout: Workout): boolean {
  return workout.totalTime != null || workout.tssActual != null || workout.startTime != null;
}
