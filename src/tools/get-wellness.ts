import { addDays } from "../core/dates.js";
import type { HandlerOutput, ToolHandler } from "./types.js";
import {
  collectMetrics,
  daysFrom,
  DEFAULT_RANGE_DAYS,
  fetchWindows,
  KNOWN_METRICS,
  summarise,
  type KnownKey,
  type MetricSeries,
  type MetricValue,
} from "./wellness-stats.js";

type Output = HandlerOutput<"tp_get_wellness">;
type Summary = Output["metrics"][number];
type Day = Output["days"][number];

/** The metrics API has no stated limit; asking for at most 90 days a request, as for workouts, is the safe side. */
const DAYS_PER_REQUEST = 90;

const known = (typeId: number) => (KNOWN_METRICS as Record<number, (typeof KNOWN_METRICS)[keyof typeof KNOWN_METRICS] | undefined>)[typeId];

/** The field a series' values go under: its own for a known type with numbers, else `other`. */
function fieldOf(series: MetricSeries): KnownKey | "other" {
  const type = known(series.typeId);
  const numeric = [...series.byDate.values()].every((reading) => typeof reading.value === "number");
  return type && numeric ? type.key : "other";
}

function show(value: MetricValue): string {
  return typeof value === "number" ? String(value) : `[${value.join(", ")}]`;
}

/** " (today)", " (5 days ago)"; for a range in the past, counted back from its end (nothing on the end itself). */
function ago(days: number, end: string, now: string): string {
  const count = `${days} ${days === 1 ? "day" : "days"}`;
  if (end < now) return days === 0 ? "" : ` (${count} before ${end})`;
  return days === 0 ? " (today)" : ` (${count} ago)`;
}

function describe(summary: Summary, end: string, now: string): string {
  const unit = summary.unit && summary.unit !== "1–10" ? ` ${summary.unit}` : "";
  const band = summary.baseline_28d
    ? `; 28-day baseline ${summary.baseline_28d.mean} ± ${summary.baseline_28d.sd} (${summary.baseline_28d.low}–${summary.baseline_28d.high}): ${summary.vs_baseline}`
    : typeof summary.latest === "number"
      ? "; too few days for a 28-day baseline"
      : "";
  const week = summary.mean_7d !== undefined ? `, 7-day mean ${summary.mean_7d}` : "";
  return `${summary.label}: ${show(summary.latest)}${unit} on ${summary.latest_date}${ago(summary.days_since_latest, end, now)}${week}${band}.`;
}

export const getWellness: ToolHandler<"tp_get_wellness"> = async (input, { client, today, signal }) => {
  const now = await today();
  const start = input.start_date ?? addDays(input.end_date ?? now, -(DEFAULT_RANGE_DAYS - 1));
  let end = input.end_date ?? (input.start_date ? addDays(input.start_date, DEFAULT_RANGE_DAYS - 1) : now);
  if (!input.end_date && input.start_date && end > now) end = now < start ? start : now;
  const windows = fetchWindows(start, end, DAYS_PER_REQUEST);
  const pages = await Promise.all(windows.map(([first, last]) => client.getMetrics(first, last, { signal })));
  const { series, entriesByDate } = collectMetrics(pages.flat());
  const reference = end < now ? end : now;

  const metrics: Summary[] = [];
  const days = new Map<string, Day>();
  const dayOf = (date: string) => {
    let day = days.get(date);
    if (!day) days.set(date, (day = { date }));
    return day;
  };
  const ordered = [...series.values()].sort((a, b) => a.typeId - b.typeId);
  for (const one of ordered) {
    const summary = summarise(one, start, end);
    if (!summary) continue;
    const type = known(one.typeId);
    const key = fieldOf(one);
    metrics.push({
      key,
      type_id: one.typeId,
      label: type?.label ?? one.label,
      ...(type ? { unit: type.unit } : {}),
      ...(type && "scale" in type ? { scale: type.scale } : {}),
      days_with_entry: summary.daysWithEntry,
      latest_date: summary.latestDate,
      latest: summary.latest,
      days_since_latest: Math.max(0, daysFrom(summary.latestDate, reference)),
      ...(summary.mean7d !== undefined ? { mean_7d: summary.mean7d } : {}),
      ...(summary.baseline ? { baseline_28d: summary.baseline, vs_baseline: summary.vsBaseline } : {}),
    });
    for (const [date, reading] of one.byDate) {
      if (date < start || date > end) continue;
      const day = dayOf(date);
      if (key === "other") (day.other ??= []).push({ type_id: one.typeId, value: reading.value });
      else day[key] = reading.value as number;
    }
  }
  const dayList = [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  for (const day of dayList) {
    const count = entriesByDate.get(day.date) ?? 1;
    if (count > 1) day.entries = count;
  }
  const lastEntry = [...entriesByDate.keys()].filter((date) => date <= end).sort().at(-1);
  const structured: Output = {
    start_date: start,
    end_date: end,
    ...(lastEntry ? { last_entry_date: lastEntry, days_since_last_entry: Math.max(0, daysFrom(lastEntry, reference)) } : {}),
    metrics,
    days: dayList,
  };
  return { structured, text: render(structured, now) };
};

function render(answer: Output, now: string): string {
  const range = `${answer.start_date} to ${answer.end_date}`;
  if (answer.days.length === 0) {
    const last = answer.last_entry_date ? ` The last entry before it is from ${answer.last_entry_date}.` : "";
    return `TrainingPeaks has no wellness entries from ${range}.${last}`;
  }
  const columns = answer.metrics.filter((m) => m.key !== "other");
  const others = answer.metrics.filter((m) => m.key === "other");
  const rows = answer.days.map((day) => {
    const cells = columns.map((m) => day[m.key as KnownKey] ?? "-");
    const extra = (day.other ?? []).map((o) => `${o.type_id}=${show(o.value)}`);
    return [day.date, ...cells, ...extra, ...(day.entries ? [`(${day.entries} entries)`] : [])].join(" ");
  });
  return [
    `Wellness from ${range}: ${answer.days.length} days with entries, the last on ${answer.last_entry_date}${ago(answer.days_since_last_entry ?? 0, answer.end_date, now)}.`,
    ...answer.metrics.map((m) => describe(m, answer.end_date, now)),
    ...(others.length ? [`Other types by id: ${others.map((m) => `${m.type_id} ${m.label}`).join(", ")}.`] : []),
    `date ${columns.map((m) => m.key).join(" ")}`,
    ...rows,
  ].join("\n");
}
