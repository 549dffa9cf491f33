/**
 * The records of a tp_get_peaks answer as ranked bars, best on top; with compare_to, the earlier
 * window's best as a bar of its own and a dashed line across, so "better or worse than last
 * year" is where the bars end against that line.
 */
import { shortDate } from "../core/dates.js";
import type { HandlerOutput } from "../tools/types.js";
import { clock } from "../tools/format.js";
import { rasterise } from "./rasterise.js";
import { CHART_WIDTH, emptyNote, GRID, line, linearScale, MUTED, niceTicks, rect, svgDocument, text, type PlotArea } from "./svg.js";

type PeaksAnswer = HandlerOutput<"tp_get_peaks">;
type Peak = PeaksAnswer["records"][number];

/** More bars than this would not leave a legible row at 420 px. */
const MAX_BARS = 10;
const AREA: PlotArea = { left: 210, top: 70, right: CHART_WIDTH - 110, bottom: 384 };
const CURRENT = "#1971c2";
const EARLIER = "#868e96";

function valueOf(peak: Peak): number | undefined {
  return peak.power_w ?? peak.heart_rate_bpm ?? peak.speed_mps;
}

function valueLabel(peak: Peak): string {
  if (peak.power_w !== undefined) return `${peak.power_w} W`;
  if (peak.heart_rate_bpm !== undefined) return `${peak.heart_rate_bpm} bpm`;
  // The pace is written "m:ss/km" already.
  if (peak.time_s !== undefined) return `${clock(peak.time_s)}${peak.pace ? ` (${peak.pace})` : ""}`;
  return peak.pace ?? `${peak.speed_mps ?? "?"} m/s`;
}

function differenceLabel(difference: NonNullable<NonNullable<PeaksAnswer["comparison"]>["difference"]>): string {
  const signed = (value: number, unit: string) => `${value > 0 ? "+" : ""}${value}${unit}`;
  const own =
    difference.power_w !== undefined
      ? signed(difference.power_w, " W")
      : difference.heart_rate_bpm !== undefined
        ? signed(difference.heart_rate_bpm, " bpm")
        : difference.time_s !== undefined
          ? signed(difference.time_s, " s")
          : signed(difference.speed_mps ?? 0, " m/s");
  return `${own} (${signed(difference.percent, "%")})`;
}

/** The chart of a tp_get_peaks answer. */
export async function peaksChart(answer: PeaksAnswer): Promise<Uint8Array> {
  const window = `${shortDate(answer.start_date, true)} to ${shortDate(answer.end_date, true)}`;
  const body: string[] = [text(20, 26, `${answer.sport} ${answer.pr_type}: best efforts, ${window}`, { size: 16, weight: 700 })];
  const comparison = answer.comparison;
  const earlierName = comparison?.compare_to === "previous_year" ? "Previous year" : "Previous period";
  if (comparison) {
    const what = comparison.best
      ? `best ${valueLabel(comparison.best)}${comparison.difference ? `; this window's best is ${differenceLabel(comparison.difference)}` : "; none in this window"}`
      : "no record there";
    body.push(text(20, 48, `${earlierName} (${shortDate(comparison.start_date, true)} to ${shortDate(comparison.end_date, true)}): ${what}`, { size: 13, fill: MUTED }));
  }

  const shown = answer.records.filter((peak) => valueOf(peak) !== undefined).slice(0, MAX_BARS);
  const earlier = comparison?.best && valueOf(comparison.best) !== undefined ? comparison.best : undefined;
  const rows: Array<{ peak: Peak; label: string; colour: string }> = shown.map((peak) => ({ peak, label: `#${peak.rank}  ${peak.date ? shortDate(peak.date, true) : "date unknown"}`, colour: CURRENT }));
  if (earlier) rows.push({ peak: earlier, label: `${earlierName} best${earlier.date ? `, ${shortDate(earlier.date, true)}` : ""}`, colour: EARLIER });
  if (rows.length === 0) {
    body.push(emptyNote({ ...AREA, left: 20, right: CHART_WIDTH - 20 }, `No ${answer.pr_type} records from ${window}`));
    return rasterise(svgDocument(body));
  }

  // Records lie within a few percent of each other: an axis from zero would draw equal bars. It
  // starts below the lowest instead, and its labels say where.
  const values = rows.map((row) => valueOf(row.peak)!);
  const [low, high] = [Math.min(...values), Math.max(...values)];
  const ticks = niceTicks(Math.max(0, low - Math.max((high - low) * 0.6, high * 0.04)), high, 5);
  const x = linearScale([ticks[0]!, ticks[ticks.length - 1]!], [AREA.left, AREA.right]);
  const rowHeight = Math.min(34, (AREA.bottom - AREA.top) / (rows.length + (earlier ? 0.5 : 0)));
  const barHeight = rowHeight * 0.62;
  const gridBottom = AREA.top + rowHeight * (rows.length + (earlier ? 0.5 : 0));
  const unit = answer.metric === "power" ? " W" : answer.metric === "heart_rate" ? " bpm" : " m/s";
  for (const tick of ticks) {
    body.push(line(x(tick), AREA.top - 6, x(tick), gridBottom, { stroke: GRID }), text(x(tick), gridBottom + 16, `${tick}${unit}`, { size: 12, anchor: "middle", fill: MUTED }));
  }
  // Drawn under the bars' labels, which carry a halo over it.
  if (earlier) {
    const at = x(valueOf(earlier)!);
    body.push(line(at, AREA.top - 6, at, gridBottom, { stroke: "#343a40", width: 1.5, dash: "6 4" }));
  }
  rows.forEach((row, index) => {
    // The earlier window's bar stands apart, half a row below the ranking.
    const top = AREA.top + rowHeight * (index + (earlier && index === rows.length - 1 ? 0.5 : 0));
    const middle = top + rowHeight / 2;
    const end = x(valueOf(row.peak)!);
    body.push(
      text(AREA.left - 10, middle + 4, row.label, { size: 12, anchor: "end", fill: row.colour === CURRENT ? "#212529" : MUTED }),
      rect(AREA.left, middle - barHeight / 2, end - AREA.left, barHeight, { fill: row.colour, opacity: row.colour === CURRENT && row.peak.rank !== 1 ? 0.7 : 1 }),
      text(end + 6, middle + 4, valueLabel(row.peak), { size: 12, weight: row.peak === shown[0] ? 700 : 400, halo: true }),
    );
  });
  if (answer.records.length > shown.length) {
    body.push(text(CHART_WIDTH - 20, 412, `the first ${shown.length} of ${answer.records.length} records`, { size: 12, anchor: "end", fill: MUTED }));
  }
  return rasterise(svgDocument(body));
}
