/**
 * Per-workout peaks: best mean power and heart rate over fixed durations (bike, run heart rate)
 * and best speed over fixed distances (run), from the workout's recording.
 */
import { round } from "../core/numbers.js";
import { PR_TYPES_BY_SPORT, RUN_RECORD_DISTANCE_M, type PrType } from "../generated/constants.js";
import type { Segment } from "./effort.js";

export type { PrType };

/** Record types with what each covers: seconds for power and heart rate, metres for speed. */
type PeakTable = ReadonlyArray<readonly [PrType, number]>;

/** The window a record type names (hR5sec → 5, power20min → 1200), so the spec's list is all there is to keep. */
function windowSeconds(type: PrType): number {
  const match = /(\d+)(sec|min)$/.exec(type);
  if (!match) throw new Error(`No time window in the record type ${type}.`);
  return Number(match[1]) * (match[2] === "min" ? 60 : 1);
}

const timeWindows = (prefix: string): PeakTable =>
  PR_TYPES_BY_SPORT.Bike.filter((t) => t.startsWith(prefix)).map((t) => [t, windowSeconds(t)] as const);

export const POWER_PEAKS = timeWindows("power");
/** The spec gives Bike and Run the same heart-rate types. */
export const HR_PEAKS = timeWindows("hR");
/** Metres. */
export const SPEED_PEAKS: PeakTable = PR_TYPES_BY_SPORT.Run.flatMap((t) => {
  const metres = RUN_RECORD_DISTANCE_M[t];
  return metres === undefined ? [] : [[t, metres] as const];
});

export const BIKE_PR_TYPES: readonly PrType[] = PR_TYPES_BY_SPORT.Bike;
export const RUN_PR_TYPES: readonly PrType[] = PR_TYPES_BY_SPORT.Run;

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

function timePeaks(out: Peaks, segs: readonly Segment[], table: PeakTable, value: (s: Segment) => number): void {
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
