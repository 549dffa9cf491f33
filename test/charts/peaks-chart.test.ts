import { describe, expect, it } from "vitest";
import { peaksChart } from "../../src/charts/peaks-chart.js";
import type { HandlerOutput } from "../../src/tools/types.js";
import { expectChartPng } from "../support/png.js";

type Answer = HandlerOutput<"tp_get_peaks">;
const CURRENT_BLUE = "#1971c2";
const EARLIER_GREY = "#868e96";

const bike: Answer = {
  sport: "Bike",
  pr_type: "power20min",
  metric: "power",
  start_date: "2025-11-26",
  end_date: "2026-11-25",
  records: Array.from({ length: 12 }, (_, i) => ({ rank: i + 1, date: `2026-0${(i % 9) + 1}-1${i % 10}`, power_w: 310 - 3 * i })),
};

describe("peaksChart", () => {
  it("draws the ranking without an earlier window", async () => {
    const png = expectChartPng(await peaksChart(bike));
    expect(png.pixelsOf(CURRENT_BLUE)).toBeGreaterThan(1000);
    expect(png.pixelsOf(EARLIER_GREY)).toBe(0);
  });

  it("draws the previous year's best beside the ranking", async () => {
    const png = expectChartPng(
      await peaksChart({ ...bike, comparison: { compare_to: "previous_year", start_date: "2024-11-26", end_date: "2025-11-25", best: { rank: 1, date: "2025-06-01", power_w: 300 }, difference: { power_w: 10, percent: 3.3 } } }),
    );
    expect(png.pixelsOf(EARLIER_GREY)).toBeGreaterThan(1000);
  });

  it("draws run records by their speed, and an earlier window without a record", async () => {
    const run: Answer = {
      sport: "Run",
      pr_type: "speed5K",
      metric: "speed",
      start_date: "2026-01-01",
      end_date: "2026-06-30",
      distance_m: 5000,
      records: [{ rank: 1, date: "2026-03-01", speed_mps: 4.25, time_s: 1176, pace_s_per_km: 235, pace: "3:55/km" }],
      comparison: { compare_to: "previous_period", start_date: "2025-07-03", end_date: "2025-12-31" },
    };
    const png = expectChartPng(await peaksChart(run));
    expect(png.pixelsOf(EARLIER_GREY)).toBe(0);
    expect(png.pixelsOf(CURRENT_BLUE)).toBeGreaterThan(1000);
  });

  it("draws no records as a note", async () => {
    const png = expectChartPng(await peaksChart({ ...bike, records: [] }));
    expect(png.pixelsOf(CURRENT_BLUE)).toBe(0);
  });
});
