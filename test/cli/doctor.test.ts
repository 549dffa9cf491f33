import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createTrainingPeaksClient } from "../../src/client/client.js";
import { shapeIssues } from "../../src/client/shape-issues.js";
import { REQUIRED_NODE } from "../../src/cli/commands/doctor.js";
import { checkOperations } from "../../src/cli/doctor-report.js";
import { createDemoFetch } from "../../src/demo/index.js";

/** The real client on the demo athlete, with some answers replaced. */
function clientWith(override: (path: string) => Response | undefined) {
  const demo = createDemoFetch();
  return createTrainingPeaksClient({
    cookie: "doctor-test-cookie",
    env: {},
    transport: false,
    fetch: async (request) => override(new URL(request.url).pathname) ?? (await demo(request)),
  });
}

const CANARY = "zz-canary-93";
const day = "2026-11-21T00:00:00";

describe("shapeIssues (what tp-mcp doctor reports)", () => {
  it("an answer the spec describes has none", () => {
    expect(shapeIssues("getWorkouts", [{ workoutId: 1, workoutDay: day, totalTime: 1.5 }])).toEqual([]);
    expect(shapeIssues("getFocusEvent", null)).toEqual([]);
  });

  it("names the field once for a whole list, with the type seen and never the value", () => {
    const issues = shapeIssues("getWorkouts", [
      { workoutId: 1, workoutDay: day, totalTime: CANARY },
      { workoutId: 2, workoutDay: day, totalTime: CANARY },
      { workoutDay: day, tssActual: [CANARY] },
    ]);
    expect(issues).toEqual([
      { path: "[0].totalTime", expected: "number or null", seenType: "string" },
      { path: "[2].workoutId", expected: "number", seenType: "missing" },
      { path: "[2].tssActual", expected: "number or null", seenType: "array" },
    ]);
    expect(JSON.stringify(issues)).not.toContain(CANARY);
  });

  it("inside a union, reports the field of the option the value matched (an object, a one-element list)", () => {
    expect(shapeIssues("getUser", { user: { userId: 5 }, accountStatus: { isCoach: CANARY } })).toEqual([
      { path: "accountStatus.isCoach", expected: "boolean or null", seenType: "string" },
    ]);
    expect(shapeIssues("getWorkout", [{ workoutId: 1.5, workoutDay: day }])).toEqual([{ path: "[0].workoutId", expected: "integer", seenType: "number" }]);
  });

  it("a wrong shape at the top level, and a format the spec fixes", () => {
    expect(shapeIssues("getWorkouts", { data: [] })).toEqual([{ path: "the top level", expected: "array", seenType: "object" }]);
    expect(shapeIssues("getWorkouts", [{ workoutId: 1, workoutDay: CANARY }])).toEqual([
      { path: "[0].workoutDay", expected: "string in the spec's format", seenType: "string" },
    ]);
  });
});

it("doctor checks the Node version package.json asks for", () => {
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { engines: { node: string } };
  expect(REQUIRED_NODE).toBe(manifest.engines.node);
});

describe("checkOperations", () => {
  it("a coach account without TP_ATHLETE_ID: the rest is skipped, and the roster's names are not shown", async () => {
    const coach = {
      user: { userId: 77, athletes: [{ athleteId: 78, firstName: "Zelda", lastName: CANARY }] },
      accountStatus: { isCoach: true, isAthlete: false },
    };
    const checks = await checkOperations(clientWith((path) => (path.endsWith("/users/v3/user") ? Response.json(coach) : undefined)));
    expect(checks[0]).toEqual({ operation: "getUser", status: "ok" });
    expect(checks.slice(1).every((check) => check.status === "skipped" && /coach account: set TP_ATHLETE_ID/.test(check.message ?? ""))).toBe(true);
    expect(JSON.stringify(checks)).not.toMatch(/Zelda|zz-canary|77|78/);
  });

  it("a failing operation is an error with its message; the others are still checked", async () => {
    const checks = await checkOperations(
      clientWith((path) => (path.includes("/consolidatedtimedmetrics/") ? Response.json({ message: "boom" }, { status: 500 }) : undefined)),
    );
    expect(checks.find((check) => check.operation === "getMetrics")).toEqual({
      operation: "getMetrics",
      status: "error",
      message: expect.stringMatching(/^TrainingPeaks failed while reading your health metrics \(500/),
    });
    expect(checks.find((check) => check.operation === "getAnnualTrainingPlan")?.status).toBe("ok");
  });

  it("a workout list with nothing in it: per-workout operations are skipped with why", async () => {
    const checks = await checkOperations(clientWith((path) => (/\/workouts\/\d{4}-\d{2}-\d{2}\//.test(path) ? Response.json([]) : undefined)));
    expect(checks.find((check) => check.operation === "getWorkouts")).toEqual({ operation: "getWorkouts", status: "ok", message: "An empty list: no items to check." });
    for (const operation of ["getWorkout", "getWorkoutDetails", "getWorkoutLaps", "getWorkoutPersonalRecords", "analyzeWorkoutSummary"]) {
      expect(checks.find((check) => check.operation === operation)).toMatchObject({ status: "skipped", message: expect.stringMatching(/^Not tried: no workout in the last 30 days/) });
    }
    // Strength Builder sessions are not in the workout list: their read does not depend on it.
    expect(checks.find((check) => check.operation === "getStrengthWorkout")?.status).toBe("ok");
  });

  it("reads one Strength Builder session by the id the strength calendar gives, or says there was none", async () => {
    const read = await checkOperations(clientWith(() => undefined));
    expect(read.filter((check) => check.operation.startsWith("getStrengthWorkout")).map((check) => [check.operation, check.status])).toEqual([
      ["getStrengthWorkoutCalendar", "ok"],
      ["getStrengthWorkout", "ok"],
    ]);
    const none = await checkOperations(clientWith((path) => (path.includes("/workouts/calendar/") ? Response.json({ data: [] }) : undefined)));
    expect(none.find((check) => check.operation === "getStrengthWorkout")).toMatchObject({ status: "skipped", message: "Not tried: no Strength Builder session in the last 30 days." });
  });
});
