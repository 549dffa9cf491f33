import { byCodeUnit } from "../core/compare.js";
import { addDays, fromDay, localDate, mondayOf, toDay } from "../core/dates.js";
import { round } from "../core/numbers.js";
import type { components } from "../generated/api.js";
import { clock, compact, parts } from "./format.js";
import type { HandlerOutput, ToolHandler } from "./types.js";

type Output = HandlerOutput<"tp_get_annual_plan">;
type PlanWeek = Output["weeks"][number];
type AtpRow = components["schemas"]["AnnualPlanWeek"];

const DEFAULT_DAYS = 26 * 7;

/**
 * A missing end is 26 weeks after the start, a missing start 26 weeks before the end (this week's
 * Monday when neither is given): never a range the declaration's own checks would refuse.
 */
function rangeOf(input: { start_date?: string; end_date?: string }, today: string): [string, string] {
  const start = input.start_date ?? (input.end_date ? addDays(input.end_date, -(DEFAULT_DAYS - 1)) : fromDay(mondayOf(toDay(today))));
  return [start, input.end_date ?? addDays(start, DEFAULT_DAYS - 1)];
}

/** The weekly target as its unit says: TSS, hours (as seconds), or the volume as TrainingPeaks names it. */
function target(row: AtpRow): Partial<PlanWeek> {
  const volume = typeof row.volume === "number" && Number.isFinite(row.volume) ? row.volume : undefined;
  if (volume === undefined) return {};
  const type = (row.atpType ?? "TSS").trim();
  if (/^tss$/i.test(type)) return { target_tss: round(volume, 0) };
  if (/^hours?$/i.test(type)) return { target_duration_s: Math.round(volume * 3600) };
  return { target_volume: round(volume, 1), target_type: type };
}

function weekLine(w: PlanWeek): string {
  const goal = w.target_tss !== undefined ? `target TSS ${w.target_tss}` : w.target_duration_s !== undefined ? `target ${clock(w.target_duration_s)}` : w.target_volume !== undefined ? `target ${w.target_volume} ${w.target_type}` : undefined;
  const actual = w.actual_tss !== undefined && `actual TSS ${w.actual_tss}${w.target_pct !== undefined ? ` (${w.target_pct}%)` : ""}${w.in_progress ? " so far" : ""}`;
  const races = w.races?.map((r) => `race ${r.name}${r.priority ? ` (${r.priority})` : ""}`).join(", ");
  const toEvent = w.weeks_to_priority_event !== undefined && w.weeks_to_priority_event > 0 && `${w.weeks_to_priority_event} week${w.weeks_to_priority_event === 1 ? "" : "s"} to the priority event`;
  return `${w.week_start}${w.period ? ` ${w.period}` : ""}: ${parts(goal, actual, races, toEvent) || "no target"}`;
}

export const getAnnualPlan: ToolHandler<"tp_get_annual_plan"> = async (input, { client, today, signal }) => {
  const now = await today();
  const [start, end] = rangeOf(input, now);
  const firstMonday = fromDay(mondayOf(toDay(start)));
  // Actual TSS for the weeks that have started, each whole: one request, to today at the latest.
  const lastSunday = fromDay(mondayOf(toDay(end)) + 6);
  const doneUntil = lastSunday < now ? lastSunday : now;
  const [rows, fitness] = await Promise.all([
    client.getAnnualPlan(firstMonday, end, { signal }),
    firstMonday <= doneUntil ? client.getFitness(firstMonday, doneUntil, { signal }) : Promise.resolve([]),
  ]);
  const actualByWeek = new Map<string, number>();
  for (const day of fitness) {
    if (day.date > now || day.tssActual === null) continue;
    const monday = fromDay(mondayOf(toDay(day.date)));
    actualByWeek.set(monday, (actualByWeek.get(monday) ?? 0) + day.tssActual);
  }

  const byWeek = new Map<string, PlanWeek>();
  for (const row of rows) {
    const day = localDate(row.week);
    if (!day) continue;
    const weekStart = fromDay(mondayOf(toDay(day)));
    if (weekStart < firstMonday || weekStart > end) continue;
    // One row per week is usual; a second row of the same week adds its race.
    const week = byWeek.get(weekStart) ?? { week_start: weekStart };
    Object.assign(week, compact({ period: week.period ?? row.period?.trim(), weeks_to_priority_event: week.weeks_to_priority_event ?? row.weeksToNextPriorityEvent }));
    if (week.target_tss === undefined && week.target_duration_s === undefined && week.target_volume === undefined) Object.assign(week, target(row));
    if (row.raceName?.trim()) week.races = [...(week.races ?? []), { name: row.raceName.trim(), ...(row.racePriority?.trim() ? { priority: row.racePriority.trim() } : {}) }];
    byWeek.set(weekStart, week);
  }
  const weeks = [...byWeek.values()].sort((a, b) => byCodeUnit(a.week_start, b.week_start));
  for (const week of weeks) {
    if (week.week_start > now) continue;
    const actual = round(actualByWeek.get(week.week_start) ?? 0, 0);
    week.actual_tss = actual;
    if (week.target_tss) week.target_pct = Math.round((100 * actual) / week.target_tss);
    if (addDays(week.week_start, 6) >= now) week.in_progress = true;
  }

  const structured: Output = { start_date: firstMonday, end_date: end, today: now, weeks };
  if (!weeks.length) return { structured, text: `The athlete has no annual training plan from ${firstMonday} to ${end}.` };
  const nextA = weeks.find((w) => w.week_start >= fromDay(mondayOf(toDay(now))) && w.races?.some((r) => r.priority === "A"));
  const header =
    `Annual training plan, ${weeks.length} week${weeks.length === 1 ? "" : "s"} from ${firstMonday} to ${end} (today ${now})` +
    `${nextA ? `; next A race: ${nextA.races!.find((r) => r.priority === "A")!.name} in the week of ${nextA.week_start}` : ""}.`;
  return { structured, text: [header, ...weeks.map(weekLine)].join("\n") };
};
