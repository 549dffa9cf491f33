/** Order statistics for the benchmark's samples (nearest-rank percentiles, no interpolation). */
import { round } from "../src/core/numbers.js";

export interface Summary {
  n: number;
  min: number;
  median: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** The nearest-rank percentile `p` (0–100) of `values`; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function summarize(values: readonly number[]): Summary {
  return {
    n: values.length,
    min: values.length ? Math.min(...values) : NaN,
    median: median(values),
    p90: percentile(values, 90),
    p99: percentile(values, 99),
    max: values.length ? Math.max(...values) : NaN,
    mean: values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : NaN,
  };
}

export { round };

/** Every figure of a summary rounded, for results.json. */
export function rounded(summary: Summary, digits = 3): Summary {
  return Object.fromEntries(Object.entries(summary).map(([key, value]) => [key, key === "n" ? value : round(value, digits)])) as unknown as Summary;
}
