/**
 * Where sources disagree about a shape ([conflict] in the API notes), every variant parses to the
 * same result, and calendar dates are never shifted through UTC, whatever the machine's zone.
 */
import { HttpResponse } from "msw";
import { afterEach, describe, expect, it } from "vitest";
import { localDate, type FitnessDay, type TrainingPeaksClient } from "../../src/index.js";
import { exampleValue, setupSpecServer } from "../support/spec-mocks.js";
import { testClient } from "../support/test-client.js";

const api = setupSpecServer();

function newClient(): TrainingPeaksClient {
  return testClient({ cookie: "fake-variants-test-cookie", athleteId: 2400117 });
}

/** What the client makes of `body` when the operation answers with it. */
async function parsed<T>(
  operationId: "getPerformanceData" | "getWorkout" | "getAthletePeaks" | "getWorkouts",
  body: unknown,
  call: (client: TrainingPeaksClient) => Promise<T>,
): Promise<T> {
  api.use({ overrides: { [operationId]: () => HttpResponse.json(body as never) } });
  return call(newClient());
}

const fitness = (body: unknown) => parsed("getPerformanceData", body, (c) => c.getFitness("2026-11-23", "2026-11-24"));
const workout = (body: unknown) => parsed("getWorkout", body, (c) => c.getWorkout(3300000123));
const peaks = (body: unknown) =>
  parsed("getAthletePeaks", body, (c) => c.getPeaks("Bike", "power20min", "2026-01-01", "2026-11-24"));
const workouts = (body: unknown) => parsed("getWorkouts", body, (c) => c.getWorkouts("2026-11-23", "2026-11-24"));

type Row = Record<string, unknown>;
const BARE_ROWS = exampleValue("getPerformanceData", "bareArray") as Row[];
const NAN_ROWS = (exampleValue("getPerformanceData", "wrappedWithNaN") as { data: Row[] }).data;

describe("performance data", () => {
  const expected: FitnessDay[] = [
    { date: "2026-11-23", tssActual: 92.4, tssPlanned: 85, ctl: 71.36, atl: 84.02, tsb: -11.9, ifActual: 0.81, ifPlanned: 0.8 },
    { date: "2026-11-24", tssActual: 0, tssPlanned: 0, ctl: 69.66, atl: 72.02, tsb: -12.66, ifActual: null, ifPlanned: null },
  ];

  it.each([
    ["a bare array", { given: BARE_ROWS }],
    ["{ data: [...] }", { given: { data: BARE_ROWS } }],
    ["rows in another order", { given: [...BARE_ROWS].reverse() }],
  ])("as %s gives the same days", async (_title, { given }) => {
    expect(await fitness(given)).toEqual(expected);
  });

  it.each([
    ["{ data: [...] }", { given: { data: NAN_ROWS } }],
    ["a bare array", { given: NAN_ROWS }],
  ])('"NaN" values become null (%s)', async (_title, { given }) => {
    expect(await fitness(given)).toEqual([
      {
        date: "2026-11-24",
        tssActual: null,
        tssPlanned: null,
        ctl: 69.66,
        atl: 72.02,
        tsb: -12.66,
        ifActual: null,
        ifPlanned: null,
      },
    ]);
  });
});

describe("a single workout", () => {
  const completed = exampleValue("getWorkout", "completed") as Row;
  const [planned] = exampleValue("getWorkout", "wrappedInArray") as Row[];

  it.each([
    ["the completed example", { given: completed }],
    ["the planned example", { given: planned! }],
  ])("as an object or a one-element array is the same workout (%s)", async (_title, { given }) => {
    const fromObject = await workout(given);
    const fromArray = await workout([given]);
    expect(fromObject).toEqual(given);
    expect(fromArray).toEqual(fromObject);
  });
});

describe("a record's timeFrame", () => {
  const [record] = exampleValue("getAthletePeaks", "power20min") as Row[];

  it.each([
    ["a string", { given: "All Time" }],
    ["{ name }", { given: { name: "All Time" } }],
    ["{ name, … } with more keys", { given: { name: "All Time", id: 1, startDate: null } }],
  ])("as %s reads as the name", async (_title, { given }) => {
    const [parsedRecord] = await peaks([{ ...record, timeFrame: given }]);
    expect(parsedRecord?.timeFrame).toBe("All Time");
  });

  it("null stays null", async () => {
    const [parsedRecord] = await peaks([{ ...record, timeFrame: null }]);
    expect(parsedRecord?.timeFrame).toBeNull();
  });
});

describe("no focus event or next event", () => {
  it.each([
    ["null", () => HttpResponse.json(null)],
    ["an empty body", () => new HttpResponse(null, { status: 200 })],
    ["204 No Content", () => new HttpResponse(null, { status: 204 })],
  ])("answered as %s is null", async (_title, answer) => {
    api.use({ overrides: { getFocusEvent: answer, getNextPlannedEvent: answer } });
    const client = newClient();
    expect(await client.getFocusEvent()).toBeNull();
    expect(await client.getNextPlannedEvent()).toBeNull();
  });
});

describe("calendar dates, in any machine time zone", () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  // West of UTC a "Z" midnight is the previous evening; east of UTC+12 it is the next morning.
  const zones = ["UTC", "America/Los_Angeles", "Pacific/Pago_Pago", "Asia/Tokyo", "Pacific/Kiritimati"];
  const days = ["2026-11-24T00:00:00", "2026-11-24T00:00:00Z"];

  it.each(zones.flatMap((zone) => days.map((day) => [zone, day] as const)))("TZ=%s: %s is 2026-11-24", async (zone, day) => {
    process.env.TZ = zone;
    const [fitnessDay] = await fitness([{ ...BARE_ROWS[1], workoutDay: day }]);
    const [record] = await peaks([{ ...(exampleValue("getAthletePeaks") as Row[])[0], workoutDate: day }]);
    const [listed] = await workouts([{ ...(exampleValue("getWorkouts") as Row[])[0], workoutDay: day }]);

    expect(fitnessDay?.date).toBe("2026-11-24");
    expect(record?.workoutDate).toBe("2026-11-24");
    // Workouts keep the API's string; localDate is the SDK's way to read its day.
    expect(listed?.workoutDay).toBe(day);
    expect(localDate(listed?.workoutDay)).toBe("2026-11-24");
  });

  it("the zones above do shift a date read through Date (so the test above can fail)", () => {
    const throughDate = zones.map((zone) => {
      process.env.TZ = zone;
      return [new Date("2026-11-24T00:00:00Z").getDate(), new Date("2026-11-24T00:00:00").toISOString().slice(0, 10)];
    });
    expect(throughDate).toEqual([
      [24, "2026-11-24"],
      [23, "2026-11-24"],
      [23, "2026-11-24"],
      [24, "2026-11-23"],
      [24, "2026-11-23"],
    ]);
  });
});
