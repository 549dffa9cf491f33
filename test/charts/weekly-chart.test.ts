import { describe, expect, it } from "vitest";
import { weeklyChart } from "../../src/charts/weekly-chart.js";
import { addDays } from "../../src/core/dates.js";
import type { HandlerOutput } from "../../src/tools/types.js";
import { expectChartPng } from "../support/png.js";

type Answer = HandlerOutput<"tp_get_weekly_summary">;
const BIKE_ORANGE = "#f08c00";

function answerFor(weekCount: number, sports: string[]): Answer {
  const start = "2026-06-01";
  const weeks = Array.from({ length: weekCount }, (_, w) => ({ week_start: addDays(start, 7 * w), ...(w === weekCount - 1 ? { current: true } : {}) }));
  const series = (base: number, w: number) => Math.round(base * (1 + 0.4 * Math.sin(w)));
  return {
    start_date: start,
    end_date: addDays(start, 7 * weekCount - 1),
    today: addDays(start, 7 * weekCount - 4),
    weeks,
    sports: sports.map((sport, s) => ({
      sport,
      duration_s: weeks.map((_, w) => series(3600 * (4 - s), w)),
      planned_duration_s: weeks.map((_, w) => series(3600 * (4 - s), w + 1)),
      total: {},
    })),
    totals: {},
  };
}

describe("weeklyChart", () => {
  it("draws 26 weeks of four sports against the plan", async () => {
    const png = expectChartPng(await weeklyChart(answerFor(26, ["Bike", "Run", "Swim", "Strength"])));
    expect(png.pixelsOf(BIKE_ORANGE)).toBeGreaterThan(1000);
  });

  it("draws one week", async () => {
    const png = expectChartPng(await weeklyChart(answerFor(1, ["Run"])));
    expect(png.pixelsOf(BIKE_ORANGE)).toBe(0);
    expect(png.pixelsOf("#2f9e44")).toBeGreaterThan(1000);
  });

  it("draws weeks with nothing done or planned as a note", async () => {
    const png = expectChartPng(await weeklyChart(answerFor(4, [])));
    expect(png.pixelsOf(BIKE_ORANGE)).toBe(0);
  });
});
