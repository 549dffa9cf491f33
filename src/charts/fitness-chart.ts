/**
 * The Performance Management Chart of a tp_get_fitness answer: CTL, ATL and TSB as lines on the
 * left axis, the day's TSS as bars on the right one; from today on (the projection of the plan)
 * the lines are dashed and the planned TSS bars hollow; the next race, when in range, marked.
 */
import { shortDate } from "../core/dates.js";
import type { ToolOutput } from "../generated/tools.js";
import { rasterise } from "./rasterise.js";
import { emptyNote, GRID, legendItem, line, linearScale, MUTED, niceTicks, polyline, rect, svgDocument, text, yAxis, CHART_WIDTH, type PlotArea } from "./svg.js";
import { labelledDays, timeAxis } from "./time-axis.js";

type FitnessAnswer = ToolOutput<"tp_get_fitness">;
type Day = FitnessAnswer["days"][number];

const SERIES = [
  { key: "ctl", label: "Fitness (CTL)", colour: "#1971c2" },
  { key: "atl", label: "Fatigue (ATL)", colour: "#c2255c" },
  { key: "tsb", label: "Form (TSB)", colour: "#e8590c" },
] as const;
const TSS_COLOUR = "#868e96";
const RACE_COLOUR = "#2b8a3e";
const AREA: PlotArea = { left: 50, top: 66, right: CHART_WIDTH - 54, bottom: 384 };

/** Runs of consecutive days that have the value, so a gap in the data is a gap in the line. */
function runs(days: readonly Day[], key: "ctl" | "atl" | "tsb", from: number, to: number): Array<Array<[number, number]>> {
  const found: Array<Array<[number, number]>> = [];
  let current: Array<[number, number]> = [];
  for (let index = from; index <= to; index++) {
    const value = days[index]?.[key];
    if (value === undefined) {
      if (current.length) found.push(current);
      current = [];
    } else current.push([index, value]);
  }
  if (current.length) found.push(current);
  return found;
}

/** The chart of a tp_get_fitness answer, with `today` (YYYY-MM-DD) splitting done from planned. */
export async function fitnessChart(answer: FitnessAnswer, today: string): Promise<Uint8Array> {
  const { days } = answer;
  const body: string[] = [text(AREA.left, 26, `Fitness, fatigue and form, ${shortDate(answer.start_date, true)} to ${shortDate(answer.end_date, true)}`, { size: 16, weight: 600 })];
  let x = AREA.left;
  const projected = days.some((d) => d.date > today);
  for (const item of [
    ...SERIES.map((s) => ({ label: s.label, swatch: { stroke: s.colour } })),
    { label: "TSS (right axis)", swatch: { stroke: TSS_COLOUR, box: { fill: TSS_COLOUR, opacity: 0.45 } } },
    ...(projected ? [{ label: "Planned", swatch: { stroke: MUTED, dash: "5 3" } }] : []),
  ]) {
    const entry = legendItem(x, 48, item.label, item.swatch);
    body.push(entry.svg);
    x = entry.next;
  }

  const hasData = days.some((d) => d.ctl || d.atl || d.tss);
  if (!hasData) {
    body.push(line(AREA.left, AREA.bottom, AREA.right, AREA.bottom, { stroke: GRID }), emptyNote(AREA, `No fitness data from ${shortDate(answer.start_date, true)} to ${shortDate(answer.end_date, true)}`));
    return rasterise(svgDocument(body));
  }

  const step = (AREA.right - AREA.left) / days.length;
  const at = (index: number) => AREA.left + (index + 0.5) * step;
  const loads = days.flatMap((d) => [d.ctl, d.atl, d.tsb]).filter((v): v is number => v !== undefined);
  const loadTicks = niceTicks(Math.min(0, ...loads), Math.max(10, ...loads), 6);
  const y = linearScale([loadTicks[0]!, loadTicks[loadTicks.length - 1]!], [AREA.bottom, AREA.top]);
  const tssOf = (d: Day) => (d.date > today ? (d.planned_tss ?? 0) : (d.tss ?? 0));
  const tssTicks = niceTicks(0, Math.max(50, ...days.map(tssOf)), 5);
  const yTss = linearScale([0, tssTicks[tssTicks.length - 1]!], [AREA.bottom, AREA.top]);

  // The projection, from the day after today, on a light ground.
  const firstPlanned = days.findIndex((d) => d.date > today);
  if (firstPlanned >= 0) {
    body.push(rect(at(firstPlanned) - step / 2, AREA.top, AREA.right - at(firstPlanned) + step / 2, AREA.bottom - AREA.top, { fill: "#f1f3f5" }));
  }
  body.push(yAxis(AREA, loadTicks, y), yAxis(AREA, tssTicks, yTss, { side: "right", grid: false }));
  if (loadTicks[0]! < 0) body.push(line(AREA.left, y(0), AREA.right, y(0), { stroke: MUTED, width: 0.8 }));

  const barWidth = Math.min(36, Math.max(1, step * 0.7));
  days.forEach((d, index) => {
    const tss = tssOf(d);
    if (!tss) return;
    const planned = d.date > today;
    body.push(
      rect(at(index) - barWidth / 2, yTss(tss), barWidth, AREA.bottom - yTss(tss), planned ? { fill: "#ffffff", opacity: 0.6, stroke: TSS_COLOUR, strokeWidth: step > 4 ? 1 : 0.6, dash: step > 6 ? "3 2" : undefined } : { fill: TSS_COLOUR, opacity: 0.45 }),
    );
  });

  // Done up to today, dashed from today on: the two parts meet at today's point.
  const lastDone = firstPlanned < 0 ? days.length - 1 : firstPlanned - 1;
  for (const series of SERIES) {
    for (const run of runs(days, series.key, 0, lastDone)) body.push(polyline(run.map(([i, v]) => [at(i), y(v)]), { stroke: series.colour, width: 2.2 }));
    if (firstPlanned >= 0) {
      for (const run of runs(days, series.key, Math.max(0, firstPlanned - 1), days.length - 1)) body.push(polyline(run.map(([i, v]) => [at(i), y(v)]), { stroke: series.colour, width: 2.2, dash: "7 4" }));
    }
  }

  const todayIndex = days.findIndex((d) => d.date === today);
  if (todayIndex >= 0 && firstPlanned >= 0) {
    body.push(line(at(todayIndex), AREA.top, at(todayIndex), AREA.bottom, { stroke: MUTED, width: 1, dash: "2 3" }), text(at(todayIndex) + 4, AREA.top + 14, "today", { size: 12, fill: MUTED }));
  }
  const race = answer.next_race;
  const raceIndex = race ? days.findIndex((d) => d.date === race.date) : -1;
  if (race && raceIndex >= 0) {
    const label = `${race.name ?? "Race"}${race.priority ? ` (${race.priority})` : ""}, ${shortDate(race.date)}`;
    const nearRight = at(raceIndex) > AREA.right - 160;
    body.push(
      line(at(raceIndex), AREA.top, at(raceIndex), AREA.bottom, { stroke: RACE_COLOUR, width: 2 }),
      rect(at(raceIndex) - 4, AREA.top - 2, 8, 8, { fill: RACE_COLOUR }),
      text(at(raceIndex) + (nearRight ? -8 : 8), AREA.top + 30, label.length > 34 ? `${label.slice(0, 33)}…` : label, { size: 12, weight: 600, anchor: nearRight ? "end" : "start", fill: RACE_COLOUR }),
    );
  }
  body.push(line(AREA.left, AREA.bottom, AREA.right, AREA.bottom, { stroke: MUTED }), timeAxis(AREA, days.map((d) => d.date), labelledDays(days.map((d) => d.date)), at));
  return rasterise(svgDocument(body));
}
