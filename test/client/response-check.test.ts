/**
 * The client's check of each answer (Ajv validators compiled by `npm run generate`) against the
 * zod schemas the doctor uses, generated from the same spec: on every demo answer, and on the same
 * answers with one value anywhere replaced by another JSON value, both must agree.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerMayBeNull, assertShape } from "../../src/client/response-check.js";
import { addDays } from "../../src/core/dates.js";
import { createDemoAthlete, createDemoFetch, demoToday } from "../../src/demo/index.js";
import type { OperationId } from "../../src/generated/constants.js";
import { responseSchemas } from "../../src/generated/responses.js";
import { isTpError } from "../../src/index.js";

const today = demoToday();
const athlete = createDemoAthlete({ today });
const demo = createDemoFetch({ athlete });
const id = athlete.athleteId;
const completed = athlete.workouts.filter((w) => w.totalTime != null).at(-1)!;
const start = addDays(today, -89);

const routes: Array<[OperationId, string, unknown?]> = [
  ["exchangeToken", "/users/v3/token"],
  ["getUser", "/users/v3/user"],
  ["analyzeWorkoutLaps", "/workout-analysis/v2/analyze/laps", { workoutId: completed.workoutId }],
  ["getWorkouts", `/fitness/v6/athletes/${id}/workouts/${addDays(today, -30)}/${addDays(today, 7)}`],
  ["getWorkout", `/fitness/v6/athletes/${id}/workouts/${completed.workoutId}`],
  ["getWorkoutDetails", `/fitness/v6/athletes/${id}/workouts/${completed.workoutId}/details`],
  ["getPerformanceData", `/fitness/v1/athletes/${id}/reporting/performancedata/${addDays(today, -20)}/${today}`, { atlConstant: 7, atlStart: 0, ctlConstant: 42, ctlStart: 0, workoutTypes: [] }],
  ["getWorkoutPersonalRecords", `/personalrecord/v2/athletes/${id}/workouts/${completed.workoutId}?displayPeaksForBasic=true`],
  ["getAthleteSettings", `/fitness/v1/athletes/${id}/settings`],
  ["getEvents", `/fitness/v6/athletes/${id}/events/${addDays(today, -200)}/${addDays(today, 100)}`],
  ["getMetrics", `/metrics/v3/athletes/${id}/consolidatedtimedmetrics/${start}/${today}`],
  ["getAnnualTrainingPlan", `/fitness/v1/athletes/${id}/atp/${addDays(today, -100)}/${addDays(today, 60)}`],
  ["getCalendarNotes", `/fitness/v2/athletes/${id}/calendarNote/${addDays(today, -200)}/${addDays(today, 100)}`],
  ["getAthletePeaks", `/personalrecord/v2/athletes/${id}/Bike?prType=power20min&startDate=${addDays(today, -365)}T00:00:00&endDate=${today}T00:00:00`],
];

async function demoAnswer(path: string, body: unknown): Promise<unknown> {
  const response = await demo(new Request(`https://tpapi.test${path}`, { method: body ? "POST" : "GET", body: body ? JSON.stringify(body) : undefined }));
  expect(response.status).toBe(200);
  return response.json();
}

async function accepted(operation: OperationId, body: unknown): Promise<boolean> {
  try {
    await assertShape(operation, body);
    return true;
  } catch (error) {
    if (isTpError(error) && error.code === "upstream") return false;
    throw error;
  }
}

/** Every place in a JSON value, as a path of keys (the top level is []). */
function placesOf(value: unknown, path: PropertyKey[] = []): PropertyKey[][] {
  const places = [path];
  if (Array.isArray(value)) value.slice(0, 3).forEach((item, index) => places.push(...placesOf(item, [...path, index])));
  else if (value !== null && typeof value === "object") for (const [key, item] of Object.entries(value)) places.push(...placesOf(item, [...path, key]));
  return places;
}

function replaced(value: unknown, path: readonly PropertyKey[], by: unknown): unknown {
  if (path.length === 0) return by;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<PropertyKey, unknown>;
  copy[path[0]!] = replaced(copy[path[0]!], path.slice(1), by);
  return copy;
}

// Integers beyond 2^53 are left out: JSON.parse cannot hold them exactly, and zod refuses them where Ajv does not.
const jsonValue = fc.jsonValue({ maxDepth: 2 }).filter((value) => !JSON.stringify(value).match(/\d{16,}|e\+/));

describe("the answer check", () => {
  it.each(routes)("agrees with the spec's zod schema on %s, as the demo answers and with any one value replaced", async (operation, path, body) => {
    const answer = await demoAnswer(path, body);
    expect(await accepted(operation, answer)).toBe(true);
    const zod = responseSchemas[operation]();
    const places = placesOf(answer);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: places.length - 1 }), jsonValue, async (index, value) => {
        const mutated = replaced(answer, places[index]!, value);
        expect(await accepted(operation, mutated)).toBe(zod.safeParse(mutated).success);
      }),
      { numRuns: 150 },
    );
  });

  it("names the field and what the spec expects there, never the value", async () => {
    const day = "2026-01-01T00:00:00";
    const message = async (operation: OperationId, body: unknown) =>
      assertShape(operation, body).then(
        () => "accepted",
        (error: Error) => error.message,
      );
    expect(await message("getWorkouts", [{ workoutId: 1, workoutDay: day, totalTime: "V001x" }])).toMatch(
      /^TrainingPeaks answered in a shape this version does not understand while reading your workouts \(\[0\]\.totalTime: expected number or null\); the API may have changed\. Please report it with this message\.$/,
    );
    expect(await message("getWorkouts", [{ workoutId: 1.5, workoutDay: day }])).toContain("([0].workoutId: expected integer)");
    expect(await message("getWorkouts", [{ workoutDay: day }])).toContain("([0].workoutId: expected a value, found none)");
    expect(await message("getWorkouts", [{ workoutId: 1, workoutDay: "V001x" }])).toContain("([0].workoutDay: expected a string in the spec's format)");
    expect(await message("getWorkouts", { data: [] })).toContain("(the top level: expected array)");
    expect(await message("getUser", { user: { userId: 5 }, accountStatus: { isCoach: "V001x" } })).toContain("(accountStatus.isCoach: expected boolean or null)");
    expect(await message("getWorkouts", [{ workoutId: 1, workoutDay: day, totalTime: 1.5 }])).toBe("accepted");
    for (const text of [await message("getWorkouts", [{ workoutId: 1, workoutDay: "V001x" }])]) expect(text).not.toContain("V001x");
  });

  it("knows which answers may be null", async () => {
    expect(await answerMayBeNull("getFocusEvent")).toBe(true);
    expect(await answerMayBeNull("getWorkouts")).toBe(false);
  });

  it("leaves the answer as it was (no copy made, nothing changed)", async () => {
    const answer = await demoAnswer(routes[3]![1], undefined);
    const before = JSON.stringify(answer);
    await assertShape("getWorkouts", Object.freeze(answer));
    expect(JSON.stringify(answer)).toBe(before);
  });
});
