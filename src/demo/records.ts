/**
 * Personal records: ranked peak lists over a date range, and the records each workout set on
 * its day (top 3 of all earlier workouts, "All Time", or of the trailing 365 days, "Year").
 */
import { toDay } from "../core/dates.js";
import { PR_TYPES_BY_SPORT, RECORD_SPORTS, SPORT_NAMES, type PrType, type RecordSport } from "../generated/constants.js";
import type { Peaks } from "./peaks.js";
import type { DemoWorkout, PersonalRecord } from "./types.js";
import { WORKOUT_ID_BASE } from "./workouts.js";

/** The sport id of each record sport, by the spec's sport names. */
const SPORT_ID = Object.fromEntries(
  RECORD_SPORTS.map((sport) => [sport, Number(Object.keys(SPORT_NAMES).find((id) => SPORT_NAMES[Number(id)] === sport))]),
) as Record<RecordSport, number>;

const RECORD_RANKS = 3;
const RANKED_LIST_LENGTH = 10;

export interface PeakEntry {
  workout: DemoWorkout;
  day: number;
  value: number;
}

function recordClass(type: string): PersonalRecord["class"] {
  return type.startsWith("power") ? "Power" : type.startsWith("hR") ? "HeartRate" : "Speed";
}

/** Deterministic record id: the workout's index, the type's index and the time frame. */
function recordId(workoutId: number, sport: RecordSport, type: PrType, timeFrame: "All Time" | "Year"): number {
  const typeIndex = (PR_TYPES_BY_SPORT[sport] as readonly PrType[]).indexOf(type);
  return 4_000_000_000 + (workoutId - WORKOUT_ID_BASE) * 64 + typeIndex * 2 + (timeFrame === "Year" ? 1 : 0);
}

export function personalRecord(
  entry: PeakEntry,
  sport: RecordSport,
  type: PrType,
  rank: number,
  timeFrame: "All Time" | "Year",
): PersonalRecord {
  return {
    id: recordId(entry.workout.workoutId, sport, type, timeFrame),
    athleteId: entry.workout.athleteId,
    workoutId: entry.workout.workoutId,
    workoutDate: entry.workout.workoutDay,
    workoutTypeId: SPORT_ID[sport],
    workoutTitle: entry.workout.title,
    class: recordClass(type),
    type,
    timeFrame: { name: timeFrame },
    value: entry.value,
    invalid: false,
    rank,
    eventName: null,
  };
}

/** Chronological peak entries per sport and type, from workouts with computed peaks. */
export type PeakIndex = Record<RecordSport, Map<PrType, PeakEntry[]>>;

export function indexPeaks(items: ReadonlyArray<{ workout: DemoWorkout; peaks: Peaks | null }>): PeakIndex {
  const index = Object.fromEntries(
    RECORD_SPORTS.map((sport) => [sport, new Map(PR_TYPES_BY_SPORT[sport].map((t): [PrType, PeakEntry[]] => [t, []]))]),
  ) as PeakIndex;
  for (const { workout, peaks } of items) {
    if (!peaks) continue;
    const sport = RECORD_SPORTS.find((s) => SPORT_ID[s] === workout.workoutTypeValueId);
    if (!sport) continue;
    const day = toDay(workout.workoutDay);
    for (const [type, value] of Object.entries(peaks) as Array<[PrType, number]>) index[sport].get(type)?.push({ workout, day, value });
  }
  return index;
}

/** Best first; ties go to the earlier workout. */
const byValue = (a: PeakEntry, b: PeakEntry) => b.value - a.value || a.workout.workoutId - b.workout.workoutId;

/** `GET /personalrecord/v2/athletes/{id}/{Bike|Run}?prType=…`: the top entries of the range. */
export function rankedPeaks(index: PeakIndex, sport: RecordSport, type: PrType, start: number, end: number): PersonalRecord[] {
  const entries = (index[sport].get(type) ?? []).filter((e) => e.day >= start && e.day <= end);
  return entries
    .sort(byValue)
    .slice(0, RANKED_LIST_LENGTH)
    .map((e, i) => personalRecord(e, sport, type, i + 1, "All Time"));
}

/**
 * The records each workout set: for every type, its rank among itself and all earlier
 * workouts (All Time) and among those of the 365 days before it (Year), when in the top 3.
 */
export function workoutRecords(index: PeakIndex): Map<number, PersonalRecord[]> {
  const out = new Map<number, PersonalRecord[]>();
  for (const sport of RECORD_SPORTS) {
    for (const [type, entries] of index[sport]) {
      entries.forEach((entry, i) => {
        let better = 0;
        let betterInYear = 0;
        for (let j = i - 1; j >= 0 && betterInYear < RECORD_RANKS; j--) {
          const earlier = entries[j]!;
          const inYear = earlier.day > entry.day - 365;
          if (!inYear && better >= RECORD_RANKS) break;
          if (earlier.value > entry.value) {
            better++;
            if (inYear) betterInYear++;
          }
        }
        const found: PersonalRecord[] = [];
        if (better < RECORD_RANKS) found.push(personalRecord(entry, sport, type, better + 1, "All Time"));
        if (betterInYear < RECORD_RANKS) found.push(personalRecord(entry, sport, type, betterInYear + 1, "Year"));
        if (found.length > 0) {
          const list = out.get(entry.workout.workoutId) ?? [];
          list.push(...found);
          out.set(entry.workout.workoutId, list);
        }
      });
    }
  }
  return out;
}
