/**
 * The weeks of a tp_get_weekly_summary answer as bars: per week, the hours done stacked by sport
 * (solid) beside the hours planned stacked the same way (pale, dashed outline), so each sport's
 * share of the plan and what became of it read at a glance.
 */
import { shortDate } from "../core/dates.js";
import type { HandlerOutput } from "../tools/types.js";
import { rasterise } from "./rasterise.js";
import { CHART_WIDTH, emptyNote, GRID, legendItem, line, linearScale, MUTED, niceTicks, rect, svgDocument, text, yAxis, type PlotArea } from "./svg.js";

type WeeklyAnswer = HandlerOutput<"tp_get_weekly_summary">;

const SPORT_COLOURS: Record<string, string> = { Swim: "#1c7ed6", Bike: "#f08c00", Run: "#2f9e44", Strength: "#9c36b5", "Mountain Bike": "#e67700", XC_Ski: "#0c8599", Rowing: "#3b5bdb" };
const OTHER_COLOURS = ["#d6336c", "#5f3dc4", "#66a80f", "#1098ad", "#e8590c", "#495057"];
const AREA: PlotArea = { left: 50, top: 66, right: CHART_WIDTH - 20, bottom: 384 };
const hours = (seconds: number | undefined) => (seconds ?? 0) / 3600;

function colourOf(sport: string, index: number): string {
  return SPORT_COLOURS[sport] ?? OTHER_COLOURS[index % OTHER_COLOURS.length]!;
}

/** The chart of a tp_get_weekly_summary answer. */
export async function weeklyChart(answer: WeeklyAnswer): Promise<Uint8Array> {
  const { weeks, sports } = answer;
  const body: string[] = [text(AREA.left, 26, `Hours per week by sport, done and planned, ${shortDate(answer.start_date, true)} to ${shortDate(answer.end_date, true)}`, { size: 16, weight: 700 })];
  let x = AREA.left;
  const legend = [
    ...sports.map((s, i) => ({ label: s.sport, swatch: { stroke: colourOf(s.sport, i), box: { fill: colourOf(s.sport, i) } } })),
    { label: "planned (pale)", swatch: { stroke: MUTED, box: { fill: MUTED, opacity: 0.3, stroke: MUTED, dash: "3 2" } } },
  ];
  for (const item of legend) {
    if (x > AREA.right - 90) break; // more sports than fit: the biggest come first
    const entry = legendItem(x, 48, item.label, item.swatch);
    body.push(entry.svg);
    x = entry.next;
  }

  const done = weeks.map((_, w) => sports.reduce((sum, s) => sum + hours(s.duration_s?.[w]), 0));
  const planned = weeks.map((_, w) => sports.reduce((sum, s) => sum + hours(s.planned_duration_s?.[w]), 0));
  const most = Math.max(...done, ...planned);
  if (!(most > 0)) {
    body.push(line(AREA.left, AREA.bottom, AREA.right, AREA.bottom, { stroke: GRID }), emptyNote(AREA, "No training done or planned in these weeks"));
    return rasterise(svgDocument(body));
  }

  const ticks = niceTicks(0, most, 5);
  const y = linearScale([0, ticks[ticks.length - 1]!], [AREA.bottom, AREA.top]);
  const slot = (AREA.right - AREA.left) / weeks.length;
  const barWidth = Math.min(34, slot * 0.36);
  const current = weeks.findIndex((w) => w.current);
  if (current >= 0) body.push(rect(AREA.left + current * slot, AREA.top, slot, AREA.bottom - AREA.top, { fill: "#f1f3f5" }));
  body.push(yAxis(AREA, ticks, y, { format: (h) => `${h} h` }));

  const labelEvery = Math.ceil(weeks.length / 13);
  weeks.forEach((week, w) => {
    const centre = AREA.left + (w + 0.5) * slot;
    let doneTop = AREA.bottom;
    let planTop = AREA.bottom;
    sports.forEach((s, i) => {
      const colour = colourOf(s.sport, i);
      const did = hours(s.duration_s?.[w]);
      const plan = hours(s.planned_duration_s?.[w]);
      if (did > 0) {
        const height = AREA.bottom - y(did);
        body.push(rect(centre - barWidth - 1, doneTop - height, barWidth, height, { fill: colour }));
        doneTop -= height;
      }
      if (plan > 0) {
        const height = AREA.bottom - y(plan);
        body.push(rect(centre + 1, planTop - height, barWidth, height, { fill: colour, opacity: 0.3, stroke: colour, dash: "3 2" }));
        planTop -= height;
      }
    });
    const tssPct = week.compliance?.tss_pct;
    if (weeks.length <= 13 && tssPct !== undefined) body.push(text(centre, Math.min(doneTop, planTop) - 5, `${tssPct}%`, { size: 12, anchor: "middle", fill: MUTED }));
    if (w === current || (w % labelEvery === 0 && (current < 0 || Math.abs(w - current) >= labelEvery))) {
      body.push(text(centre, AREA.bottom + 18, w === current ? "this week" : shortDate(week.week_start), { size: 12, anchor: "middle", fill: MUTED, weight: w === current ? 700 : 400 }));
    }
  });
  body.push(line(AREA.left, AREA.bottom, AREA.right, AREA.bottom, { stroke: MUTED }));
  if (weeks.length <= 13 && weeks.some((week) => week.compliance?.tss_pct !== undefined)) body.push(text(AREA.right, AREA.bottom + 32, "% = TSS done of planned", { size: 12, anchor: "end", fill: MUTED }));
  return rasterise(svgDocument(body));
}
