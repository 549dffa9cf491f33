import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { shapeIssues } from "../../src/client/response-check.js";
import { REQUIRED_NODE } from "../../src/cli/commands/doctor.js";

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
