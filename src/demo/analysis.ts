/**
 * The analysis service's `charts` and `laps` answers (`POST /workout-analysis/v2/analyze/…`) for
 * a demo workout, cut from its recording on request: one sample a second over the moving time
 * (the clock jumps over the stops, as a device's auto-pause leaves it), with a little
 * deterministic jitter, so that the samples, the laps and the workout's own numbers agree.
 */
import type { components } from "../generated/api.js";
import { round } from "../core/numbers.js";
import { workoutRecording, type DemoAthlete } from "./athlete.js";
import type { Segment } from "./effort.js";
import { buildLaps } from "./laps.js";
import { Rng } from "./random.js";

type Schemas = components["schemas"];
type Sample = Schemas["AnalysisSample"];
type ZoneGroup = Schemas["ZoneGroup"];

/** Heart rate settles on a new effort over about this many seconds. */
const HR_SETTLE_S = 30;

function samplesOf(segs: readonly Segment[], sport: number, rng: Rng): Sample[] {
  const samples: Sample[] = [];
  let clock = 0;
  let moving = 0;
  let distance = 0;
  let hrBefore = segs[0]?.hr ?? 0;
  for (const seg of segs) {
    // Whole samples up to the running total, so rounding never drifts from the moving time.
    const count = Math.round(moving + seg.sec) - Math.round(moving);
    moving += seg.sec;
    for (let k = 0; k < count; k++) {
      const settle = Math.min(1, (k + 1) / Math.min(HR_SETTLE_S, Math.max(1, count / 2)));
      const speed = Math.max(0, seg.speed * (1 + rng.normal(0.02)));
      distance += speed;
      const sample: Sample = { time: clock, HeartRate: Math.round(hrBefore + (seg.hr - hrBefore) * settle + rng.normal(0.8)) };
      if (sport === 2) sample.Power = Math.max(0, Math.round(seg.power * (1 + rng.normal(0.05))));
      if (seg.cadence !== null) sample.Cadence = Math.max(0, Math.round(seg.cadence + rng.normal(1.5)));
      if (sport !== 9) {
        sample.Speed = round(speed, 2);
        sample.Distance = round(distance, 1);
      }
      samples.push(sample);
      clock++;
    }
    hrBefore = seg.hr;
    clock += Math.round(seg.stop);
  }
  return samples;
}

/** The settings group the web app would colour a channel by: the sport's own, else the all-sports one. */
function zonesFor(groups: readonly ZoneGroup[], sport: number): NonNullable<NonNullable<Schemas["AnalysisChannel"]>["zones"]> | null {
  const group = groups.find((g) => g.workoutTypeId === sport) ?? groups.find((g) => !g.workoutTypeId);
  return group?.zones?.map((z) => ({ label: z.label ?? null, min: z.minimum ?? null, max: z.maximum ?? null })) ?? null;
}

const CHANNELS = [
  ["Power", "Power", "W"],
  ["HeartRate", "Heart Rate", "bpm"],
  ["Cadence", "Cadence", "rpm"],
  ["Speed", "Speed", "m/s"],
] as const;

/** `…/analyze/charts`; `undefined` for a workout without a recording. */
export function analysisCharts(athlete: DemoAthlete, workoutId: number): Schemas["AnalysisCharts"] | undefined {
  const built = workoutRecording(athlete, workoutId);
  if (!built) return undefined;
  const sport = built.workout.workoutTypeValueId;
  const data = samplesOf(built.segs, sport, Rng.for(athlete.seed, "samples", workoutId));
  const { heartRateZones, powerZones, speedZones } = athlete.settings;
  const zones: Record<string, readonly ZoneGroup[]> = { Power: powerZones, HeartRate: heartRateZones, Speed: sport === 2 ? [] : speedZones };
  const metadata: NonNullable<Schemas["AnalysisCharts"]["metadata"]> = {};
  for (const [key, friendlyName, unit] of CHANNELS) {
    const values = data.map((s) => s[key]).filter((v): v is number => typeof v === "number");
    if (values.length === 0) continue;
    metadata[key] = {
      friendlyName,
      unit,
      minimum: Math.min(...values),
      maximum: Math.max(...values),
      average: round(values.reduce((a, b) => a + b, 0) / values.length, 1),
      zones: zonesFor(zones[key] ?? [], sport),
    };
  }
  return { metadata, data };
}

const INTENSITY = { warmUp: "Warmup", active: "Active", rest: "Rest", coolDown: "Cooldown" } as const;

/** `…/analyze/laps`; `undefined` for a workout without a recording. */
export function analysisLaps(athlete: DemoAthlete, workoutId: number): Schemas["AnalysisLaps"] | undefined {
  const built = workoutRecording(athlete, workoutId);
  if (!built) return undefined;
  const laps = buildLaps(built.segs, built.workout, built.thresholds, built.lapsByStep);
  // Laps cut by step follow the plan's steps, repetitions expanded, one lap each.
  const steps = built.lapsByStep
    ? (built.workout.structure?.structure ?? []).flatMap((block) => Array.from({ length: block.length.value }, () => block.steps).flat())
    : [];
  const seconds = (ms: number | null) => round((ms ?? 0) / 1000, 1);
  return {
    columnMetadata: {
      Name: { friendlyName: "Name", type: "string" },
      TotalElapsedTime: { friendlyName: "Elapsed time", unit: "s", type: "number" },
      TotalMovingTime: { friendlyName: "Moving time", unit: "s", type: "number" },
      TotalDistance: { friendlyName: "Distance", unit: "m", type: "number" },
      AveragePower: { friendlyName: "Avg power", unit: "W", type: "number" },
      AverageHeartRate: { friendlyName: "Avg heart rate", unit: "bpm", type: "number" },
      AverageSpeed: { friendlyName: "Avg speed", unit: "m/s", type: "number" },
    },
    data: laps.map((lap, i) => ({
      id: i,
      Name: lap.name,
      startOffsetSeconds: seconds(lap.begin),
      TotalElapsedTime: seconds(lap.elapsedTime),
      TotalTimerTime: seconds(lap.elapsedTime),
      TotalMovingTime: seconds((lap.elapsedTime ?? 0) - lap.stoppedTime),
      TotalDistance: lap.distance,
      AveragePower: lap.averagePower,
      MaximumPower: lap.maximumPower,
      NormalizedPower: lap.normalizedPowerActual,
      AverageHeartRate: lap.averageHeartRate,
      MaximumHeartRate: lap.maximumHeartRate,
      AverageCadence: lap.averageCadence,
      AverageSpeed: lap.averageSpeed,
      WorkoutStepIndex: steps.length > 0 ? i : null,
      Intensity: INTENSITY[steps[i]?.intensityClass ?? "active"],
      LapTrigger: built.lapsByStep ? "Manual" : built.workout.workoutTypeValueId === 2 ? "Time" : "Distance",
    })),
    lapDetectionState: { powerIntervalsDetected: false },
    lapSources: { Device: laps.length },
  };
}
