import { round } from "../core/numbers.js";
import { SPORT_NAMES } from "../generated/constants.js";

/** Copies only the fields that have a value, so absent data costs no bytes in the answer. */
export function compact<T extends Record<string, unknown>>(fields: T): { [K in keyof T]?: Exclude<T[K], null | undefined> } {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value !== null && value !== undefined && value !== "" && !(typeof value === "number" && !Number.isFinite(value))) {
      result[key] = value;
    }
  }
  return result as { [K in keyof T]?: Exclude<T[K], null | undefined> };
}

/** TrainingPeaks gives durations in hours; tools answer in whole seconds. */
export function hoursToSeconds(hours: number | null | undefined): number | undefined {
  return typeof hours === "number" && Number.isFinite(hours) ? Math.round(hours * 3600) : undefined;
}

export function sportName(workoutTypeValueId: number | null | undefined): string {
  if (workoutTypeValueId == null) return "Unknown";
  return SPORT_NAMES[workoutTypeValueId] ?? `Sport ${workoutTypeValueId}`;
}

/** 5400 → "1:30:00", 754 → "12:34". */
export function clock(seconds: number): string {
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const mm = h ? String(m).padStart(2, "0") : String(m);
  return `${h ? `${h}:` : ""}${mm}:${String(s).padStart(2, "0")}`;
}

/** Seconds per `metres` at a speed, as m:ss (pace per km, per 100 m). */
export function pace(speedMps: number, metres = 1000): string | undefined {
  return speedMps > 0 ? clock(metres / speedMps) : undefined;
}

export function km(metres: number): string {
  return `${round(metres / 1000, 1)} km`;
}

/** A short list of "label value" parts, skipping the missing ones. */
export function parts(...items: Array<string | false | null | undefined>): string {
  return items.filter(Boolean).join(", ");
}
