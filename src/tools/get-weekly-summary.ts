import { byCodeUnit } from "../core/compare.js";
import { addDays, fromDay, mondayOf, toDay } from "../core/dates.js";
import type { FitnessDay } from "../client/normalize.js";
import { round } from "../core/numbers.js";
import { clock, km, parts, sportName } from "./format.js";
import { pngImage, type HandlerOutput, type ToolHandler } from "./types.js";
import { addTally, addWorkout, compliance, emptyTally, figures, series, type Tally } from "./week-figures.js";
import { workoutsBetween } from "./workout-range.js";
import { workoutDate, workoutStatus } from "./workout-status.js";

type Output = HandlerOutput<"tp_get_weekly_summary">;
type Week = Output["weeks"][number];
type Missed = NonNullable<Week["missed"]>[number];

interface WeekTally {
  start: string;
  bySport: Map<string, Tally>;
  all: Tally;
  missed: Missed[];
}

/** Sports by their total time, done and planned: the main sport first. */
const sportOrder = (bySport: Map<string, Tally>) =>
  [...bySport.entries()]
    .sort(([a, x], [b, y]) => y.duration_s + y.planned_duration_s - (x.duration_s + x.planned_duration_s) || byCodeUnit(a, b))
    .map(([sport]) => sport);

function fitnessAt(byDate: Map<string, FitnessDay>, weekEnd: string, today: string): Partial<Week> {
  const end = byDate.get(weekEnd);
  const before = byDate.get(addDays(weekEnd, -7))?.ctl;
  if (!end || end.ctl === null) return {};
  return {
    ctl: round(end.ctl, 1),
    ...(end.atl !== null ? { atl: round(end.atl, 1) } : {}),
    ...(end.tsb !== null ? { tsb: round(end.tsb, 1) } : {}),
    ...(before !== null && before !== undefined ? { ctl_ramp: round(end.ctl - before, 1) } : {}),
    ...(weekEnd > today ? { projected: true } : {}),
  };
}

function doneText(t: Tally): string {
  const f = figures(t);
  const done = f.sessions ? parts(`${f.sessions} done`, clock(f.duration_s ?? 0), f.distance_m !== undefined && km(f.distance_m), `TSS ${f.tss ?? 0}`) : "";
  if (!f.planned_sessions) return done || "nothing done";
  const ahead = !f.upcoming_sessions ? "" : f.upcoming_sessions === f.planned_sessions ? ", all ahead" : ` (${f.upcoming_sessions} still ahead, TSS ${f.upcoming_tss ?? 0})`;
  const due = f.planned_sessions - (f.upcoming_sessions ?? 0);
  return `${done ? `${done}; ` : due > 0 ? "nothing done; " : ""}planned ${f.planned_sessions}, ${clock(f.planned_duration_s ?? 0)}, TSS ${f.planned_tss ?? 0}${ahead}`;
}

const complianceText = (c: Week["compliance"]) => c && `compliance ${c.tss_pct !== undefined ? `TSS ${c.tss_pct}%, ` : ""}${c.sessions_done}/${c.sessions_planned} sessions`;

/**
 * Past this many weeks the text gives each sport's total over the range, and each sport's line per
 * week only for the last DETAILED_WEEKS_SHOWN weeks: a season of per-sport lines is more than a
 * reader takes in (the structured `sports` series keep every week).
 */
const DETAILED_WEEKS = 8;
const DETAILED_WEEKS_SHOWN = 4;

function weekText(week: Week, tally: WeekTally, bySport: boolean): string[] {
  const head = [
    `Week of ${week.week_start}${week.current ? " (current)" : ""}: ${doneText(tally.all)}`,
    complianceText(week.compliance),
    week.ctl !== undefined &&
      `${week.projected ? "projected " : ""}CTL ${week.ctl}${week.ctl_ramp !== undefined ? ` (ramp ${week.ctl_ramp > 0 ? "+" : ""}${week.ctl_ramp})` : ""}, ATL ${week.atl ?? "-"}, TSB ${week.tsb ?? "-"}`,
  ];
  const lines = [`${parts(...head)}.`];
  if (bySport) for (const sport of sportOrder(tally.bySport)) lines.push(`  ${sport}: ${doneText(tally.bySport.get(sport)!)}`);
  for (const m of week.missed ?? []) lines.push(`  missed ${m.date} #${m.workout_id} ${m.sport} "${m.title ?? "untitled"}"${m.planned_tss !== undefined ? ` (TSS ${m.planned_tss} planned)` : ""}`);
  return lines;
}

export const getWeeklySummary: ToolHandler<"tp_get_weekly_summary"> = async (input, { client, today, signal }) => {
  const now = await today();
  const lastMonday = mondayOf(toDay(input.end_date ?? now));
  const firstMonday = lastMonday - 7 * (input.weeks - 1);
  const start = fromDay(firstMonday);
  const end = fromDay(lastMonday + 6);
  // From the day before the first week, so that week's CTL ramp is known.
  const [workouts, fitness] = await Promise.all([workoutsBetween(client, start, end, signal), client.getFitness(addDays(start, -1), end, { signal })]);

  const tallies: WeekTally[] = Array.from({ length: input.weeks }, (_, i) => ({ start: fromDay(firstMonday + 7 * i), bySport: new Map(), all: emptyTally(), missed: [] }));
  const totals = { all: emptyTally(), bySport: new Map<string, Tally>() };
  const seen = new Set<number>();
  for (const workout of workouts) {
    const date = workoutDate(workout);
    if (seen.has(workout.workoutId) || date < start || date > end) continue;
    seen.add(workout.workoutId);
    const week = tallies[Math.floor((toDay(date) - firstMonday) / 7)]!;
    const status = workoutStatus(workout, now);
    const sport = sportName(workout.workoutTypeValueId);
    const one = emptyTally();
    addWorkout(one, workout, status);
    if (one.sessions + one.planned_sessions === 0) continue; // an entry with nothing done or planned (a day off)
    for (const [all, bySport] of [[week.all, week.bySport], [totals.all, totals.bySport]] as const) {
      addTally(all, one);
      if (!bySport.has(sport)) bySport.set(sport, emptyTally());
      addTally(bySport.get(sport)!, one);
    }
    if (status === "missed") {
      week.missed.push({ workout_id: workout.workoutId, date, sport, ...(workout.title ? { title: workout.title } : {}), ...(workout.tssPlanned ? { planned_tss: round(workout.tssPlanned, 0) } : {}) });
    }
  }

  const byDate = new Map(fitness.map((row) => [row.date, row]));
  const weeks: Week[] = tallies.map((t) => {
    const weekEnd = addDays(t.start, 6);
    const c = compliance(t.all);
    return {
      week_start: t.start,
      ...(t.start <= now && now <= weekEnd ? { current: true } : {}),
      ...(c ? { compliance: c } : {}),
      ...(t.missed.length ? { missed: t.missed.sort((a, b) => byCodeUnit(a.date, b.date)) } : {}),
      ...fitnessAt(byDate, weekEnd, now),
    };
  });
  const firstCtl = byDate.get(addDays(start, -1))?.ctl;
  const lastCtl = byDate.get(end)?.ctl;
  const missedCount = tallies.reduce((n, t) => n + t.missed.length, 0);
  const totalCompliance = compliance(totals.all);
  const structured: Output = {
    start_date: start,
    end_date: end,
    today: now,
    weeks,
    sports: sportOrder(totals.bySport).map((sport) => {
      const total = totals.bySport.get(sport)!;
      const c = compliance(total);
      return { sport, ...series(tallies.map((t) => t.bySport.get(sport) ?? emptyTally())), total: { ...figures(total), ...(c ? { compliance: c } : {}) } };
    }),
    totals: {
      ...figures(totals.all),
      ...(totalCompliance ? { compliance: totalCompliance } : {}),
      ...(missedCount ? { missed_count: missedCount } : {}),
      ...(firstCtl != null && lastCtl != null ? { ctl_change: round(lastCtl - firstCtl, 1) } : {}),
    },
  };
  const summary = `${input.weeks} week${input.weeks === 1 ? "" : "s"} from ${start} to ${end} (today ${now}): ${[
    doneText(totals.all),
    complianceText(totalCompliance),
    missedCount && `${missedCount} missed`,
    structured.totals.ctl_change !== undefined && `CTL change ${structured.totals.ctl_change}`,
  ]
    .filter(Boolean)
    .join("; ")}.`;
  const long = weeks.length > DETAILED_WEEKS;
  const rangeBySport = long
    ? [
        ...sportOrder(totals.bySport).map((sport) => `  ${sport}: ${doneText(totals.bySport.get(sport)!)}`),
        `Each sport by week for the last ${DETAILED_WEEKS_SHOWN} weeks below (every week in the structured answer's sports).`,
      ]
    : [];
  const weekLines = weeks.flatMap((week, i) => weekText(week, tallies[i]!, !long || i >= weeks.length - DETAILED_WEEKS_SHOWN));
  const text = [summary, ...rangeBySport, ...weekLines].join("\n");
  // The chart's module (and its WebAssembly renderer) loads only when a chart is asked for.
  const image = input.chart ? pngImage(await (await import("../charts/weekly-chart.js")).weeklyChart(structured)) : undefined;
  return { structured, text, ...(image ? { image } : {}) };
};
