/**
 * Morning metrics as a Garmin watch would sync them: resting pulse and HRV that follow the
 * training load (fatigue raises the pulse and lowers HRV), sleep, weight, and two injury spells.
 */
import { round } from "../core/numbers.js";
import { apiDateTime, dayOfYear } from "../core/dates.js";
import { clamp, Rng } from "./random.js";
import { personaSeed, TRIATHLETE, type DemoPersona } from "./roster.js";
import type { PerformancePoint } from "./fitness.js";
import type { TimedMetric, TimedMetricDetail } from "./types.js";

const TYPES = {
  pulse: [5, "Pulse"],
  sleep: [6, "Sleep Hours"],
  weight: [9, "Weight Kilograms"],
  injury: [23, "Injury"],
  hrv: [60, "HRV"],
} as const;

/**
 * Injury spells: [first day offset from today, length in days, first day's rating]. The rating
 * reads as the app labels it (one peer's map): 1 extremely injured … 8 healthy … 10 extremely
 * healthy, so it climbs back towards healthy as the spell heals.
 */
const INJURIES: ReadonlyArray<readonly [number, number, number]> = [
  [-600, 8, 3],
  [-250, 14, 4],
];
const HEALTHY = 8;

/**
 * One entry per morning with data (about nine in ten), from `first` to `today`.
 * `load(day)` gives that day's CTL/ATL/TSB.
 */
export function buildMetrics(
  seed: number,
  today: number,
  first: number,
  load: (day: number) => PerformancePoint,
  persona: DemoPersona = TRIATHLETE,
): TimedMetric[] {
  const { person } = persona;
  const out: TimedMetric[] = [];
  for (let day = first; day <= today; day++) {
    const rng = Rng.for(personaSeed(seed, persona), "metrics", day - today);
    if (!rng.chance(0.9)) continue;
    const { ctl, tsb } = load(day);
    const fatigue = Math.max(0, -tsb);
    const time = apiDateTime(day, 6 * 3600 + 30 * 60 + rng.int(0, 60) * 60);
    const details: TimedMetricDetail[] = [];
    const add = ([type, label]: readonly [number, string], value: number) => details.push({ type, label, value, time, uploadClient: "Garmin Connect" });
    add(TYPES.pulse, Math.round(person.restingHeartRate + 1 - (ctl - 50) * 0.08 + fatigue * 0.06 + rng.normal(1.5)));
    add(TYPES.sleep, round(clamp(7.3 + rng.normal(0.6), 5, 9.5), 1));
    if (rng.chance(0.5)) {
      const season = 1.2 * Math.cos((2 * Math.PI * dayOfYear(day)) / 365.25);
      add(TYPES.weight, round(person.weightKg + 0.8 + season - (ctl - 60) * 0.03 + rng.normal(0.25), 1));
    }
    add(TYPES.hrv, Math.round(62 + (ctl - 50) * 0.2 - fatigue * 0.35 + rng.normal(5)));
    for (const [start, length, rating] of INJURIES) {
      const k = day - (today + start);
      if (k >= 0 && k < length) add(TYPES.injury, Math.round(rating + ((HEALTHY - rating) * k) / length));
    }
    details.sort((a, b) => a.type - b.type);
    out.push({ id: String(60_000_000 + 1_000_000 * persona.idBlock + (day - first)), athleteId: persona.athleteId, timeStamp: time, details });
  }
  return out;
}
