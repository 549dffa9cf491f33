/**
 * The Performance Management Chart of a tp_get_fitness answer: CTL, ATL and TSB as lines on the
 * left axis, the day's TSS as bars on the right one; from today on (the projection of the plan)
 * the lines are dashed and the planned TSS bars hollow; the next race, when in range, marked.
 */
import { byCodeUnit } from "../core/compare.js";
import { shortDate } from "../core/dates.js";
import type { HandlerOutput } from "../tools/types.js";
import { rasterise } from "./rasterise.js";
import { emptyNote, GRID, legendItem, line, linearScale, MUTED, niceTicks, polyline, rect, svgDocument, text, yAxis, CHART_WIDTH, type PlotArea } from "./svg.js";
import { labelledDays, timeAxis } from "./time-axis.js";

type FitnessAnswer = HandlerOutput<"tp_get_fitness">;
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

/** A race as the chart marks it (an EventSummary of the answer, or of the range's events). */
export interface ChartRace {
  id: number;
  date: string;
  name?: string;
  priority?: "A" | "B" | "C";
}

const LABEL_ROWS = 3;
const MAX_NAME_CHARS = 18;

/**
 * A line on each race day in range, with its name on the first of three rows where it does not
 * run into a label placed before it; a race whose label fits on no row keeps its line. The next
 * race is placed first, then the A races, B, C: the last to lose their labels.
 */
function raceMarks(days: readonly Day[], races: readonly ChartRace[], nextId: number | undefined, at: (index: number) => number): string {
  const byId = new Map(races.map((race) => [race.id, race]));
  const rank = (race: ChartRace) => (race.id === nextId ? "0" : (race.priority ?? "D"));
  const placed = [...byId.values()]
    .map((race) => ({ race, index: days.findIndex((d) => d.date === race.date) }))
    .filter(({ index }) => index >= 0)
    .sort((a, b) => byCodeUnit(rank(a.race), rank(b.race)) || a.index - b.index);
  const taken: Array<Array<[number, number]>> = Array.from({ length: LABEL_ROWS }, () => []);
  const marks: string[] = [];
  for (const { race, index } of placed) {
    const x = at(index);
    const name = race.name ?? "Race";
    const label = `${name.length > MAX_NAME_CHARS ? `${name.slice(0, MAX_NAME_CHARS - 1).trimEnd()}…` : name}${race.priority ? ` (${race.priority})` : ""}, ${shortDate(race.date)}`;
    const width = label.length * 6.8;
    const leftward = x + 8 + width > AREA.right;
    const span: [number, number] = leftward ? [x - 8 - width, x] : [x, x + 8 + width];
    const row = taken.findIndex((spans) => spans.every(([from, to]) => span[1] + 6 < from || span[0] > to + 6));
    marks.push(line(x, AREA.top, x, AREA.bottom, { stroke: RACE_COLOUR, width: race.priority === "A" ? 2 : 1.2 }), rect(x - 4, AREA.top - 2, 8, 8, { fill: RACE_COLOUR }));
    if (row < 0) continue;
    taken[row]!.push(span);
    marks.push(text(leftward ? x - 8 : x + 8, AREA.top + 30 + 16 * row, label, { size: 12, weight: 700, anchor: leftward ? "end" : "start", fill: RACE_COLOUR, halo: true }));
  }
  return marks.join("");
}

export interface FitnessChartContext {
  /** The athlete's today, YYYY-MM-DD: what lies after it is the projection of the plan. */
  today: string;
  /** The races and events of the range, marked on their day (the answer's next race is too). */
  races?: readonly ChartRace[];
}

/** The chart of a tp_get_fitness answer. */
export async function fitnessChart(answer: FitnessAnswer, { today, races = [] }: FitnessChartContext): Promise<Uint8Array> {
  const { days } = answer;
  const body: string[] = [text(AREA.left, 26, `Fitness, fatigue and form, ${shortDate(answer.start_date, true)} to ${shortDate(answer.end_date, true)}`, { size: 16, weight: 700 })];
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
  body.push(raceMarks(days, [...races, ...(answer.next_race ? [answer.next_race] : [])], answer.next_race?.id, at));
  body.push(line(AREA.left, AREA.bottom, AREA.right, AREA.bottom, { stroke: MUTED }), timeAxis(AREA, days.map((d) => d.date), labelledDays(days.map((d) => d.date)), at));
  return rasterise(svgDocument(body));
}
