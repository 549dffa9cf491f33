/**
 * Laps (`…/workouts/{id}/detaildata`) and the analysis summary (`POST /workout-analysis/v2/analyze/summary`),
 * both cut from the workout's recording.
 */
import { round } from "../core/numbers.js";
import { totalSeconds, weightedMean, type Segment } from "./effort.js";
import type { Thresholds } from "./profile.js";
import type { DemoWorkout, LapStats } from "./types.js";
import { recordingIntensity, tss } from "./workout-numbers.js";

/** Groups segments into laps: one per planned step for structured sessions, else auto-laps. */
function groupLaps(segs: readonly Segment[], sport: number, byStep: boolean): Segment[][] {
  const laps: Segment[][] = [];
  let current: Segment[] = [];
  let size = 0;
  const autoLap = sport === 2 ? 1200 : sport === 3 ? 1000 : sport === 1 ? 400 : Infinity;
  segs.forEach((s, i) => {
    if (byStep && current.length > 0 && s.step !== segs[i - 1]!.step) {
      laps.push(current);
      current = [];
      size = 0;
    }
    current.push(s);
    size += sport === 2 ? s.sec : s.dist;
    if (!byStep && size >= autoLap) {
      laps.push(current);
      current = [];
      size = 0;
    }
  });
  if (current.length > 0) laps.push(current);
  return laps;
}

export function buildLaps(segs: readonly Segment[], workout: DemoWorkout, th: Thresholds, byStep: boolean): LapStats[] {
  const sport = workout.workoutTypeValueId;
  const totalDistance = workout.distance ?? 0;
  const kcalPerSecond = (workout.calories ?? 0) / totalSeconds(segs);
  let clockMs = 0;
  return groupLaps(segs, sport, byStep).map((lap, i) => {
    const sec = totalSeconds(lap);
    const stop = lap.reduce((s, x) => s + x.stop, 0);
    const dist = lap.reduce((s, x) => s + x.dist, 0);
    const { np, intensity } = recordingIntensity(lap, sport, th, dist, sec);
    const begin = clockMs;
    clockMs += Math.round((sec + stop) * 1000);
    return {
      name: `Lap ${i + 1}`,
      begin,
      end: clockMs,
      elapsedTime: clockMs - begin,
      stoppedTime: Math.round(stop * 1000),
      distance: round(dist, 1),
      averageHeartRate: Math.round(weightedMean(lap, (s) => s.hr)),
      maximumHeartRate: Math.round(Math.max(...lap.map((s) => s.hrPeak))),
      averagePower: sport === 2 ? Math.round(weightedMean(lap, (s) => s.power)) : null,
      maximumPower: sport === 2 ? Math.round(Math.max(...lap.map((s) => s.power))) : null,
      normalizedPowerActual: np !== null ? Math.round(np) : null,
      averageCadence: lap[0]!.cadence === null ? null : Math.round(weightedMean(lap, (s) => s.cadence ?? 0)),
      averageSpeed: sport === 9 ? null : round(dist / sec, 3),
      elevationGain: workout.elevationGain !== null && totalDistance > 0 ? Math.round((workout.elevationGain * dist) / totalDistance) : null,
      trainingStressScoreActual: tss(sec / 3600, intensity),
      intensityFactorActual: round(intensity, 3),
      calories: Math.round(kcalPerSecond * sec),
    };
  });
}

type Total = { value: number; unit: string | null };

/** The analysis service's `totals`, keyed by its display names. */
export function analysisTotals(workout: DemoWorkout, laps: readonly LapStats[]): Record<string, Total> {
  const moving = Math.round((workout.totalTime ?? 0) * 3600);
  const stopped = Math.round(laps.reduce((s, l) => s + l.stoppedTime, 0) / 1000);
  const totals: Record<string, Total> = {
    Duration: { value: moving, unit: "s" },
    "Moving time": { value: moving, unit: "s" },
    "Elapsed time": { value: moving + stopped, unit: "s" },
  };
  const add = (name: string, value: number | null, unit: string | null) => {
    if (value !== null) totals[name] = { value, unit };
  };
  add("Distance", workout.distance, "m");
  add("El. Gain", workout.elevationGain, "m");
  add("El. Loss", workout.elevationLoss, "m");
  add("Avg. Speed", workout.velocityAverage, "m/s");
  add("Avg. Heart Rate", workout.heartRateAverage, "bpm");
  add("Max. Heart Rate", workout.heartRateMaximum, "bpm");
  add("Avg. Power", workout.powerAverage, "W");
  add("Normalized Power", workout.normalizedPowerActual, "W");
  add("Work", workout.energy, "kJ");
  add("Avg. Cadence", workout.cadenceAverage, "rpm");
  add("Calories", workout.calories, "kcal");
  add("TSS", workout.tssActual, null);
  add("IF", workout.if, null);
  return totals;
}
