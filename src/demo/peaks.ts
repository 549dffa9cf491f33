/**
 * Per-workout peaks: best mean power and heart rate over fixed durations (bike, run heart rate)
 * and best speed over fixed distances (run), from the workout's recording.
 */
import { round } from "../core/numbers.js";
import type { Segment } from "./effort.js";

export const POWER_PEAKS = [
  ["power5sec", 5],
  ["power1min", 60],
  ["power5min", 300],
  ["power10min", 600],
  ["power20min", 1200],
  ["power60min", 3600],
  ["power90min", 5400],
] as const;

export const HR_PEAKS = [
  ["hR5sec", 5],
  ["hR1min", 60],
  ["hR5min", 300],
  ["hR10min", 600],
  ["hR20min", 1200],
  ["hR60min", 3600],
  ["hR90min", 5400],
] as const;

/** Metres. */
export const SPEED_PEAKS = [
  ["speed400Meter", 400],
  ["speed800Meter", 800],
  ["speed1K", 1000],
  ["speed1Mi", 1609.344],
  ["speed5K", 5000],
  ["speed5Mi", 8046.72],
  ["speed10K", 10_000],
  ["speed10Mi", 16_093.44],
  ["speedHalfMarathon", 21_097.5],
  ["speedMarathon", 42_195],
  ["speed50K", 50_000],
] as const;

export type PowerPrType = (typeof POWER_PEAKS)[number][0];
export type HrPrType = (typeof HR_PEAKS)[number][0];
export type SpeedPrType = (typeof SPEED_PEAKS)[number][0];
export type PrType = PowerPrType | HrPrType | SpeedPrType;

export const BIKE_PR_TYPES: readonly PrType[] = [...POWER_PEAKS, ...HR_PEAKS].map(([t]) => t);
export const RUN_PR_TYPES: readonly PrType[] = [...SPEED_PEAKS, ...HR_PEAKS].map(([t]) => t);

export type Peaks = Partial<Record<PrType, number>>;

/**
 * Best (highest or lowest) mean of a piecewise-constant function over any window of each width
 * (same unit as `lengths`); `undefined` where the function is shorter than the window.
 * A window's integral is piecewise linear in its position, so the optimum has an edge on a
 * segment boundary: checking the windows that start or end on every boundary is exact.
 */
export function bestWindowMeans(
  lengths: readonly number[],
  values: readonly number[],
  widths: readonly number[],
  mode: "max" | "min",
): Array<number | undefined> {
  const n = lengths.length;
  const bounds = new Float64Array(n + 1);
  const integral = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    bounds[i + 1] = bounds[i]! + lengths[i]!;
    integral[i + 1] = integral[i]! + lengths[i]! * values[i]!;
  }
  const total = bounds[n]!;
  const sign = mode === "max" ? 1 : -1;
  return widths.map((width) => {
    if (n === 0 || width > total + 1e-9) return undefined;
    const last = Math.max(0, total - width);
    let best = -Infinity;
    // Window starts are swept in increasing order (first starting on each boundary, then ending
    // on each), so the segments holding the start and the end only move forward.
    for (const shift of [0, width]) {
      let ks = 0;
      let ke = 0;
      for (let i = 0; i <= n; i++) {
        const x = Math.min(Math.max(bounds[i]! - shift, 0), last);
        const end = x + width;
        while (ks < n - 1 && bounds[ks + 1]! <= x) ks++;
        while (ke < n - 1 && bounds[ke + 1]! <= end) ke++;
        const sum = integral[ke]! + (end - bounds[ke]!) * values[ke]! - (integral[ks]! + (x - bounds[ks]!) * values[ks]!);
        if (sign * sum > best) best = sign * sum;
      }
    }
    return (sign * best) / width;
  });
}

/** Longer windows never beat shorter ones (a true mean-max curve can, by a whisker; TP's does not). */
function monotone(out: Peaks, types: ReadonlyArray<PrType>): void {
  let prev = Infinity;
  for (const t of types) {
    const v = out[t];
    if (v === undefined) continue;
    out[t] = Math.min(v, prev);
    prev = out[t]!;
  }
}

function timePeaks(out: Peaks, segs: readonly Segment[], table: ReadonlyArray<readonly [PrType, number]>, value: (s: Segment) => number): void {
  const bests = bestWindowMeans(
    segs.map((s) => s.sec),
    segs.map(value),
    table.map(([, sec]) => sec),
    "max",
  );
  table.forEach(([type], i) => {
    const best = bests[i];
    if (best !== undefined) out[type] = Math.round(best);
  });
  monotone(out, table.map(([t]) => t));
}

export function bikePeaks(segs: readonly Segment[]): Peaks {
  const out: Peaks = {};
  timePeaks(out, segs, POWER_PEAKS, (s) => s.power);
  timePeaks(out, segs, HR_PEAKS, (s) => s.hr);
  return out;
}

export function runPeaks(segs: readonly Segment[]): Peaks {
  const out: Peaks = {};
  // Best speed over a distance = distance / least time: the lowest mean pace (s/m) over the window.
  const bests = bestWindowMeans(
    segs.map((s) => s.dist),
    segs.map((s) => 1 / s.speed),
    SPEED_PEAKS.map(([, metres]) => metres),
    "min",
  );
  SPEED_PEAKS.forEach(([type], i) => {
    const best = bests[i];
    if (best !== undefined) out[type] = round(1 / best, 3);
  });
  monotone(out, SPEED_PEAKS.map(([t]) => t));
  timePeaks(out, segs, HR_PEAKS, (s) => s.hr);
  return out;
}
