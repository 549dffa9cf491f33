import { describe, expect, it } from "vitest";
import { createTrainingPeaksClient } from "../../src/client/client.js";
import { addDays, inclusiveDays, toDay } from "../../src/core/dates.js";
import type { ToolOutput } from "../../src/generated/tools.js";
import { splitRange } from "../../src/tools/workout-range.js";
import { answerText, textOf } from "../support/mcp.js";
import { setupToolCalls, TOOL_TEST_TODAY } from "../support/tool-calls.js";
import { performanceIn, workoutsIn, type WorkoutFixture } from "../support/workout-fixtures.js";

const tools = setupToolCalls();
const TODAY = TOOL_TEST_TODAY; // a Wednesday: its week runs 2026-11-23 to 2026-11-29
type Answer = ToolOutput<"tp_get_weekly_summary">;

/** CTL climbs 1 a day from 50 on 2026-11-01 (so by 7 a week); ATL is CTL + 10. */
const ctlOn = (date: string) => 50 + toDay(date) - toDay("2026-11-01");

async function summary(args: Record<string, unknown>, fixtures: WorkoutFixture[] = []) {
  await tools.start({ overrides: { getWorkouts: workoutsIn(fixtures), getPerformanceData: performanceIn((d) => ({ ctl: ctlOn(d), atl: ctlOn(d) + 10 })) } });
  const result = await tools.call("tp_get_weekly_summary", args);
  return { result, answer: result.structuredContent as Answer };
}
const sent = (operationId: string) => tools.sent(operationId).map((r) => r.url.pathname);

describe("tp_get_weekly_summary", () => {
  it("answers an empty range plainly, with the weeks, their fitness and one request each", async () => {
    const { answer, result } = await summary({});
    expect(result.isError).toBeFalsy();
    expect(answer).toMatchObject({ start_date: "2026-11-02", end_date: "2026-11-29", today: TODAY, sports: [], totals: { ctl_change: 28 } });
    expect(answer.weeks.map((w) => w.week_start)).toEqual(["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]);
    expect(answer.weeks[0]).toEqual({ week_start: "2026-11-02", ctl: 57, atl: 67, tsb: -10, ctl_ramp: 7 });
    expect(answer.weeks[3]).toMatchObject({ current: true, projected: true, ctl: 78 });
    expect(answer.weeks.some((w) => w.compliance || w.missed)).toBe(false);
    expect(answerText(result).split("\n")[0]).toBe("4 weeks from 2026-11-02 to 2026-11-29 (today 2026-11-25): nothing done; CTL change 28.");
    expect(sent("getWorkouts")).toEqual(["/fitness/v6/athletes/2400117/workouts/2026-11-02/2026-11-29"]);
    // The day before the first week too, for its CTL ramp.
    expect(sent("getPerformanceData")).toEqual(["/fitness/v1/athletes/2400117/reporting/performancedata/2026-11-01/2026-11-29"]);
  });

  it("lists a past week's missed workouts and its compliance", async () => {
    const { answer, result } = await summary({ weeks: 1, end_date: "2026-11-22" }, [
      { id: 1, day: "2026-11-16", sport: 2, done: { hours: 2, metres: 60_000, tss: 120 }, plan: { hours: 2, tss: 100 } },
      { id: 2, day: "2026-11-18", sport: 3, title: "Tempo run", plan: { hours: 1, metres: 12_000, tss: 70 } },
      { id: 3, day: "2026-11-20", sport: 1, plan: { hours: 0.5, tss: 30 } },
      { id: 4, day: "2026-11-21", sport: 3, done: { hours: 0.5, metres: 6000, tss: 30 } },
      { id: 5, day: "2026-11-22", sport: 7, title: "Day Off" },
    ]);
    const [week] = answer.weeks;
    expect(week).toMatchObject({
      week_start: "2026-11-16",
      compliance: { tss_pct: 75, sessions_done: 1, sessions_planned: 3 },
      missed: [
        { workout_id: 2, date: "2026-11-18", sport: "Run", title: "Tempo run", planned_tss: 70 },
        { workout_id: 3, date: "2026-11-20", sport: "Swim", title: "Workout 3", planned_tss: 30 },
      ],
    });
    expect(week).not.toHaveProperty("current");
    expect(week).not.toHaveProperty("projected");
    expect(answer.sports).toEqual([
      { sport: "Bike", sessions: [1], duration_s: [7200], distance_m: [60_000], tss: [120], planned_sessions: [1], planned_duration_s: [7200], planned_tss: [100], total: expect.any(Object) },
      { sport: "Run", sessions: [1], duration_s: [1800], distance_m: [6000], tss: [30], planned_sessions: [1], planned_duration_s: [3600], planned_tss: [70], total: expect.any(Object) },
      { sport: "Swim", planned_sessions: [1], planned_duration_s: [1800], planned_tss: [30], total: { planned_sessions: 1, planned_duration_s: 1800, planned_tss: 30, compliance: { tss_pct: 0, sessions_done: 0, sessions_planned: 1 } } },
    ]);
    expect(answer.totals).toMatchObject({ sessions: 2, tss: 150, planned_sessions: 3, planned_tss: 200, missed_count: 2 });
    expect(textOf(result)).toContain('  missed 2026-11-18 #2 Run "Tempo run" (TSS 70 planned)');
    expect(textOf(result)).toContain("  Swim: nothing done; planned 1, 30:00, TSS 30");
  });

  it("counts the current week's done and still-planned parts apart", async () => {
    const { answer, result } = await summary({ weeks: 1 }, [
      { id: 1, day: "2026-11-23", sport: 3, done: { hours: 1, metres: 12_000, tss: 60 }, plan: { hours: 1, tss: 50 } },
      { id: 2, day: "2026-11-24", sport: 3, plan: { hours: 1, tss: 50 } },
      { id: 3, day: "2026-11-25", sport: 3, plan: { hours: 1.5, tss: 80 } },
      { id: 4, day: "2026-11-28", sport: 3, plan: { hours: 2, tss: 120 } },
      { id: 5, day: "2026-11-26", sport: 2, done: { hours: 1, tss: 40 } },
    ]);
    expect(answer.weeks[0]).toMatchObject({
      week_start: "2026-11-23",
      current: true,
      projected: true,
      // Due so far: the runs of Monday (done) and Tuesday (missed); today's and Saturday's are ahead.
      compliance: { tss_pct: 100, sessions_done: 1, sessions_planned: 2 },
      missed: [{ workout_id: 2 }],
    });
    expect(answer.sports.find((s) => s.sport === "Run")).toMatchObject({
      sessions: [1],
      tss: [60],
      planned_sessions: [4],
      planned_duration_s: [19_800],
      planned_tss: [300],
      upcoming_sessions: [2],
      upcoming_duration_s: [12_600],
      upcoming_tss: [200],
    });
    expect(answer.sports.find((s) => s.sport === "Bike")).not.toHaveProperty("upcoming_sessions");
    expect(textOf(result)).toContain("Week of 2026-11-23 (current): 2 done, 2:00:00, 12 km, TSS 100; planned 4, 5:30:00, TSS 300 (2 still ahead, TSS 200)");
  });

  it("splits 26 weeks into the fewest getWorkouts requests, covering each day once, and one performance request", async () => {
    const fixtures: WorkoutFixture[] = [
      { id: 1, day: "2026-06-01", sport: 2, done: { hours: 1, tss: 50 } },
      { id: 2, day: "2026-08-30", sport: 2, done: { hours: 1, tss: 60 } },
      { id: 3, day: "2026-11-28", sport: 2, plan: { hours: 1, tss: 70 } },
    ];
    const { answer } = await summary({ weeks: 26 }, fixtures);
    expect(answer).toMatchObject({ start_date: "2026-06-01", end_date: "2026-11-29" });
    const ranges = sent("getWorkouts").map((path) => path.split("/").slice(-2) as [string, string]);
    expect(ranges.length).toBe(Math.ceil(182 / 90));
    const days = ranges.flatMap(([from, to]) => {
      expect(inclusiveDays(from, to)).toBeLessThanOrEqual(90);
      return Array.from({ length: inclusiveDays(from, to) }, (_, i) => addDays(from, i));
    });
    expect(days).toEqual(Array.from({ length: 182 }, (_, i) => addDays("2026-06-01", i)));
    expect(sent("getPerformanceData")).toEqual(["/fitness/v1/athletes/2400117/reporting/performancedata/2026-05-31/2026-11-29"]);
    const bike = answer.sports[0]!;
    expect(answer.weeks).toHaveLength(26);
    expect(bike.tss).toHaveLength(26);
    // 2026-08-30, the first day of the second request, is the Sunday of the 13th week.
    expect([bike.tss![0], bike.tss![12], bike.upcoming_tss![25]]).toEqual([50, 60, 70]);
    expect(bike.total).toMatchObject({ sessions: 2, tss: 110, upcoming_tss: 70 });
  });

  it.each([
    ["no weeks", { weeks: 0 }, /weeks/],
    ["27 weeks", { weeks: 27 }, /weeks/],
    ["a fractional week", { weeks: 1.5 }, /weeks/],
    ["an impossible date", { end_date: "2026-02-30" }, /real calendar date/],
    ["a malformed date", { end_date: "25/11/2026" }, /YYYY-MM-DD/],
    ["an extra property", { weeks: 2, sport: "Run" }, /sport/],
  ])("refuses %s before any request", async (_title, args, message) => {
    const { result } = await summary(args);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(message);
    expect(tools.recorded).toEqual([]);
  });
});

describe("splitRange", () => {
  it.each([
    ["2026-01-01", "2026-01-01", [["2026-01-01", "2026-01-01"]]],
    ["2026-01-01", "2026-03-31", [["2026-01-01", "2026-03-31"]]],
    ["2026-01-01", "2026-04-01", [["2026-01-01", "2026-03-31"], ["2026-04-01", "2026-04-01"]]],
    ["2026-01-01", "2026-06-29", [["2026-01-01", "2026-03-31"], ["2026-04-01", "2026-06-29"]]],
  ] as const)("%s to %s", (start, end, want) => {
    expect(splitRange(start, end)).toEqual(want);
  });
});

describe("tp_get_weekly_summary over a season", () => {
  it("gives each sport's total for the range and each sport per week only for the last 4 weeks; the structured series keep every week", async () => {
    await tools.start({}, { client: createTrainingPeaksClient({ demo: true, today: TOOL_TEST_TODAY }) });
    const result = await tools.call("tp_get_weekly_summary", { weeks: 12 });
    const lines = answerText(result).split("\n");
    const weekHeads = lines.map((line, i) => [line, i] as const).filter(([line]) => line.startsWith("Week of "));
    expect(weekHeads).toHaveLength(12);
    const sportLinesAfter = (index: number) => {
      const next = weekHeads.find(([, i]) => i > index)?.[1] ?? lines.length;
      return lines.slice(index + 1, next).filter((line) => /^ {2}(Bike|Run|Swim|Strength):/.test(line)).length;
    };
    expect(weekHeads.slice(0, 8).map(([, i]) => sportLinesAfter(i))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    for (const [, i] of weekHeads.slice(8)) expect(sportLinesAfter(i)).toBeGreaterThan(0);
    // The range's own per-sport lines, between the summary and the first week.
    const rangeLines = lines.slice(1, weekHeads[0]![1]).filter((line) => /^ {2}\w+:/.test(line));
    const { sports } = result.structuredContent as { sports: Array<{ sport: string; tss: number[]; total: { tss?: number } }> };
    expect(rangeLines.map((line) => line.trim().split(":")[0])).toEqual(sports.map((s) => s.sport));
    for (const sport of sports) expect(sport.tss).toHaveLength(12);
    expect(lines[weekHeads[0]![1] - 1]).toBe("Each sport by week for the last 4 weeks below (every week in the structured answer's sports).");
  });
});
