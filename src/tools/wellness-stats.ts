/**
 * Wellness metrics by day and their baselines: the arithmetic behind tp_get_wellness, apart from
 * the requests, so the rules (latest entry of a day wins, mean ± 1 SD of the 28 days before the
 * latest) are in one place.
 */
import type { components } from "../generated/api.js";
import { addDays, inclusiveDays, localDate } from "../core/dates.js";
import { round } from "../core/numbers.js";
import { splitRange } from "./workout-range.js";

type MetricEntry = components["schemas"]["MetricEntry"];

export type MetricValue = number | number[];

/** The metric types with a field of their own; the API notes give the ids, the peers the rest. */
export const KNOWN_METRICS = {
  5: { key: "resting_hr_bpm", label: "Resting heart rate", unit: "bpm" },
  6: { key: "sleep_h", label: "Sleep", unit: "h" },
  9: { key: "weight_kg", label: "Weight", unit: "kg" },
  15: { key: "rmr_kcal", label: "Resting metabolic rate", unit: "kcal/day" },
  23: { key: "injury", label: "Injury", unit: "1–10", scale: "1 extremely injured … 10 extremely healthy (as one peer maps the app's labels)" },
  53: { key: "spo2_pct", label: "SpO2", unit: "%" },
  58: { key: "steps", label: "Steps", unit: "steps" },
  60: { key: "hrv_ms", label: "HRV", unit: "ms" },
  2: { key: "body_fat_pct", label: "Body fat", unit: "%" },
  14: { key: "bmi", label: "BMI", unit: "kg/m²" },
} as const satisfies Record<number, { key: string; label: string; unit: string; scale?: string }>;

export type KnownKey = (typeof KNOWN_METRICS)[keyof typeof KNOWN_METRICS]["key"];

interface Reading {
  value: MetricValue;
  /** The reading's time, for choosing the latest of a day. */
  time: string;
}

/** One metric type's readings by date (the day's latest only). */
export interface MetricSeries {
  typeId: number;
  label: string;
  byDate: Map<string, Reading>;
}

export interface CollectedMetrics {
  series: Map<number, MetricSeries>;
  /** How many entries each date had. */
  entriesByDate: Map<string, number>;
}

function metricValue(value: unknown): MetricValue | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value) && value.length > 0) {
    // Missing readings in a list are left out: answers carry no nulls.
    const list = value.filter((item): item is number => typeof item === "number" && Number.isFinite(item));
    return list.length > 0 ? list : undefined;
  }
  return undefined;
}

/**
 * Sorts the entries into one series per type. An entry's day is its timeStamp's calendar date
 * (never converted through UTC); of several readings of one type on a day, the latest counts.
 */
export function collectMetrics(entries: readonly MetricEntry[]): CollectedMetrics {
  const series = new Map<number, MetricSeries>();
  const entriesByDate = new Map<string, number>();
  for (const entry of entries) {
    const date = localDate(entry.timeStamp) ?? localDate(entry.details?.find((d) => d.time)?.time);
    if (!date) continue;
    entriesByDate.set(date, (entriesByDate.get(date) ?? 0) + 1);
    for (const detail of entry.details ?? []) {
      const value = metricValue(detail.value);
      const typeId = detail.type;
      if (value === undefined || typeof typeId !== "number" || !Number.isInteger(typeId)) continue;
      const time = detail.time ?? entry.timeStamp ?? date;
      let one = series.get(typeId);
      if (!one) {
        one = { typeId, label: detail.label ?? `Type ${typeId}`, byDate: new Map() };
        series.set(typeId, one);
      }
      const before = one.byDate.get(date);
      if (!before || before.time <= time) one.byDate.set(date, { value, time });
    }
  }
  return { series, entriesByDate };
}

export interface Baseline {
  mean: number;
  sd: number;
  low: number;
  high: number;
  days: number;
}

export interface SeriesSummary {
  latestDate: string;
  latest: MetricValue;
  daysWithEntry: number;
  mean7d?: number;
  baseline?: Baseline;
  vsBaseline?: "below" | "within" | "above";
}

const WEEK_DAYS = 7;
const BASELINE_DAYS = 28;
const BASELINE_MIN_DAYS = 7;

function numbersBetween(byDate: Map<string, Reading>, first: string, last: string): number[] {
  const values: number[] = [];
  for (const [date, reading] of byDate) {
    if (date >= first && date <= last && typeof reading.value === "number") values.push(reading.value);
  }
  return values;
}

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

/** Rounds a metric's number as its readings are: whole steps and beats, a decimal elsewhere. */
function tidy(value: number): number {
  return Math.abs(value) >= 1000 ? Math.round(value) : round(value, 1);
}

/**
 * A metric within start..end: its latest reading, the 7-day mean ending on it, and the band of
 * the 28 days before it (mean ± 1 sample SD, when 7 or more of those days have a reading). The
 * series may hold readings before `start`: the baseline reads them.
 */
export function summarise(series: MetricSeries, start: string, end: string): SeriesSummary | undefined {
  const shown = [...series.byDate.keys()].filter((date) => date >= start && date <= end).sort();
  const latestDate = shown.at(-1);
  if (!latestDate) return undefined;
  const latest = series.byDate.get(latestDate)!.value;
  const summary: SeriesSummary = { latestDate, latest, daysWithEntry: shown.length };
  if (typeof latest !== "number") return summary;
  summary.mean7d = tidy(mean(numbersBetween(series.byDate, addDays(latestDate, -(WEEK_DAYS - 1)), latestDate)));
  const before = numbersBetween(series.byDate, addDays(latestDate, -BASELINE_DAYS), addDays(latestDate, -1));
  if (before.length >= BASELINE_MIN_DAYS) {
    const centre = mean(before);
    const sd = Math.sqrt(before.reduce((sum, v) => sum + (v - centre) ** 2, 0) / (before.length - 1));
    const baseline = { mean: tidy(centre), sd: tidy(sd), low: tidy(centre - sd), high: tidy(centre + sd), days: before.length };
    summary.baseline = baseline;
    summary.vsBaseline = latest < centre - sd ? "below" : latest > centre + sd ? "above" : "within";
  }
  return summary;
}

/** Whole days from `date` to `end` (0 on the day itself). */
export function daysFrom(date: string, end: string): number {
  return inclusiveDays(date, end) - 1;
}

/** The range to fetch so every baseline is known: 28 days more, cut into requests of at most `maxDays`. */
export function fetchWindows(start: string, end: string, maxDays: number): Array<[string, string]> {
  return splitRange(addDays(start, -BASELINE_DAYS), end, maxDays);
}

export const DEFAULT_RANGE_DAYS = BASELINE_DAYS;
