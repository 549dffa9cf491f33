/**
 * The numbers of one workout: planned values from its steps, actual values from its recording.
 * Both use TrainingPeaks' units (hours, metres, m/s, W, kJ, kcal) and the same TSS formula,
 * TSS = hours × IF² × 100, so every workout is internally consistent.
 */
import { round } from "../core/numbers.js";
import { normalized, weightedMean, type Segment } from "./effort.js";
import type { PlannedSession } from "./plan.js";
import type { Thresholds } from "./profile.js";
import { clamp, type Rng } from "./random.js";
import { blockSeconds } from "./steps.js";
import type { DemoWorkout, WorkoutStructure } from "./types.js";

export type PlannedNumbers = Pick<
  DemoWorkout,
  "totalTimePlanned" | "ifPlanned" | "tssPlanned" | "distancePlanned" | "velocityPlanned" | "energyPlanned" | "caloriesPlanned" | "elevationGainPlanned"
>;

export type ActualNumbers = Pick<
  DemoWorkout,
  | "totalTime" | "if" | "tssActual" | "tssSource" | "distance" | "velocityAverage" | "velocityMaximum" | "normalizedSpeedActual"
  | "normalizedPowerActual" | "powerAverage" | "powerMaximum" | "energy" | "calories"
  | "heartRateMinimum" | "heartRateMaximum" | "heartRateAverage" | "cadenceAverage" | "cadenceMaximum"
  | "elevationGain" | "elevationLoss" | "elevationMinimum" | "elevationAverage" | "elevationMaximum"
  | "tempMin" | "tempAvg" | "tempMax"
>;

/** The planned numbers of a workout without a plan (or with no steps). */
export const NO_PLAN: PlannedNumbers = {
  totalTimePlanned: null, ifPlanned: null, tssPlanned: null, distancePlanned: null,
  velocityPlanned: null, energyPlanned: null, caloriesPlanned: null, elevationGainPlanned: null,
};

export function tss(hours: number, intensity: number): number {
  return round(hours * intensity * intensity * 100, 1);
}

/** Planned intensity: fourth-power mean of the steps for bike and run (like NP), plain mean otherwise. */
function plannedIntensity(session: PlannedSession): number {
  let sec = 0;
  let sum = 0;
  let sum4 = 0;
  for (const b of session.blocks) {
    for (const st of b.steps) {
      const mid = (st.lo + st.hi) / 200;
      sec += b.reps * st.sec;
      sum += b.reps * st.sec * mid;
      sum4 += b.reps * st.sec * mid ** 4;
    }
  }
  if (sec === 0) return 0;
  return session.sport === 2 || session.sport === 3 ? (sum4 / sec) ** 0.25 : sum / sec;
}

export function plannedNumbers(session: PlannedSession, th: Thresholds): PlannedNumbers {
  const sec = blockSeconds(session.blocks);
  if (sec === 0) return NO_PLAN;
  const hours = round(sec / 3600, 4);
  const intensity = round(plannedIntensity(session), 3);
  const meanRel = session.blocks.reduce((s, b) => s + b.reps * b.steps.reduce((t, st) => t + (st.sec * (st.lo + st.hi)) / 200, 0), 0) / sec;
  let distance: number | null = null;
  if (session.raceDistance !== null) distance = session.raceDistance;
  else if (session.sport === 3) distance = Math.round((meanRel * th.runSpeed * sec) / 100) * 100;
  else if (session.sport === 1) distance = Math.round((meanRel * th.swimSpeed * sec) / 50) * 50;
  const energy = session.sport === 2 ? round((meanRel * th.ftp * sec) / 1000, 1) : null;
  const calories =
    session.sport === 2 ? Math.round(energy!) : session.sport === 3 ? Math.round((th.body.weightKg * distance!) / 1000) : Math.round((sec / 60) * (session.sport === 1 ? 9.5 : 6));
  return {
    totalTimePlanned: hours,
    ifPlanned: intensity,
    tssPlanned: tss(hours, intensity),
    distancePlanned: distance,
    velocityPlanned: distance !== null && session.sport !== 2 ? round(distance / sec, 3) : null,
    energyPlanned: energy,
    caloriesPlanned: calories,
    elevationGainPlanned: session.race && distance !== null ? Math.round((distance / 1000) * (session.sport === 2 ? 4 : 2)) : null,
  };
}

export function structureOf(session: PlannedSession): WorkoutStructure | null {
  if (!session.structured) return null;
  let clock = 0;
  return {
    structure: session.blocks.map((b) => {
      const begin = clock;
      clock += b.reps * b.steps.reduce((s, st) => s + st.sec, 0);
      return {
        type: b.reps > 1 ? "repetition" : "step",
        length: { value: b.reps, unit: "repetition" },
        steps: b.steps.map((st) => ({
          name: st.name,
          length: { value: st.sec, unit: "second" },
          targets: [{ minValue: st.lo, maxValue: st.hi }],
          intensityClass: st.cls,
        })),
        begin,
        end: clock,
      };
    }),
    primaryLengthMetric: "duration",
    primaryIntensityMetric: session.sport === 2 ? "percentOfFtp" : "percentOfThresholdPace",
  };
}

/**
 * Intensity factor of a recording (or a lap of it), `metres` in `sec` moving seconds: NP / FTP
 * on the bike, normalized speed / threshold speed on the run, mean speed / CSS in the pool.
 */
export function recordingIntensity(segs: readonly Segment[], sport: number, th: Thresholds, metres: number, sec: number) {
  if (sport === 2) {
    const np = normalized(segs, (s) => s.power);
    return { intensity: np / th.ftp, np, ngs: null };
  }
  if (sport === 3) {
    const ngs = normalized(segs, (s) => s.speed);
    return { intensity: ngs / th.runSpeed, np: null, ngs };
  }
  return { intensity: sport === 1 ? metres / sec / th.swimSpeed : weightedMean(segs, (s) => s.rel), np: null, ngs: null };
}

/** tssSource: 1 power, 2 run pace, 3 swim pace, 4 heart rate (the demo's own numbering). */
const TSS_SOURCE: Record<number, number> = { 1: 3, 2: 1, 3: 2, 9: 4 };

export interface Weather {
  temperature: number;
}

export function actualNumbers(segs: readonly Segment[], session: PlannedSession, th: Thresholds, weather: Weather, rng: Rng): ActualNumbers {
  const sport = session.sport;
  let sec = 0;
  let metres = 0;
  let maxPower = 0;
  let maxSpeed = 0;
  let minHr = Infinity;
  let maxHr = 0;
  let maxCadence: number | null = null;
  for (const x of segs) {
    sec += x.sec;
    metres += x.dist;
    maxPower = Math.max(maxPower, x.power);
    maxSpeed = Math.max(maxSpeed, x.speed);
    minHr = Math.min(minHr, x.hr);
    maxHr = Math.max(maxHr, x.hrPeak);
    if (x.cadence !== null) maxCadence = Math.max(maxCadence ?? 0, x.cadence);
  }
  const hours = round(sec / 3600, 6);
  const avgSpeed = metres / sec;
  const measured = recordingIntensity(segs, sport, th, metres, sec);
  const { np, ngs } = measured;
  const intensity = round(measured.intensity, 4);

  const powerAverage = sport === 2 ? Math.round(weightedMean(segs, (s) => s.power)) : null;
  const outdoor = sport === 2 || sport === 3 || (sport === 1 && session.race !== undefined);
  const km = metres / 1000;
  const climb = sport === 2 ? (rng.chance(0.12) ? rng.range(9, 14) : rng.range(2, 6)) : rng.range(1, 4);
  const gain = outdoor && sport !== 1 ? Math.round(km * climb) : null;
  const low = Math.round(rng.range(-4, 4));
  const high = gain !== null ? low + Math.round(8 + gain * rng.range(0.05, 0.15)) : null;
  const energy = powerAverage !== null ? round((powerAverage * sec) / 1000, 1) : null;
  const temp = weather.temperature;
  return {
    totalTime: hours,
    if: intensity,
    tssActual: tss(hours, intensity),
    tssSource: TSS_SOURCE[sport] ?? 0,
    distance: sport === 9 ? null : round(metres, 1),
    velocityAverage: sport === 9 ? null : round(avgSpeed, 3),
    velocityMaximum: sport === 9 ? null : round(Math.min(18, maxSpeed * (sport === 2 ? rng.range(1.25, 1.45) : rng.range(1.05, 1.15))), 3),
    normalizedSpeedActual: ngs !== null ? round(ngs, 3) : null,
    normalizedPowerActual: np !== null ? Math.round(np) : null,
    powerAverage,
    powerMaximum: sport === 2 ? Math.round(maxPower * rng.range(1.08, 1.25)) : null,
    energy,
    calories:
      sport === 2 ? Math.round(energy! * rng.range(0.95, 1.05)) : sport === 3 ? Math.round(th.body.weightKg * km) : Math.round((sec / 60) * (sport === 1 ? 9.5 * intensity : 6)),
    heartRateMinimum: Math.round(minHr - rng.range(3, 10)),
    heartRateMaximum: Math.round(clamp(maxHr + rng.range(0.5, 2.5), 0, th.body.maxHeartRate)),
    heartRateAverage: Math.round(weightedMean(segs, (s) => s.hr)),
    cadenceAverage: maxCadence !== null ? Math.round(weightedMean(segs, (s) => s.cadence ?? 0)) : null,
    cadenceMaximum: maxCadence !== null ? maxCadence + rng.int(3, 12) : null,
    elevationGain: gain,
    elevationLoss: gain !== null ? Math.round(gain * rng.range(0.95, 1.05)) : null,
    elevationMinimum: gain !== null ? low : null,
    elevationAverage: gain !== null ? Math.round(low + (high! - low) * rng.range(0.3, 0.5)) : null,
    elevationMaximum: high,
    tempMin: outdoor ? round(temp - rng.range(1, 4), 1) : null,
    tempAvg: outdoor ? round(temp, 1) : null,
    tempMax: outdoor ? round(temp + rng.range(1, 5), 1) : null,
  };
}
