import { shortDate, toDay, weekday } from "../core/dates.js";
import { line, MUTED, text, type PlotArea } from "./svg.js";

/**
 * Which days of a range get a label: the first of each month over half a year or more, the 1st
 * and the 16th over a season, Mondays over a few weeks, every day or every other over a
 * fortnight, so that labels never crowd at 800 px, nor leave it bare.
 */
export function labelledDays(dates: readonly string[]): number[] {
  const count = dates.length;
  const picks: number[] = [];
  dates.forEach((date, index) => {
    const dayOfMonth = date.slice(8, 10);
    if (count > 180 ? dayOfMonth === "01" : count > 75 ? dayOfMonth === "01" || dayOfMonth === "16" : count > 14 ? weekday(toDay(date)) === 0 : count <= 8 || index % 2 === 0) picks.push(index);
  });
  return picks;
}

/** Tick marks and date labels under the plot area, at the x `at(index)` gives. */
export function timeAxis(area: PlotArea, dates: readonly string[], indexes: readonly number[], at: (index: number) => number): string {
  return indexes.map((index) => line(at(index), area.bottom, at(index), area.bottom + 4, { stroke: MUTED }) + text(at(index), area.bottom + 18, shortDate(dates[index]!), { size: 12, anchor: "middle", fill: MUTED })).join("");
}
