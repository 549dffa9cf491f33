import { describe, expect, it } from "vitest";
import { addDays } from "../../src/core/dates.js";
import { createDemoAthlete, createDemoFetch, demoToday } from "../../src/demo/index.js";
import { ROSTER } from "../../src/demo/roster.js";
import { PR_TYPES_BY_SPORT } from "../../src/generated/constants.js";
import { createValidator, specOperation } from "../support/spec-mocks.js";
import type { OperationId } from "../../src/generated/constants.js";

// The demo answers through the real client, so it must never drift from the spec: every answer
// it gives is validated against the operation's 200 schema.
const today = demoToday();
const athlete = createDemoAthlete({ today });
const demo = createDemoFetch({ athlete });
const validator = createValidator();
const start = addDays(today, -89);

/** Every athlete-scoped route, for each athlete of the roster (the coached ones built by the fetch itself). */
const athleteCases = ({ athleteId: id, workouts, strengthSessions }: typeof athlete): Array<[OperationId, string, string, unknown?]> => {
  const completed = workouts.filter((w) => w.totalTime != null).at(-1)!;
  const planned = workouts.find((w) => w.totalTime == null && w.tssPlanned != null)!;
  return [
    ["getWorkouts", "GET", `/fitness/v6/athletes/${id}/workouts/${addDays(today, -75)}/${addDays(today, 14)}`],
    ["getWorkout", "GET", `/fitness/v6/athletes/${id}/workouts/${completed.workoutId}`],
    ["getWorkout", "GET", `/fitness/v6/athletes/${id}/workouts/${planned.workoutId}`],
    ["getWorkoutDetails", "GET", `/fitness/v6/athletes/${id}/workouts/${completed.workoutId}/details`],
    ["getWorkoutLaps", "GET", `/fitness/v6/athletes/${id}/workouts/${completed.workoutId}/detaildata`],
    ["getPerformanceData", "POST", `/fitness/v1/athletes/${id}/reporting/performancedata/${start}/${addDays(today, 20)}`, { atlConstant: 7, atlStart: 0, ctlConstant: 42, ctlStart: 0, workoutTypes: [] }],
    ["getWorkoutPersonalRecords", "GET", `/personalrecord/v2/athletes/${id}/workouts/${completed.workoutId}?displayPeaksForBasic=true`],
    ["getAthleteSettings", "GET", `/fitness/v1/athletes/${id}/settings`],
    ["getEvents", "GET", `/fitness/v6/athletes/${id}/events/${addDays(today, -400)}/${addDays(today, 100)}`],
    ["getFocusEvent", "GET", `/fitness/v6/athletes/${id}/events/focusevent`],
    ["getNextPlannedEvent", "GET", `/fitness/v6/athletes/${id}/events/nextplannedevent`],
    ["getMetrics", "GET", `/metrics/v3/athletes/${id}/consolidatedtimedmetrics/${start}/${today}`],
    ["getAnnualTrainingPlan", "GET", `/fitness/v1/athletes/${id}/atp/${addDays(today, -200)}/${addDays(today, 60)}`],
    ["getStrengthWorkoutCalendar", "GET", `/rx/activity/v1/workouts/calendar/${id}/${addDays(today, -45)}/${addDays(today, 44)}`],
    ...strengthSessions.slice(-1).map((session): [OperationId, string, string] => ["getStrengthWorkout", "GET", `/rx/activity/v1/workouts/${session.id}`]),
    ["getCalendarNotes", "GET", `/fitness/v2/athletes/${id}/calendarNote/${addDays(today, -200)}/${addDays(today, 100)}`],
    ...(Object.entries(PR_TYPES_BY_SPORT) as Array<[string, readonly string[]]>).flatMap(([sport, types]) =>
      types.map((prType): [OperationId, string, string] => [
        "getAthletePeaks",
        "GET",
        `/personalrecord/v2/athletes/${id}/${sport}?prType=${prType}&startDate=${addDays(today, -730)}T00:00:00&endDate=${today}T00:00:00`,
      ]),
    ),
  ];
};

const coached = ROSTER.slice(1).map((persona) => createDemoAthlete({ today, persona }));
const completed = athlete.workouts.filter((w) => w.totalTime != null).at(-1)!;
const cases: Array<[OperationId, string, string, unknown?]> = [
  ["exchangeToken", "GET", "/users/v3/token"],
  ["getUser", "GET", "/users/v3/user"],
  ["analyzeWorkoutSummary", "POST", "/workout-analysis/v2/analyze/summary", { workoutId: completed.workoutId }],
  ["analyzeWorkoutCharts", "POST", "/workout-analysis/v2/analyze/charts", { workoutId: completed.workoutId }],
  ["analyzeWorkoutLaps", "POST", "/workout-analysis/v2/analyze/laps", { workoutId: completed.workoutId }],
  ...[athlete, ...coached].flatMap(athleteCases),
];

describe("every demo answer follows the spec", () => {
  it.each(cases)("%s %s %s", async (operationId, method, path, body) => {
    const response = await demo(new Request(`https://tpapi.test${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) }));
    expect(response.status).toBe(200);
    const schema = specOperation(operationId).responseSchemas["200"];
    expect(schema).toBeDefined();
    expect(validator.validate(schema!, await response.json())).toEqual([]);
  });
});
