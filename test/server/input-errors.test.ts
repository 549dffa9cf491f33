import { describe, expect, it } from "vitest";
import { describeInvalidInput } from "../../src/server/input-errors.js";
import { toolDefinitions, type ToolName } from "../../src/generated/tools.js";

function refusal(name: ToolName, args: Record<string, unknown>): string {
  const definition = toolDefinitions[name];
  const parsed = definition.inputSchema.safeParse(args);
  if (parsed.success) throw new Error(`${name} accepted ${JSON.stringify(args)}`);
  return describeInvalidInput(definition, parsed.error.issues, args);
}

describe("describeInvalidInput", () => {
  it.each<[string, ToolName, Record<string, unknown>]>([
    ["a missing date", "tp_get_workouts", { start_date: "2026-09-13" }],
    ["an impossible date (one sentence, not one per check)", "tp_get_workouts", { start_date: "2026-02-30", end_date: "2026-03-01" }],
    ["a date as a number and one as null", "tp_get_workouts", { start_date: 20260101, end_date: null }],
    ["an unknown enum value", "tp_get_workouts", { start_date: "2026-01-01", end_date: "2026-01-02", type: "done" }],
    ["an unknown key", "tp_get_workouts", { start_date: "2026-01-01", end_date: "2026-01-02", athlete_id: 1 }],
    ["a range too long", "tp_get_workouts", { start_date: "2026-01-01", end_date: "2026-04-01" }],
    ["an end before the start", "tp_get_workouts", { start_date: "2026-04-01", end_date: "2026-01-01" }],
    ["an unknown record type (a long enum, summarised)", "tp_get_peaks", { sport: "Run", pr_type: "power3min" }],
    ["a record type of the other sport", "tp_get_peaks", { sport: "Bike", pr_type: "speed5K" }],
    ["numbers out of range and fractional", "tp_get_peaks", { sport: "Bike", pr_type: "power20min", days: 30.5, limit: 51 }],
    ["an id that is not a number", "tp_get_workout", { workout_id: "abc" }],
    ["no id", "tp_get_workout", {}],
    ["a huge string", "tp_get_workout", { workout_id: "x".repeat(100_000) }],
    ["a chart that is not true or false", "tp_get_fitness", { chart: "yes" }],
  ])("%s", (_title, name, args) => {
    const text = refusal(name, args);
    expect(text.length).toBeLessThan(600);
    expect(text).toMatchSnapshot();
  });

  it("names every field at fault once, and the allowed keys for an unknown one", () => {
    const text = refusal("tp_get_workouts", { start_date: "2026-02-30", end_date: 5, kind: "x" });
    expect(text.match(/start_date/g)).toHaveLength(2); // the field, and the list of known keys
    expect(text).toContain('Unknown argument "kind": tp_get_workouts takes start_date, end_date, type');
  });
});
