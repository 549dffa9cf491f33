import { describe, expect, it } from "vitest";
import { fitnessChart } from "../../src/charts/fitness-chart.js";
import { addDays, inclusiveDays } from "../../src/core/dates.js";
import type { HandlerOutput } from "../../src/tools/types.js";
import { expectChartPng } from "../support/png.js";

type Answer = HandlerOutput<"tp_get_fitness">;
const CTL_BLUE = "#1971c2";
const RACE_GREEN = "#2b8a3e";

/** A deterministic, jagged load (the worst case for PNG size): done up to `today`, planned after. */
function answerFor(start: string, end: string, today: string, race?: string): Answer {
  let seed = 7;
  const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 200;
  const days = Array.from({ length: inclusiveDays(start, end) }, (_, i) => {
    const date = addDays(start, i);
    const ctl = 60 + 25 * Math.sin(i / 40);
    const atl = ctl + 30 * Math.sin(i / 4);
    const tss = Math.round(noise());
    return { date, ctl, atl, tsb: ctl - atl, ...(date <= today ? { tss } : { planned_tss: tss }) };
  });
  return {
    start_date: start,
    end_date: end,
    days,
    warnings: [],
    ...(race ? { next_race: { id: 1, date: race, name: "Lakes Half Ironman", priority: "A" as const, days_until: inclusiveDays(today, race) - 1 } } : {}),
  };
}

describe("fitnessChart", () => {
  it("draws an empty range as a note, with no lines", async () => {
    const empty: Answer = { start_date: "2026-10-27", end_date: "2026-11-25", days: Array.from({ length: 30 }, (_, i) => ({ date: addDays("2026-10-27", i) })), warnings: [] };
    const png = expectChartPng(await fitnessChart(empty, { today: "2026-11-25" }));
    // The legend's swatch only: a line across 90 days would colour hundreds of pixels.
    expect(png.pixelsOf(CTL_BLUE)).toBeLessThan(60);
  });

  it("draws a single day", async () => {
    const png = expectChartPng(await fitnessChart(answerFor("2026-11-25", "2026-11-25", "2026-11-25"), { today: "2026-11-25" }));
    expect(png.pixelsOf("#ffffff")).toBeGreaterThan(0);
  });

  it("draws 365 days with a projection and the race under 80 KB", async () => {
    const answer = answerFor("2025-12-27", "2026-12-26", "2026-11-25", "2026-12-13");
    const png = expectChartPng(await fitnessChart(answer, { today: "2026-11-25" }));
    expect(png.pixelsOf(CTL_BLUE)).toBeGreaterThan(500);
    expect(png.pixelsOf(RACE_GREEN)).toBeGreaterThan(100);
  });

  it("marks every race of the range, past and planned", async () => {
    const answer = answerFor("2025-12-27", "2026-12-26", "2026-11-25");
    const races = [
      { id: 1, date: "2026-03-15", name: "Spring 10K", priority: "C" as const },
      { id: 2, date: "2026-06-20", name: "Lakes Half Ironman", priority: "A" as const },
      { id: 3, date: "2026-06-27", name: "Club relay, a week after the half", priority: "B" as const },
      { id: 4, date: "2026-12-13", name: "Bridge 10K", priority: "C" as const },
    ];
    const none = expectChartPng(await fitnessChart(answer, { today: "2026-11-25" }));
    const one = expectChartPng(await fitnessChart(answer, { today: "2026-11-25", races: races.slice(1, 2) }));
    const all = expectChartPng(await fitnessChart(answer, { today: "2026-11-25", races }));
    expect(none.pixelsOf(RACE_GREEN)).toBe(0);
    expect(one.pixelsOf(RACE_GREEN)).toBeGreaterThan(100);
    expect(all.pixelsOf(RACE_GREEN)).toBeGreaterThan(one.pixelsOf(RACE_GREEN) * 2);
  });

  it("marks no race that lies outside the range", async () => {
    const png = expectChartPng(await fitnessChart(answerFor("2026-08-28", "2026-11-25", "2026-11-25", "2027-03-01"), { today: "2026-11-25" }));
    expect(png.pixelsOf(RACE_GREEN)).toBe(0);
    expect(png.pixelsOf(CTL_BLUE)).toBeGreaterThan(100);
  });
});
