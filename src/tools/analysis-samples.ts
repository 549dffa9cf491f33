/**
 * The recording of the analysis service's `charts` answer, read into plain arrays in the tools'
 * units (seconds, W, bpm, m/s), whatever units the service chose: the notes on its shape are
 * unsure of them, so each is read from the channel's `unit` or the numbers' size.
 */
import type { components } from "../generated/api.js";

type Charts = components["schemas"]["AnalysisCharts"];
export type Channel = "power" | "hr" | "cadence" | "speed";

const CHANNEL_KEYS: Record<Channel, string> = { power: "Power", hr: "HeartRate", cadence: "Cadence", speed: "Speed" };

/**
 * Typed arrays, one slot a sample: a two-hour ride at 1 s is 7,200 samples a channel, and plain
 * arrays of numbers mixed with holes would box every value the garbage collector then copies.
 */
export interface Recording {
  /** Seconds from the start of each sample (elapsed: pauses show as jumps). */
  time: Float64Array;
  /** Seconds each sample stands for: the step to the next one, a pause counted as one step. */
  weight: Float64Array;
  /** 1 where the athlete was moving at the sample (speed above a walk's crawl, where speed is recorded). */
  moving: Uint8Array;
  /** One value per sample, NaN where the channel has none; a channel absent from the file is absent here. */
  channels: Partial<Record<Channel, Float64Array>>;
}

/** Metres per second from a speed in the channel's unit; m/s where the unit says nothing known. */
export function speedInMps(value: number, unit: string | null | undefined): number | undefined {
  return speedConverter(unit)(value);
}

/** The conversion speedInMps makes for one unit, worked out once for a channel's thousands of samples. */
function speedConverter(unit: string | null | undefined): (value: number) => number {
  const u = (unit ?? "").toLowerCase().replace(/\s/g, "");
  if (u === "km/h" || u === "kph" || u === "kmh") return (value) => value / 3.6;
  if (u === "mph" || u === "mi/h") return (value) => value * 0.44704;
  // A pace: minutes per km (0 means standing).
  if (u === "min/km") return (value) => (value > 0 ? 1000 / (value * 60) : 0);
  return (value) => value;
}

const MOVING_MPS = 0.5;

function median(values: Float64Array): number {
  if (values.length === 0) return 1;
  return values.slice().sort()[Math.floor(values.length / 2)]!;
}

/** The positive steps between consecutive times. */
function positiveSteps(time: Float64Array): Float64Array {
  const steps = new Float64Array(Math.max(0, time.length - 1));
  let count = 0;
  for (let i = 1; i < time.length; i++) {
    const d = time[i]! - time[i - 1]!;
    if (d > 0) steps[count++] = d;
  }
  return steps.subarray(0, count);
}

/** Reads the samples; `undefined` when the answer holds none. */
export function readRecording(charts: Charts): Recording | undefined {
  const rows = (charts.data ?? []).filter((row): row is NonNullable<typeof row> => row !== null && typeof row === "object");
  if (rows.length === 0) return undefined;
  const metadata = charts.metadata ?? {};
  const n = rows.length;
  const time = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = rows[i]!.time;
    time[i] = typeof t === "number" && Number.isFinite(t) ? t : i;
  }
  // Steps of hundreds mean milliseconds: no device records less often than every 100 s.
  const typicalStep = median(positiveSteps(time));
  const scale = typicalStep >= 100 ? 1 / 1000 : 1;
  const first = time[0]!;
  for (let i = 0; i < n; i++) time[i] = (time[i]! - first) * scale;
  const step = typicalStep * scale;
  // A step much longer than usual is a pause: the sample stands for one ordinary step only.
  const pause = Math.max(10, 5 * step);
  const weight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = i + 1 < n ? time[i + 1]! - time[i]! : step;
    weight[i] = d > 0 && d <= pause ? d : step;
  }

  const channels: Recording["channels"] = {};
  for (const channel of Object.keys(CHANNEL_KEYS) as Channel[]) {
    const key = CHANNEL_KEYS[channel];
    const convert = channel === "speed" ? speedConverter(metadata[key]?.unit) : undefined;
    const values = new Float64Array(n);
    let known = false;
    for (let i = 0; i < n; i++) {
      const v = rows[i]![key];
      if (typeof v !== "number" || !Number.isFinite(v)) values[i] = NaN;
      else {
        values[i] = convert ? convert(v) : v;
        known = true;
      }
    }
    if (known) channels[channel] = values;
  }
  const speed = channels.speed;
  // A speed channel that is nearly all zeros (a trainer without a sensor) says nothing of moving.
  let fast = 0;
  if (speed) for (const v of speed) if (v > MOVING_MPS) fast++;
  const speedKnown = speed !== undefined && fast > n * 0.1;
  const moving = new Uint8Array(n);
  for (let i = 0; i < n; i++) moving[i] = !speedKnown || speed[i]! > MOVING_MPS ? 1 : 0;
  return { time, weight, moving, channels };
}

/** Seconds recorded while moving. */
export function movingSeconds(recording: Recording): number {
  let sum = 0;
  for (let i = 0; i < recording.weight.length; i++) if (recording.moving[i]) sum += recording.weight[i]!;
  return sum;
}

/** The time-weighted mean of a channel over samples [from, to), moving samples with a value only. */
export function channelMean(recording: Recording, channel: Channel, from = 0, to = recording.time.length): number | undefined {
  const values = recording.channels[channel];
  if (!values) return undefined;
  let sum = 0;
  let weight = 0;
  for (let i = from; i < to; i++) {
    const v = values[i]!;
    if (Number.isNaN(v) || !recording.moving[i]) continue;
    sum += v * recording.weight[i]!;
    weight += recording.weight[i]!;
  }
  return weight > 0 ? sum / weight : undefined;
}

/**
 * Normalized power (TrainingPeaks' definition: the fourth-power mean of the 30-s rolling
 * average), over the moving samples of [from, to) resampled to one a second.
 */
export function normalizedPower(recording: Recording, from = 0, to = recording.time.length): number | undefined {
  const power = recording.channels.power;
  if (!power) return undefined;
  const secondsOf = (i: number) => Math.max(1, Math.round(recording.weight[i]!));
  let length = 0;
  for (let i = from; i < to; i++) if (recording.moving[i]) length += secondsOf(i);
  if (length < 30) return undefined;
  const perSecond = new Float64Array(length);
  let filled = 0;
  for (let i = from; i < to; i++) {
    if (!recording.moving[i]) continue;
    const value = Number.isNaN(power[i]!) ? 0 : power[i]!;
    const end = filled + secondsOf(i);
    perSecond.fill(value, filled, end);
    filled = end;
  }
  let window = 0;
  let sum4 = 0;
  let count = 0;
  for (let i = 0; i < perSecond.length; i++) {
    window += perSecond[i]!;
    if (i >= 30) window -= perSecond[i - 30]!;
    if (i >= 29) {
      sum4 += (window / 30) ** 4;
      count++;
    }
  }
  return (sum4 / count) ** 0.25;
}
