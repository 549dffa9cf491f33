import { shortDate, toDay, weekday } from "../core/dates.js";
import { line, MUTED, text, type PlotArea } from "./svg.js";

/**
 * Which days of a range get a label: the first of each month over long ranges, Mondays over a
 * few weeks, every day or every other over a fortnight, so labels never crowd at 800 px.
 */
export function labelledDays(dates: readonly string[]): number[] {
  const count = dates.length;
  const picks: number[] = [];
  dates.forEach((date, index) => {
    if (count > 75 ? date.endsWith("-01") : count > 14 ? weekday(toDay(date)) === 0 : count <= 8 || index % 2 === 0) picks.push(index);
  });
  return picks;
}

/** Tick marks and date labels under the plot area, at the x `at(index)` gives. */
export function timeAxis(area: PlotArea, dates: readonly string[], indexes: readonly number[], at: (index: number) => number): string {
  return indexes.map((index) => line(at(index), area.bottom, at(index), area.bottom + 4, { stroke: MUTED }) + text(at(index), area.bottom + 18, shortDate(dates[index]!), { size: 12, anchor: "middle", fill: MUTED })).join("");
}
