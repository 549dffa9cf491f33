/**
 * The tools over MCP on the demo coach's other athletes (the client reading one of them, as with
 * TP_ATHLETE_ID): each answers with that athlete's own profile, sports and races.
 */
import { describe, expect, it } from "vitest";
import { createTrainingPeaksClient } from "../../src/client/client.js";
import { CYCLIST, RUNNER, TRIATHLETE } from "../../src/demo/roster.js";
import { textOf } from "../support/mcp.js";
import { setupToolCalls } from "../support/tool-calls.js";

const TODAY = "2026-11-20";
const tools = setupToolCalls(TODAY);
const readAs = (athleteId?: number) => tools.start({}, { client: createTrainingPeaksClient({ demo: true, today: TODAY, athleteId }), today: TODAY });

type Json = Record<string, unknown>;

describe("the demo's coached athletes over MCP", () => {
  it.each([
    [RUNNER.athleteId, { name: "Zoë Lindqvist", time_zone: "America/Los_Angeles", account_type: "premium" }, ["Run"]],
    [CYCLIST.athleteId, { name: "Sam Okafor", time_zone: "Australia/Sydney", account_type: "basic" }, ["All sports", "Bike"]],
    [undefined, { name: "Alex Rivera", time_zone: "Europe/Amsterdam", account_type: "premium" }, ["All sports", "Swim", "Bike", "Run"]],
  ])("athlete %s: profile with their own time zone, account and zones", async (athleteId, who, sports) => {
    await readAs(athleteId);
    const result = await tools.call("tp_get_athlete_profile");
    expect(result.isError, textOf(result)).toBeFalsy();
    const answer = result.structuredContent as Json & { sports: Array<Json & { sport: string }> };
    expect(answer).toMatchObject({ athlete_id: athleteId ?? TRIATHLETE.athleteId, ...who });
    expect(answer.sports.map((s) => s.sport).sort()).toEqual([...sports].sort());
    if (athleteId === RUNNER.athleteId) expect(answer.sports.every((s) => s.power === undefined && s.heart_rate === undefined)).toBe(true);
  });

  it.each([
    [RUNNER.athleteId, ["Day Off", "Run", "Strength"], "RoadRunning"],
    [CYCLIST.athleteId, ["Bike", "Day Off"], "RoadCycling"],
  ])("athlete %i: their own workouts and races", async (athleteId, sports, eventType) => {
    await readAs(athleteId);
    const workouts = (await tools.call("tp_get_workouts", { start_date: "2026-10-01", end_date: "2026-11-30" })).structuredContent as { workouts: Array<{ workout_id: number; sport: string }> };
    expect([...new Set(workouts.workouts.map((w) => w.sport))].sort()).toEqual(sports);
    expect(workouts.workouts.every((w) => Math.floor((w.workout_id - 3_000_000_000) / 100_000_000) === (athleteId === RUNNER.athleteId ? 1 : 2))).toBe(true);
    const events = (await tools.call("tp_get_events")).structuredContent as { focus_event: { type: string; priority: string } };
    expect(events.focus_event).toMatchObject({ type: eventType, priority: "A" });
  });
});
