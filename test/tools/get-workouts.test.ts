import { beforeEach, describe, expect, it } from "vitest";
import { SPORT_NAMES } from "../../src/generated/constants.js";
import { toolDefinitions } from "../../src/generated/tools.js";
import { answerText, textOf } from "../support/mcp.js";
import { setupToolCalls } from "../support/tool-calls.js";
import { workoutsIn, type WorkoutFixture } from "../support/workout-fixtures.js";

const tools = setupToolCalls();

type Listed = { workout_id: number; status: string; sport: string };
type Answer = { workouts: Listed[]; totals: Record<string, number>; sport?: string };

const WEEK: WorkoutFixture[] = [
  { id: 1, day: "2026-11-23", sport: 3, done: { hours: 1, metres: 12000, tss: 60 }, plan: { hours: 1, tss: 55 } },
  { id: 2, day: "2026-11-23", sport: 7, title: "Day Off" },
  { id: 3, day: "2026-11-24", sport: 2, plan: { hours: 2, metres: 60000, tss: 110 } },
  { id: 4, day: "2026-11-25", sport: 1, plan: { hours: 0.5, metres: 2000, tss: 30 } },
  { id: 5, day: "2026-11-26", sport: 9, plan: { hours: 0.75, tss: 25 } },
  { id: 6, day: "2026-11-27", sport: 29, done: { hours: 0.5, tss: 15 } },
  { id: 7, day: "2026-11-28", sport: 8, plan: { hours: 3, metres: 50000, tss: 150 } },
];

async function call(args: Record<string, unknown>) {
  const result = await tools.call("tp_get_workouts", { start_date: "2026-11-23", end_date: "2026-11-29", ...args });
  return { result, answer: result.structuredContent as Answer };
}

beforeEach(() => tools.start({ overrides: { getWorkouts: workoutsIn(WEEK) } }));

describe("tp_get_workouts status", () => {
  it("is missed for a past plan never done, planned from today on, and never missed for a day off", async () => {
    const { answer, result } = await call({});
    expect(Object.fromEntries(answer.workouts.map((w) => [w.workout_id, w.status]))).toEqual({
      1: "completed",
      2: "planned",
      3: "missed",
      4: "planned",
      5: "planned",
      6: "completed",
      7: "planned",
    });
    expect(answer.totals).toMatchObject({ completed_count: 2, planned_count: 4, missed_count: 1 });
    expect(textOf(result)).toContain('2026-11-24 #3 Bike "Workout 3" missed: 2:00:00, 60 km, TSS 110');
    expect(answerText(result).split("\n")[0]).toBe(
      "7 workouts from 2026-11-23 to 2026-11-29 (2 completed, 4 planned, 1 missed). Completed: 1:30:00, 12 km, TSS 75. " +
        "Not done (planned and missed): 6:15:00, 112 km, TSS 315.",
    );
  });

  it.each([
    ["missed", [3]],
    ["planned", [2, 4, 5, 7]],
    ["completed", [1, 6]],
  ])("type %s lists only those", async (type, ids) => {
    const { answer } = await call({ type });
    expect(answer.workouts.map((w) => w.workout_id)).toEqual(ids);
  });
});

describe("tp_get_workouts totals", () => {
  it("with type planned are the planned figures, and the header says so", async () => {
    const { answer, result } = await call({ type: "planned" });
    expect(answer.totals).toEqual({
      completed_count: 0,
      planned_count: 4,
      missed_count: 0,
      duration_s: 0,
      distance_m: 0,
      tss: 0,
      planned_duration_s: 15_300,
      planned_distance_m: 52_000,
      planned_tss: 205,
    });
    expect(answerText(result).split("\n")[0]).toBe("4 planned workouts from 2026-11-23 to 2026-11-29, planned: 4:15:00, 52 km, TSS 205.");
    expect(textOf(result)).not.toContain("Completed:");
  });

  it("with type missed sum the plan that was not done", async () => {
    const { answer, result } = await call({ type: "missed" });
    expect(answer.totals).toMatchObject({ missed_count: 1, planned_duration_s: 7200, planned_distance_m: 60_000, planned_tss: 110 });
    expect(answerText(result).split("\n")[0]).toBe("1 missed workout from 2026-11-23 to 2026-11-29, never done: 2:00:00, 60 km, TSS 110 planned.");
  });

  it("with type completed leave the plan out", async () => {
    const { answer, result } = await call({ type: "completed" });
    expect(answer.totals).toEqual({ completed_count: 2, planned_count: 0, missed_count: 0, duration_s: 5400, distance_m: 12_000, tss: 75 });
    expect(answerText(result).split("\n")[0]).toBe("2 completed workouts from 2026-11-23 to 2026-11-29: 1:30:00, 12 km, TSS 75.");
  });
});

describe("tp_get_workouts sport", () => {
  it.each([
    ["Strength", [5, 6]],
    ["Mountain Bike", [7]],
    ["Bike", [3]],
    ["Rowing", []],
  ])("%s keeps only that sport", async (sport, ids) => {
    const { answer, result } = await call({ sport });
    expect(answer.workouts.map((w) => w.workout_id)).toEqual(ids);
    expect(answer.sport).toBe(sport);
    expect(textOf(result)).toContain(`${sport} workout`);
  });

  it("combines with type", async () => {
    const { answer } = await call({ sport: "Strength", type: "completed" });
    expect(answer.workouts.map((w) => w.workout_id)).toEqual([6]);
  });

  it("offers each sport name of the API once", () => {
    const listed = toolDefinitions.tp_get_workouts.inputJsonSchema.properties.sport.enum;
    expect(listed).toEqual([...new Set(Object.values(SPORT_NAMES))]);
  });

  it("refuses an unknown sport before any request", async () => {
    const { result } = await call({ sport: "Kitesurf" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/sport/);
    expect(tools.recorded).toEqual([]);
  });
});
