import { afterEach, describe, expect, it } from "vitest";
import { performance } from "node:perf_hooks";
import { addDays } from "../../src/core/dates.js";
import { demoToday } from "../../src/demo/index.js";
import { StdioProcess } from "../support/stdio-process.js";

/** The bound: a newcomer's twenty demo calls answer in under two seconds, all told. */
const TOTAL_BUDGET_MS = 2_000;
const today = demoToday();
let server: StdioProcess | undefined;
afterEach(async () => {
  await server?.end(5_000);
  server = undefined;
});

describe("tp-mcp serve --demo", () => {
  it("answers twenty calls over several tools in under 2 s: the demo is never paced by the real client's rate limit", async () => {
    server = StdioProcess.cli(["serve", "--demo"], {});
    await server.initialize();
    // First calls cost what they cost once per process: the demo's two years of data are built on
    // the first request, and each tool's first answer runs cold code (together ~0.5 s on an idle
    // machine, several times that on a busy one). One untimed call per tool pays them, and finds
    // the workout ids; pacing, if any, is per request and would slow every call after them alike.
    const fortnight = await server.callTool("tp_get_workouts", { start_date: addDays(today, -13), end_date: today, type: "completed" });
    const ids = (fortnight.structuredContent!.workouts as Array<{ workout_id: number }>).map((workout) => workout.workout_id);
    expect(ids.length).toBeGreaterThanOrEqual(7);
    for (const [name, args] of [
      ["tp_get_workout", { workout_id: ids[6] }],
      ["tp_get_fitness", { days: 14 }],
      ["tp_get_peaks", { sport: "Bike", pr_type: "power1min" }],
      ["tp_get_workout_prs", { workout_id: ids[6] }],
    ] as const) {
      expect((await server.callTool(name, args)).isError, name).toBeFalsy();
    }

    // The client's token bucket holds 10 requests, then lets one through every 750 ms; the calls
    // above used the burst, and these 20 send more than 24 requests (tp_get_peaks with compare_to
    // sends two), so a paced demo needs over 15 s.
    const answers: Array<{ name: string; isError?: boolean }> = [];
    const call = async (name: string, args: Record<string, unknown>) => {
      const result = await server!.callTool(name, args);
      answers.push({ name, isError: result.isError });
    };
    const started = performance.now();
    for (const id of ids.slice(0, 6)) await call("tp_get_workout", { workout_id: id });
    for (const days of [7, 30, 90, 180]) await call("tp_get_fitness", { days });
    for (const prType of ["power5min", "power20min", "power60min"]) await call("tp_get_peaks", { sport: "Bike", pr_type: prType, compare_to: "previous_year" });
    await call("tp_get_peaks", { sport: "Run", pr_type: "speed5K" });
    for (const id of ids.slice(0, 3)) await call("tp_get_workout_prs", { workout_id: id });
    for (const weeks of [1, 2]) await call("tp_get_workouts", { start_date: addDays(today, -7 * weeks - 6), end_date: addDays(today, -7 * weeks) });
    await call("tp_get_workouts", { start_date: addDays(today, 1), end_date: addDays(today, 7), type: "planned" });
    const elapsedMs = performance.now() - started;

    expect(answers).toHaveLength(20);
    expect(answers.filter((answer) => answer.isError)).toEqual([]);
    expect(new Set(answers.map((answer) => answer.name)).size).toBe(5);
    expect(elapsedMs, `20 demo calls took ${Math.round(elapsedMs)} ms`).toBeLessThan(TOTAL_BUDGET_MS);
  });
});
