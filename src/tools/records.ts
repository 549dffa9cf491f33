import type { PersonalRecord } from "../client/normalize.js";
import { RUN_RECORD_DISTANCE_M } from "../generated/constants.js";
import { round } from "../core/numbers.js";
import { clock } from "./format.js";

export type RecordMetric = "power" | "heart_rate" | "speed";

/** power20min → power, hR5min → heart_rate, speed5K → speed (by the API's naming). */
export function metricOf(prType: string): RecordMetric {
  if (prType.startsWith("power")) return "power";
  if (prType.startsWith("speed")) return "speed";
  return "heart_rate";
}

/** Time for a speed record's distance and pace per km; the value is metres per second. */
export function speedFigures(prType: string, speedMps: number) {
  const distance = RUN_RECORD_DISTANCE_M[prType];
  return {
    speed_mps: round(speedMps, 3),
    ...(distance ? { time_s: Math.round(distance / speedMps) } : {}),
    pace_s_per_km: Math.round(1000 / speedMps),
    pace: `${clock(1000 / speedMps)}/km`,
  };
}

/** Human wording of a record's value, for the text answers. */
export function describeValue(prType: string, value: number): string {
  switch (metricOf(prType)) {
    case "power":
      return `${Math.round(value)} W`;
    case "heart_rate":
      return `${Math.round(value)} bpm`;
    case "speed": {
      const figures = speedFigures(prType, value);
      return figures.time_s !== undefined ? `${clock(figures.time_s)} (${figures.pace})` : figures.pace;
    }
  }
}

/** Records with a usable value that TrainingPeaks has not flagged invalid. */
export function usableRecords(records: PersonalRecord[]): Array<PersonalRecord & { value: number }> {
  return records.filter((r): r is PersonalRecord & { value: number } => r.value !== null && r.value > 0 && !r.invalid);
}
