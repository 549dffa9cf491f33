import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import type { ToolName } from "../../src/generated/tools.js";
import { answerText, EXAMPLE_ATHLETE, textOf } from "../support/mcp.js";
import { exampleValue, type SpecHandlerOptions } from "../support/spec-mocks.js";
import { setupToolCalls, TOOL_TEST_TODAY } from "../support/tool-calls.js";

const tools = setupToolCalls();
const TODAY = TOOL_TEST_TODAY;
const start = (options?: SpecHandlerOptions) => tools.start(options);

const call = (name: ToolName, args: Record<string, unknown>) => tools.call(name, args);

const apiCalls = () => tools.recorded.filter((r) => r.operationId !== "exchangeToken" && r.operationId !== "getUser");


describe("tp_get_workouts", () => {
  // TODAY is after 2026-09-15, so the run planned for that day and never done is missed.
  it("lists completed and missed workouts with units in the names", async () => {
    const result = await call("tp_get_workouts", { start_date: "2026-09-13", end_date: "2026-09-19" });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      count: 2,
      type: "all",
      totals: { completed_count: 1, planned_count: 0, missed_count: 1, duration_s: 5412, tss: 118.6, planned_duration_s: 3300, planned_tss: 52 },
      workouts: [
        { workout_id: 3300000123, date: "2026-09-13", sport: "Bike", title: "Threshold 3x20", status: "completed", duration_s: 5412, distance_m: 45211, tss: 118.6, if: 0.89, planned_tss: 115 },
        { workout_id: 3300000124, date: "2026-09-15", sport: "Run", status: "missed", planned_duration_s: 3300, planned_distance_m: 10000, planned_tss: 52 },
      ],
    });
    expect((result.structuredContent as { workouts: object[] }).workouts[1]).not.toHaveProperty("duration_s");
    expect(textOf(result)).toContain('2026-09-13 #3300000123 Bike "Threshold 3x20" completed: 1:30:12');
    expect(apiCalls()[0]!.url.pathname).toBe("/fitness/v6/athletes/2400117/workouts/2026-09-13/2026-09-19");
  });

  it.each([
    ["missed", [3300000124]],
    ["planned", []],
    ["completed", [3300000123]],
  ])("type %s keeps only those", async (type, ids) => {
    const result = await call("tp_get_workouts", { start_date: "2026-09-13", end_date: "2026-09-19", type });
    expect((result.structuredContent as { workouts: Array<{ workout_id: number }> }).workouts.map((w) => w.workout_id)).toEqual(ids);
  });
});

describe("refused before any request", () => {
  it.each([
    ["a 91-day range", "tp_get_workouts", { start_date: "2026-01-01", end_date: "2026-04-01" }, /at most 90 days/],
    ["an end before its start", "tp_get_workouts", { start_date: "2026-03-02", end_date: "2026-03-01" }, /before start_date/],
    ["an impossible date", "tp_get_workouts", { start_date: "2026-02-30", end_date: "2026-03-01" }, /real calendar date/],
    ["a malformed date", "tp_get_workouts", { start_date: "03/01/2026", end_date: "2026-03-02" }, /YYYY-MM-DD/],
    ["a missing date", "tp_get_workouts", { start_date: "2026-03-01" }, /end_date/],
    ["a PR type of another sport", "tp_get_peaks", { sport: "Bike", pr_type: "speed5K" }, /Bike allows: power5sec/],
    ["an unknown PR type", "tp_get_peaks", { sport: "Run", pr_type: "power3min" }, /pr_type/],
    ["a non-numeric workout id", "tp_get_workout", { workout_id: "abc" }, /workout_id/],
    ["a fractional workout id", "tp_get_workout_prs", { workout_id: 12.5 }, /workout_id/],
    ["too many days", "tp_get_fitness", { days: 366 }, /days/],
    ["an extra property", "tp_get_fitness", { days: 30, athlete_name: "Riley" }, /athlete_name/],
  ] as const)("%s", async (_title, name, args, message) => {
    const result = await call(name, args);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(message);
    expect(tools.recorded).toEqual([]);
  });

  it("accepts exactly 90 days", async () => {
    const result = await call("tp_get_workouts", { start_date: "2026-01-01", end_date: "2026-03-31" });
    expect(result.isError).toBeFalsy();
  });
});

describe("tp_get_workout", () => {
  it("gives the full detail in units, with comments, files and the structure summarised", async () => {
    const result = await call("tp_get_workout", { workout_id: 3300000123 });
    expect(result.structuredContent).toMatchObject({
      workout_id: 3300000123,
      status: "completed",
      start_time: "2026-09-13T07:02:11",
      np_w: 233,
      avg_power_w: 221,
      max_power_w: 612,
      avg_hr_bpm: 149,
      avg_cadence_rpm: 89,
      elevation_gain_m: 412,
      calories_kcal: 1180,
      energy_kj: 1196,
      rpe: 7,
      feeling: 6,
      tags: ["threshold", "indoor"],
      coach_comments: "Hold steady, no surges.",
      comments: [{ author: "Jordan Example", is_coach: false, text: "Legs felt good on the last one." }],
      device_files: [{ file_id: -118230019, file_name: "2026-11-21-07-02-11.fit" }],
      structure: {
        intensity_metric: "percentOfFtp",
        total_s: 5400,
        blocks: ["Warm up 15 min @ 50–65% FTP", "3× [Threshold 20 min @ 95–100% FTP, Easy 5 min @ 50–60% FTP]"],
      },
    });
    expect(apiCalls().map((r) => r.operationId).sort()).toEqual(["getWorkout", "getWorkoutDetails"]);
  });

  it("answers without files when the details call fails", async () => {
    await start({ overrides: { getWorkoutDetails: () => HttpResponse.json({ message: "nope" }, { status: 404 }) } });
    const result = await call("tp_get_workout", { workout_id: 3300000123 });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).not.toHaveProperty("device_files");
  });

  it("accepts the one-element array variant", async () => {
    await start({ overrides: { getWorkout: () => HttpResponse.json(exampleValue("getWorkout", "wrappedInArray") as never) } });
    const result = await call("tp_get_workout", { workout_id: 3300000124 });
    // Planned for 2026-09 and never done: missed, seen from the tests' today (2026-11-25).
    expect(result.structuredContent).toMatchObject({ workout_id: 3300000124, sport: "Run", status: "missed", planned_distance_m: 10000 });
  });
});

describe("tp_get_peaks", () => {
  it("ranks power records in watts over the last `days`", async () => {
    const result = await call("tp_get_peaks", { sport: "Bike", pr_type: "power20min", days: 365 });
    expect(result.structuredContent).toMatchObject({
      sport: "Bike",
      pr_type: "power20min",
      metric: "power",
      start_date: "2025-11-26",
      end_date: TODAY,
      records: [
        { rank: 1, power_w: 281, date: "2026-09-13", workout_id: 3300000123, workout_title: "Threshold 3x20" },
        { rank: 2, power_w: 274, date: "2026-06-02" },
      ],
    });
    const query = apiCalls()[0]!.url.searchParams;
    expect(Object.fromEntries(query)).toEqual({ prType: "power20min", startDate: "2025-11-26T00:00:00", endDate: "2026-11-25T00:00:00" });
  });

  it("gives run records as speed, time for the distance and pace", async () => {
    await start({ overrides: { getAthletePeaks: () => HttpResponse.json(exampleValue("getAthletePeaks", "speed5K") as never) } });
    const result = await call("tp_get_peaks", { sport: "Run", pr_type: "speed5K" });
    expect(result.structuredContent).toMatchObject({
      metric: "speed",
      distance_m: 5000,
      records: [{ rank: 1, speed_mps: 4.386, time_s: 1140, pace_s_per_km: 228, pace: "3:48/km", event_name: "Parkrun" }],
    });
    expect(textOf(result)).toContain("19:00 (3:48/km)");
  });
});

describe("tp_get_fitness", () => {
  it("summarises the last day with a plain-words form status", async () => {
    const result = await call("tp_get_fitness", { days: 2, end_date: "2026-11-24" });
    expect(result.structuredContent).toMatchObject({
      start_date: "2026-11-23",
      end_date: "2026-11-24",
      summary: { date: "2026-11-24", projected: false, fitness_ctl: 69.7, fatigue_atl: 72, form_tsb: -12.7, form_status: "productive" },
      days: [
        { date: "2026-11-23", ctl: 71.4, atl: 84, tsb: -11.9, tss: 92.4, planned_tss: 85 },
        { date: "2026-11-24", ctl: 69.7, atl: 72, tsb: -12.7, tss: 0 },
      ],
    });
    const request = apiCalls().find((r) => r.operationId === "getPerformanceData")!;
    expect(request.url.pathname).toBe("/fitness/v1/athletes/2400117/reporting/performancedata/2026-11-16/2026-11-24");
    expect(request.body).toEqual({ atlConstant: 7, atlStart: 0, ctlConstant: 42, ctlStart: 0, workoutTypes: [] });
  });

  it("reads the wrapped variant with NaN as missing values", async () => {
    await start({ overrides: { getPerformanceData: () => HttpResponse.json(exampleValue("getPerformanceData", "wrappedWithNaN") as never) } });
    const result = await call("tp_get_fitness", { days: 1, end_date: "2026-11-24" });
    expect(result.structuredContent).toMatchObject({ days: [{ date: "2026-11-24", ctl: 69.7 }], summary: { form_tsb: -12.7 } });
    const [day] = (result.structuredContent as { days: object[] }).days;
    expect(day).not.toHaveProperty("tss");
  });
});

describe("tp_get_workout cadence", () => {
  it.each([
    [2, { avg_cadence_rpm: 89 }, "cadence 89 rpm"],
    [3, { avg_cadence_strides_per_min: 89 }, "cadence 89 strides/min (178 steps/min)"],
    [1, { avg_stroke_rate_per_min: 89 }, "stroke rate 89/min"],
  ])("sport %i: the cadence in its own unit", async (sport, fields, text) => {
    const bike = exampleValue("getWorkout") as Record<string, unknown>;
    await start({ overrides: { getWorkout: () => HttpResponse.json({ ...bike, workoutTypeValueId: sport } as never) } });
    const result = await call("tp_get_workout", { workout_id: 3300000123 });
    expect(result.structuredContent).toMatchObject(fields);
    for (const other of ["avg_cadence_rpm", "avg_cadence_strides_per_min", "avg_stroke_rate_per_min"].filter((key) => !(key in fields))) {
      expect(result.structuredContent).not.toHaveProperty(other);
    }
    expect(textOf(result)).toContain(text);
  });
});

describe("tp_get_workout_prs", () => {
  it("groups the records by power, heart rate and speed", async () => {
    const { structuredContent } = await call("tp_get_workout_prs", { workout_id: 3300000123 });
    expect(structuredContent).toEqual({
      athlete: EXAMPLE_ATHLETE,
      workout_id: 3300000123,
      date: "2026-09-13",
      sport: "Bike",
      title: "Threshold 3x20",
      status: "ready",
      record_count: 2,
      power: [{ type: "power20min", ranks: [{ rank: 1, time_frame: "All Time" }], value: 281 }],
      heart_rate: [{ type: "hR20min", ranks: [{ rank: 3, time_frame: "Year" }], value: 168 }],
      speed: [],
    });
  });

  it("lists an effort once with its rank in each time frame", async () => {
    const answer = exampleValue("getWorkoutPersonalRecords") as { personalRecords: Array<Record<string, unknown>> };
    const effort = answer.personalRecords[0]!;
    const twice = { ...answer, personalRecords: [effort, { ...effort, id: 1, timeFrame: { name: "Year" }, rank: 1 }] };
    await start({ overrides: { getWorkoutPersonalRecords: () => HttpResponse.json(twice as never) } });
    const result = await call("tp_get_workout_prs", { workout_id: 3300000123 });
    expect(result.structuredContent).toMatchObject({
      record_count: 1,
      power: [{ type: "power20min", value: 281, ranks: [{ rank: 1, time_frame: "All Time" }, { rank: 1, time_frame: "Year" }] }],
    });
    expect(answerText(result)).toBe('Bike "Threshold 3x20" on 2026-09-13 (#3300000123) set 1 record (2 ranks across time frames).\npower20min: 281 W, #1 All Time, #1 Year');
  });

  it("says a planned workout is not done yet, rather than that it set no records", async () => {
    const planned = (exampleValue("getWorkouts") as unknown[])[1];
    await start({ overrides: { getWorkout: () => HttpResponse.json(planned as never) } });
    const result = await call("tp_get_workout_prs", { workout_id: 3300000124 });
    expect(result.structuredContent).toMatchObject({ status: "not_done", record_count: 0, power: [], heart_rate: [], speed: [] });
    expect(textOf(result)).toMatch(/is planned, not done yet: it has no records\./);
  });

  it("says when TrainingPeaks is still calculating", async () => {
    await start({ overrides: { getWorkoutPersonalRecords: () => HttpResponse.json(exampleValue("getWorkoutPersonalRecords", "pending") as never) } });
    const result = await call("tp_get_workout_prs", { workout_id: 3300000124 });
    expect(result.structuredContent).toMatchObject({ status: "calculating", record_count: 0 });
    expect(textOf(result)).toMatch(/still calculating/);
  });
});

describe("errors from TrainingPeaks come back as tool errors the user can act on", () => {
  const html = () => new HttpResponse("<!DOCTYPE html><html><body>Sign in</body></html>", { headers: { "content-type": "text/html" } });
  it.each([
    ["an expired cookie", { exchangeToken: () => HttpResponse.json({ message: "denied" }, { status: 401 }) }, /tp-mcp auth/],
    ["a token refused twice", { getWorkouts: () => HttpResponse.json({ message: "denied" }, { status: 401 }) }, /tp-mcp auth/],
    ["a missing workout", { getWorkouts: () => HttpResponse.json({ message: "Not found." }, { status: 404 }) }, /no such item/],
    ["rate limiting", { getWorkouts: () => HttpResponse.json({}, { status: 429, headers: { "Retry-After": "1000" } }) }, /rate-limiting/],
    ["an outage", { getWorkouts: () => HttpResponse.json({ message: "An error has occurred." }, { status: 500 }) }, /failed while reading your workouts \(500/],
    ["a login page instead of data", { getWorkouts: html }, /web page instead of data/],
    ["an object where a list was expected", { getWorkouts: () => HttpResponse.json({ workouts: [] }) }, /in a shape this version does not understand while reading your workouts .*API may have changed/],
    ["a workout without its id", { getWorkouts: () => HttpResponse.json([{ workoutDay: "2026-09-13T00:00:00", title: "x" }]) }, /\[0\]\.workoutId.*API may have changed/],
    ["a number where text was expected", { getWorkouts: () => HttpResponse.json([{ workoutId: 1, workoutDay: 20260913 }]) }, /\[0\]\.workoutDay/],
    ["truncated JSON", { getWorkouts: () => new HttpResponse('[{"workoutId": 1, "workoutDa', { headers: { "content-type": "application/json" } }) }, /malformed JSON/],
  ] as const)("%s", async (_title, overrides, message) => {
    await start({ overrides });
    const result = await call("tp_get_workouts", { start_date: "2026-09-13", end_date: "2026-09-19" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(message);
    expect(textOf(result)).not.toContain("test-cookie-value");
    // The server is still up and answers the next call.
    const next = await call("tp_get_workouts", { start_date: "2026-02-30", end_date: "2026-03-01" });
    expect(next.isError).toBe(true);
    expect(textOf(next)).toMatch(/calendar date/);
  });
});
