/**
 * What the analysis tool derives from the recording: aerobic decoupling, efficiency factor, and
 * the downsampled series.
 */
import type { HandlerOutput } from "./types.js";
import { round } from "../core/numbers.js";
import { channelMean, normalizedPower, type Channel, type Recording } from "./analysis-samples.js";

type Output = HandlerOutput<"tp_analyze_workout">;
export type Decoupling = NonNullable<Output["decoupling"]>;
export type Series = NonNullable<Output["series"]>;

export const MAX_SERIES_POINTS = 300;
/** Decoupling says little of a shorter session. */
const MIN_DECOUPLING_S = 30 * 60;
/** Above this IF a session is not aerobic. */
const MAX_AEROBIC_IF = 0.85;
/** Rides more variable than this (NP ÷ average power) are not steady. */
const MAX_STEADY_VI = 1.1;
/** Runs whose 5-minute average speeds vary more than this (coefficient of variation) are not steady. */
const MAX_STEADY_RUN_CV = 0.1;

export type Effort = { kind: Decoupling["kind"]; output: "power" | "speed" };

/** Rides are judged by power, runs by speed; other sports have no decoupling. */
export function effortOf(sport: number | null | undefined, recording: Recording): Effort | undefined {
  if (!recording.channels.hr) return undefined;
  if ((sport === 2 || sport === 8) && recording.channels.power) return { kind: "Pw:HR", output: "power" };
  if (sport === 3 && recording.channels.speed) return { kind: "Pa:HR", output: "speed" };
  return undefined;
}

/** Output per heartbeat over samples [from, to): NP per bpm for rides, metres a minute per bpm for runs. */
function efficiency(recording: Recording, effort: Effort, from = 0, to = recording.time.length): number | undefined {
  const hr = channelMean(recording, "hr", from, to);
  const output = effort.output === "power" ? normalizedPower(recording, from, to) : mul(channelMean(recording, "speed", from, to), 60);
  return hr && output !== undefined ? output / hr : undefined;
}

const mul = (value: number | undefined, k: number) => (value === undefined ? undefined : value * k);

export function efficiencyFactor(recording: Recording, effort: Effort | undefined): number | undefined {
  const ef = effort && efficiency(recording, effort);
  return ef === undefined ? undefined : round(ef, 2);
}

/** The sample that ends the first half of the moving time (`total`, the recording's moving seconds). */
function halfway(recording: Recording, total: number): number {
  let sum = 0;
  for (let i = 0; i < recording.time.length; i++) {
    if (recording.moving[i]) sum += recording.weight[i]!;
    if (sum >= total / 2) return i + 1;
  }
  return recording.time.length;
}

/** The coefficient of variation of a channel's 5-minute means (moving time only). */
function blockVariation(recording: Recording, channel: Channel): number {
  const means: number[] = [];
  let start = 0;
  let span = 0;
  for (let i = 0; i < recording.time.length; i++) {
    span += recording.weight[i]!;
    if (span >= 300 || i === recording.time.length - 1) {
      const mean = channelMean(recording, channel, start, i + 1);
      if (mean !== undefined && span >= 150) means.push(mean);
      start = i + 1;
      span = 0;
    }
  }
  if (means.length < 2) return 0;
  const average = means.reduce((a, b) => a + b, 0) / means.length;
  const variance = means.reduce((sum, m) => sum + (m - average) ** 2, 0) / means.length;
  return average > 0 ? Math.sqrt(variance) / average : 0;
}

export interface DecouplingInput {
  recording: Recording;
  effort: Effort | undefined;
  movingSeconds: number;
  /** The workout's intensity factor, where TrainingPeaks computed one. */
  intensityFactor: number | undefined;
}

/** Pw:HR or Pa:HR for a steady aerobic session, else why not. */
export function decouplingOf({ recording, effort, movingSeconds, intensityFactor }: DecouplingInput): { decoupling: Decoupling } | { skipped: string } {
  if (!effort) return { skipped: "needs heart rate with power (rides) or speed (runs)" };
  if (movingSeconds < MIN_DECOUPLING_S) return { skipped: "shorter than 30 minutes" };
  if (intensityFactor !== undefined && intensityFactor > MAX_AEROBIC_IF) return { skipped: `not aerobic (IF ${round(intensityFactor, 2)})` };
  if (effort.output === "power") {
    const vi = (normalizedPower(recording) ?? 0) / (channelMean(recording, "power") ?? Infinity);
    if (vi > MAX_STEADY_VI) return { skipped: `not steady (variability index ${round(vi, 2)})` };
  } else {
    const cv = blockVariation(recording, "speed");
    if (cv > MAX_STEADY_RUN_CV) return { skipped: `not steady (speed varies ${round(cv * 100, 0)} %)` };
  }
  const middle = halfway(recording, movingSeconds);
  const first = efficiency(recording, effort, 0, middle);
  const second = efficiency(recording, effort, middle);
  if (!first || second === undefined) return { skipped: "too little data in one half" };
  return {
    decoupling: { kind: effort.kind, pct: round(((first - second) / first) * 100, 1), first_half_ef: round(first, 2), second_half_ef: round(second, 2) },
  };
}

const SERIES_CHANNELS = [
  ["power_w", "power", 0],
  ["hr_bpm", "hr", 0],
  ["cadence", "cadence", 0],
  ["speed_mps", "speed", 2],
] as const;

/**
 * The recording averaged over buckets of `resolution` seconds, widened so that no more than 300
 * points come out; buckets with no sample (a pause) are left out. A bucket with no value of a
 * channel repeats the one before, so every array lines up with `time_s`.
 */
export function downsample(recording: Recording, resolution: number | undefined): Series {
  const n = recording.time.length;
  const span = n > 0 ? recording.time[n - 1]! + recording.weight[n - 1]! : 0;
  const interval = Math.max(resolution ?? 1, Math.ceil(span / MAX_SERIES_POINTS), 1);
  const bucketOf = new Uint16Array(n);
  const filled = new Uint8Array(MAX_SERIES_POINTS);
  for (let i = 0; i < n; i++) {
    // A sample timed before the first (a device clock set back) counts in the first bucket.
    const bucket = Math.min(Math.max(0, Math.floor(recording.time[i]! / interval)), MAX_SERIES_POINTS - 1);
    bucketOf[i] = bucket;
    filled[bucket] = 1;
  }
  const keys: number[] = [];
  for (let k = 0; k < MAX_SERIES_POINTS; k++) if (filled[k]) keys.push(k);
  const series: Series = { interval_s: interval, time_s: keys.map((k) => k * interval) };
  for (const [field, channel, digits] of SERIES_CHANNELS) {
    const values = recording.channels[channel];
    if (!values) continue;
    const sums = new Float64Array(MAX_SERIES_POINTS);
    const weights = new Float64Array(MAX_SERIES_POINTS);
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      if (Number.isNaN(v)) continue;
      const bucket = bucketOf[i]!;
      sums[bucket]! += v * recording.weight[i]!;
      weights[bucket]! += recording.weight[i]!;
    }
    let last: number | undefined;
    const points = keys.map((k) => {
      if (weights[k]! > 0) last = sums[k]! / weights[k]!;
      return last;
    });
    const firstKnown = points.find((p) => p !== undefined) ?? 0;
    series[field] = points.map((p) => round(p ?? firstKnown, digits));
  }
  return series;
}
