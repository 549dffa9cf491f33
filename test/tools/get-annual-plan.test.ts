import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import type { ToolOutput } from "../../src/generated/tools.js";
import { answerText, textOf } from "../support/mcp.js";
import type { OperationResolver } from "../support/spec-mocks.js";
import { setupToolCalls } from "../support/tool-calls.js";
import { performanceIn } from "../support/workout-fixtures.js";

const tools = setupToolCalls();
type Answer = ToolOutput<"tp_get_annual_plan">;

const atpWeek = (week: string, fields: Record<string, unknown>) => ({
  week: `${week}T00:00:00`,
  atpType: "TSS",
  volume: null,
  period: null,
  raceName: null,
  racePriority: null,
  weeksToNextPriorityEvent: null,
  ...fields,
});

const PLAN = [
  atpWeek("2026-11-09", { volume: 500, period: "Build 1", weeksToNextPriorityEvent: 7 }),
  atpWeek("2026-11-16", { volume: 600, period: "Build 2", weeksToNextPriorityEvent: 6, raceName: "Club 10K", racePriority: "C" }),
  atpWeek("2026-11-23", { volume: 640, period: "Build 2", weeksToNextPriorityEvent: 5 }),
  atpWeek("2026-12-28", { volume: 320, period: "Race", weeksToNextPriorityEvent: 0, raceName: "Lakeside 70.3", racePriority: "A" }),
];

/** 60 TSS done every day: a whole past week is 420. */
const dailyTss = performanceIn(() => ({ ctl: 70, atl: 75, tssActual: 60 }));

async function plan(args: Record<string, unknown>, atp: OperationResolver = () => HttpResponse.json(PLAN as never)) {
  await tools.start({ overrides: { getAnnualTrainingPlan: atp, getPerformanceData: dailyTss } });
  const result = await tools.call("tp_get_annual_plan", args);
  return { result, answer: result.structuredContent as Answer };
}
const sent = (operationId: string) => tools.sent(operationId).map((r) => r.url.pathname);

describe("tp_get_annual_plan", () => {
  it("says plainly when the athlete has no plan in the range", async () => {
    const { result, answer } = await plan({}, () => HttpResponse.json([]));
    expect(result.isError).toBeFalsy();
    expect(answer.weeks).toEqual([]);
    expect(answerText(result)).toBe("The athlete has no annual training plan from 2026-11-23 to 2027-05-23.");
  });

  it("defaults to this week and the 25 after, with actual TSS up to today in one request", async () => {
    await plan({});
    expect(sent("getAnnualTrainingPlan")).toEqual(["/fitness/v1/athletes/2400117/atp/2026-11-23/2027-05-23"]);
    expect(sent("getPerformanceData")).toEqual(["/fitness/v1/athletes/2400117/reporting/performancedata/2026-11-23/2026-11-25"]);
  });

  it("gives past weeks their actual TSS against the target, and future weeks the plan alone", async () => {
    const { answer, result } = await plan({ start_date: "2026-11-11", end_date: "2027-01-03" });
    // A mid-week start takes its whole week.
    expect(sent("getAnnualTrainingPlan")).toEqual(["/fitness/v1/athletes/2400117/atp/2026-11-09/2027-01-03"]);
    expect(sent("getPerformanceData")).toEqual(["/fitness/v1/athletes/2400117/reporting/performancedata/2026-11-09/2026-11-25"]);
    expect(answer.weeks).toEqual([
      { week_start: "2026-11-09", period: "Build 1", target_tss: 500, weeks_to_priority_event: 7, actual_tss: 420, target_pct: 84 },
      { week_start: "2026-11-16", period: "Build 2", target_tss: 600, weeks_to_priority_event: 6, races: [{ name: "Club 10K", priority: "C" }], actual_tss: 420, target_pct: 70 },
      { week_start: "2026-11-23", period: "Build 2", target_tss: 640, weeks_to_priority_event: 5, actual_tss: 180, target_pct: 28, in_progress: true },
      { week_start: "2026-12-28", period: "Race", target_tss: 320, weeks_to_priority_event: 0, races: [{ name: "Lakeside 70.3", priority: "A" }] },
    ]);
    const text = answerText(result);
    expect(text.split("\n")[0]).toBe("Annual training plan, 4 weeks from 2026-11-09 to 2027-01-03 (today 2026-11-25); next A race: Lakeside 70.3 in the week of 2026-12-28.");
    expect(text).toContain("2026-11-09 Build 1: target TSS 500, actual TSS 420 (84%), 7 weeks to the priority event");
    expect(text).toContain("2026-11-23 Build 2: target TSS 640, actual TSS 180 (28%) so far, 5 weeks to the priority event");
    expect(text).toContain("2026-12-28 Race: target TSS 320, race Lakeside 70.3 (A)");
  });

  it("takes the 26 weeks up to an end_date given alone", async () => {
    const { answer } = await plan({ end_date: "2026-11-15" });
    expect(sent("getAnnualTrainingPlan")).toEqual(["/fitness/v1/athletes/2400117/atp/2026-05-18/2026-11-15"]);
    expect(sent("getPerformanceData")).toEqual(["/fitness/v1/athletes/2400117/reporting/performancedata/2026-05-18/2026-11-15"]);
    expect(answer.weeks.map((w) => [w.week_start, w.actual_tss])).toEqual([["2026-11-09", 420]]);
  });

  it("sends no performance request for a range wholly in the future", async () => {
    const { answer } = await plan({ start_date: "2026-12-28", end_date: "2027-01-03" });
    expect(sent("getPerformanceData")).toEqual([]);
    expect(answer.weeks).toEqual([{ week_start: "2026-12-28", period: "Race", target_tss: 320, weeks_to_priority_event: 0, races: [{ name: "Lakeside 70.3", priority: "A" }] }]);
  });

  it("reads an hours-based plan as a time target, without a TSS percentage", async () => {
    const { answer } = await plan({ start_date: "2026-11-09", end_date: "2026-11-15" }, () =>
      HttpResponse.json([atpWeek("2026-11-09", { atpType: "Hours", volume: 9.5, period: "Base 2" })] as never),
    );
    expect(answer.weeks).toEqual([{ week_start: "2026-11-09", period: "Base 2", target_duration_s: 34_200, actual_tss: 420 }]);
  });

  it.each([
    ["an end before the start", { start_date: "2026-11-10", end_date: "2026-11-09" }, /before start_date/],
    ["372 days", { start_date: "2026-01-01", end_date: "2027-01-07" }, /covers 372 days; at most 371/],
    ["an impossible date", { start_date: "2026-02-30" }, /real calendar date/],
    ["an extra property", { weeks: 4 }, /weeks/],
  ])("refuses %s before any request", async (_title, args, message) => {
    const { result } = await plan(args);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(message);
    expect(tools.recorded).toEqual([]);
  });
});
