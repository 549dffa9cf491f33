import { describe, expect, it } from "vitest";
import { labelledDays } from "../../src/charts/time-axis.js";
import { addDays } from "../../src/core/dates.js";

const range = (start: string, count: number) => Array.from({ length: count }, (_, i) => addDays(start, i));
const labelled = (start: string, count: number) => {
  const dates = range(start, count);
  return labelledDays(dates).map((index) => dates[index]);
};

describe("labelledDays", () => {
  it.each([
    ["a year: the first of each month", "2025-11-26", 365, ["2025-12-01", "2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01", "2026-06-01", "2026-07-01", "2026-08-01", "2026-09-01", "2026-10-01", "2026-11-01"]],
    ["90 days: the 1st and the 16th", "2026-08-28", 90, ["2026-09-01", "2026-09-16", "2026-10-01", "2026-10-16", "2026-11-01", "2026-11-16"]],
    ["30 days: Mondays", "2026-10-27", 30, ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]],
    ["a fortnight: every other day", "2026-11-12", 14, ["2026-11-12", "2026-11-14", "2026-11-16", "2026-11-18", "2026-11-20", "2026-11-22", "2026-11-24"]],
    ["a week: every day", "2026-11-19", 7, range("2026-11-19", 7)],
    ["one day", "2026-11-25", 1, ["2026-11-25"]],
  ])("%s", (_, start, count, want) => {
    expect(labelled(start, count)).toEqual(want);
  });
});
