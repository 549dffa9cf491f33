/**
 * The recording of the analysis service's `charts` answer, read into plain arrays in the tools'
 * units (seconds, W, bpm, m/s), whatever units the service chose: the notes on its shape are
 * unsure of them, so each is read from the channel's `unit` or the numbers' size.
 */
import type { components } from "../generated/api.js";

type Charts = components["schemas"]["AnalysisCharts"];
export type Channel = "power" | "hr" | "cadence" | "speed";

const CHANNEL_KEYS: Record<Channel, string> = { power: "Power", hr: "HeartRate", cadence: "Cadence", speed: "Speed" };

export interface Recording {
  /** Seconds from the start of each sample (elapsed: pauses show as jumps). */
  time: number[];
  /** Seconds each sample stands for: the step to the next one, a pause counted as one step. */
  weight: number[];
  /** Whether the athlete was moving at each sample (speed above a walk's crawl, where speed is recorded). */
  moving: boolean[];
  /** One value per sample (undefined where the channel has none); a channel absent from the file is absent here. */
  channels: Partial<Record<Channel, Array<number | undefined>>>;
}

/** Metres per second from a speed in the channel's unit; m/s where the unit says nothing known. */
export function speedInMps(value: number, unit: string | null | undefined): number | undefined {
  const u = (unit ?? "").toLowerCase().replace(/\s/g, "");
  if (u === "km/h" || u === "kph" || u === "kmh") return value / 3.6;
  if (u === "mph" || u === "mi/h") return value * 0.44704;
  // A pace: minutes per km (0 means standing).
  if (u === "min/km") return value > 0 ? 1000 / (value * 60) : 0;
  return value;
}

const MOVING_MPS = 0.5;

const median = (values: number[]): number => {
  if (values.length === 0) return 1;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

/** Reads the samples; `undefined` when the answer holds none. */
export function readRecording(charts: Charts): Recording | undefined {
  const rows = (charts.data ?? []).filter((row): row is NonNullable<typeof row> => row !== null && typeof row === "object");
  if (rows.length === 0) return undefined;
  const metadata = charts.metadata ?? {};
  const rawTime = rows.map((row, i) => (typeof row.time === "number" && Number.isFinite(row.time) ? row.time : i));
  // Steps of hundreds mean milliseconds: no device records less often than every 100 s.
  const steps = rawTime.slice(1).map((t, i) => t - rawTime[i]!).filter((d) => d > 0);
  const scale = median(steps) >= 100 ? 1 / 1000 : 1;
  const time = rawTime.map((t) => (t - rawTime[0]!) * scale);
  const step = median(steps) * scale;
  // A step much longer than usual is a pause: the sample stands for one ordinary step only.
  const pause = Math.max(10, 5 * step);
  const weight = time.map((t, i) => {
    const next = time[i + 1];
    const d = next === undefined ? step : next - t;
    return d > 0 && d <= pause ? d : step;
  });

  const channels: Recording["channels"] = {};
  for (const channel of Object.keys(CHANNEL_KEYS) as Channel[]) {
    const key = CHANNEL_KEYS[channel];
    const unit = metadata[key]?.unit;
    const values = rows.map((row) => {
      const v = row[key];
      if (typeof v !== "number" || !Number.isFinite(v)) return undefined;
      return channel === "speed" ? speedInMps(v, unit) : v;
    });
    if (values.some((v) => v !== undefined)) channels[channel] = values;
  }
  const speed = channels.speed;
  // A speed channel that is nearly all zeros (a trainer without a sensor) says nothing of moving.
  const speedKnown = speed !== undefined && speed.filter((v) => v !== undefined && v > MOVING_MPS).length > rows.length * 0.1;
  const moving = rows.map((_, i) => !speedKnown || (speed![i] ?? 0) > MOVING_MPS);
  return { time, weight, moving, channels };
}

/** Seconds recorded while moving. */
export function movingSeconds(recording: Recording): number {
  return recording.weight.reduce((sum, w, i) => (recording.moving[i] ? sum + w : sum), 0);
}

/** The time-weighted mean of a channel over samples [from, to), moving samples with a value only. */
export function channelMean(recording: Recording, channel: Channel, from = 0, to = recording.time.length): number | undefined {
  const values = recording.channels[channel];
  if (!values) return undefined;
  let sum = 0;
  let weight = 0;
  for (let i = from; i < to; i++) {
    const v = values[i];
    if (v === undefined || !recording.moving[i]) continue;
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
  const perSecond: number[] = [];
  for (let i = from; i < to; i++) {
    if (!recording.moving[i]) continue;
    const seconds = Math.max(1, Math.round(recording.weight[i]!));
    for (let k = 0; k < seconds; k++) perSecond.push(power[i] ?? 0);
  }
  if (perSecond.length < 30) return undefined;
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
