/**
 * Each client method sends exactly the request the spec describes (method, host, path, query,
 * body, headers) and returns the spec's example, normalised where the SDK promises it.
 */
import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import type { OperationId } from "../../src/generated/constants.js";
import {
  createTrainingPeaksClient,
  InvalidInputError,
  type TrainingPeaksClient,
  type TrainingPeaksClientOptions,
} from "../../src/index.js";
import {
  exampleValue,
  rejectionOf,
  setupSpecServer,
  specOperation,
  TEST_BASE_URL,
  TEST_PEAKSWARE_BASE_URL,
  type RecordedRequest,
} from "../support/spec-mocks.js";
import { testClient } from "../support/test-client.js";

const api = setupSpecServer();

/** The spec's 20-minute power record, normalised: both the athlete's peaks and the workout's records hold it. */
const THRESHOLD_20MIN_RECORD = {
  id: 71002231,
  workoutId: 3300000123,
  workoutDate: "2026-09-13",
  workoutTypeId: 2,
  workoutTitle: "Threshold 3x20",
  class: "Power",
  type: "power20min",
  timeFrame: "All Time",
  value: 281,
  rank: 1,
  invalid: false,
  eventName: null,
};

const COOKIE = "fake-contract-test-cookie_abc";
const TOKEN = (exampleValue("exchangeToken") as { token: { access_token: string } }).token.access_token;
const ATHLETE_USER = exampleValue("getUser", "athlete") as { user: { userId: number; athletes: Array<{ athleteId: number }> } };
const ATHLETE_ID = ATHLETE_USER.user.userId;
const WEB_APP = "https://app.trainingpeaks.com";

function newClient(options: Partial<TrainingPeaksClientOptions> = {}): TrainingPeaksClient {
  return testClient({ cookie: COOKIE, ...options });
}

/** "/a/{x}/b" with { x: 1 } → "/a/1/b"; fails on a parameter the case forgot. */
function fillPath(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`no value for {${name}} in ${template}`);
    return encodeURIComponent(String(params[name]));
  });
}

const operationsOf = (recorded: RecordedRequest[]) => recorded.map((request) => request.operationId);

interface ClientCase {
  call: (client: TrainingPeaksClient) => Promise<unknown>;
  want: {
    operationId: OperationId;
    /** Path parameters besides athleteId. */
    path?: Record<string, string | number>;
    query?: Record<string, string>;
    body?: unknown;
    /** The result, from the operation's first 200 example. */
    result: (example: never) => unknown;
  };
}

type Row = Record<string, unknown>;
const same = (example: unknown) => example;

const cases: Array<[string, ClientCase]> = [
  ["getUser", { call: (c) => c.getUser(), want: { operationId: "getUser", result: same } }],
  [
    "getWorkouts",
    {
      call: (c) => c.getWorkouts("2026-09-13", "2026-09-19"),
      want: { operationId: "getWorkouts", path: { startDate: "2026-09-13", endDate: "2026-09-19" }, result: same },
    },
  ],
  [
    "getWorkout",
    { call: (c) => c.getWorkout(3300000123), want: { operationId: "getWorkout", path: { workoutId: 3300000123 }, result: same } },
  ],
  [
    "getWorkoutDetails",
    {
      call: (c) => c.getWorkoutDetails(3300000123),
      want: { operationId: "getWorkoutDetails", path: { workoutId: 3300000123 }, result: same },
    },
  ],
  [
    "getWorkoutLaps",
    {
      call: (c) => c.getWorkoutLaps(3300000123),
      want: { operationId: "getWorkoutLaps", path: { workoutId: 3300000123 }, result: same },
    },
  ],
  [
    "getFitness",
    {
      call: (c) => c.getFitness("2026-11-23", "2026-11-24"),
      want: {
        operationId: "getPerformanceData",
        path: { startDate: "2026-11-23", endDate: "2026-11-24" },
        body: { atlConstant: 7, atlStart: 0, ctlConstant: 42, ctlStart: 0, workoutTypes: [] },
        // Rows become days: workoutDay "2026-11-23T00:00:00" → date "2026-11-23", values kept.
        result: (rows: Row[]) => rows.map(({ workoutDay, ...values }) => ({ date: String(workoutDay).slice(0, 10), ...values })),
      },
    },
  ],
  [
    "getPeaks",
    {
      call: (c) => c.getPeaks("Bike", "power20min", "2026-01-01", "2026-11-24"),
      want: {
        operationId: "getAthletePeaks",
        path: { sport: "Bike" },
        query: { prType: "power20min", startDate: "2026-01-01T00:00:00", endDate: "2026-11-24T00:00:00" },
        result: () => [
          THRESHOLD_20MIN_RECORD,
          {
            id: 71001874,
            workoutId: 3300000045,
            workoutDate: "2026-06-02",
            workoutTypeId: 2,
            workoutTitle: "Hill repeats",
            class: "Power",
            type: "power20min",
            timeFrame: "All Time",
            value: 274,
            rank: 2,
            invalid: false,
            eventName: null,
          },
        ],
      },
    },
  ],
  [
    "getWorkoutRecords",
    {
      call: (c) => c.getWorkoutRecords(3300000123),
      want: {
        operationId: "getWorkoutPersonalRecords",
        path: { workoutId: 3300000123 },
        query: { displayPeaksForBasic: "true" },
        result: () => ({
          workoutId: 3300000123,
          calcsPending: false,
          personalRecordCount: 2,
          personalRecords: [
            THRESHOLD_20MIN_RECORD,
            {
              id: 71002232,
              workoutId: 3300000123,
              workoutDate: "2026-09-13",
              workoutTypeId: 2,
              workoutTitle: "Threshold 3x20",
              class: "HeartRate",
              type: "hR20min",
              timeFrame: "Year",
              value: 168,
              rank: 3,
              invalid: false,
              eventName: null,
            },
          ],
        }),
      },
    },
  ],
  ["getSettings", { call: (c) => c.getSettings(), want: { operationId: "getAthleteSettings", result: same } }],
  [
    "getEvents",
    {
      call: (c) => c.getEvents("2026-11-01", "2026-12-31"),
      want: { operationId: "getEvents", path: { startDate: "2026-11-01", endDate: "2026-12-31" }, result: same },
    },
  ],
  ["getFocusEvent", { call: (c) => c.getFocusEvent(), want: { operationId: "getFocusEvent", result: same } }],
  ["getNextPlannedEvent", { call: (c) => c.getNextPlannedEvent(), want: { operationId: "getNextPlannedEvent", result: same } }],
  [
    "getMetrics",
    {
      call: (c) => c.getMetrics("2026-11-24", "2026-11-24"),
      want: { operationId: "getMetrics", path: { startDate: "2026-11-24", endDate: "2026-11-24" }, result: same },
    },
  ],
  [
    "getAnnualPlan",
    {
      call: (c) => c.getAnnualPlan("2026-11-23", "2027-01-03"),
      want: { operationId: "getAnnualTrainingPlan", path: { startDate: "2026-11-23", endDate: "2027-01-03" }, result: same },
    },
  ],
  [
    "analyzeWorkout",
    {
      call: (c) => c.analyzeWorkout(3300000123),
      want: { operationId: "analyzeWorkoutSummary", body: { workoutId: 3300000123 }, result: same },
    },
  ],
  [
    "analyzeWorkoutCharts",
    {
      call: (c) => c.analyzeWorkoutCharts(3300000123),
      want: { operationId: "analyzeWorkoutCharts", body: { workoutId: 3300000123 }, result: same },
    },
  ],
  [
    "analyzeWorkoutLaps",
    {
      call: (c) => c.analyzeWorkoutLaps(3300000123),
      want: { operationId: "analyzeWorkoutLaps", body: { workoutId: 3300000123 }, result: same },
    },
  ],
  [
    "getStrengthWorkout",
    {
      call: (c) => c.getStrengthWorkout(3300000777),
      want: {
        operationId: "getStrengthWorkout",
        path: { workoutId: 3300000777 },
        result: (example: { data: unknown }) => example.data,
      },
    },
  ],
];

describe("each client method", () => {
  it.each(cases)("%s sends the request the spec describes and returns its example", async (_title, { call, want }) => {
    const mock = api.use();
    const operation = specOperation(want.operationId);
    const readsAthlete = operation.path.includes("{athleteId}");

    const result = await call(newClient());

    // The token exchange, the athlete lookup where the path needs an athlete, then the call itself.
    const expectedOperations: OperationId[] = [
      "exchangeToken",
      ...(readsAthlete && want.operationId !== "getUser" ? ["getUser" as const] : []),
      want.operationId,
    ];
    expect(operationsOf(mock.recorded)).toEqual(expectedOperations);
    const request = mock.recorded.at(-1)!;
    expect(request.method).toBe(operation.method);
    expect(request.url.origin).toBe(operation.server === "peakswaresb" ? TEST_PEAKSWARE_BASE_URL : TEST_BASE_URL);
    expect(request.url.pathname).toBe(fillPath(operation.path, { athleteId: ATHLETE_ID, ...want.path }));
    expect(Object.fromEntries(request.url.searchParams)).toEqual(want.query ?? {});
    expect(request.body).toEqual(want.body);
    expect(result).toEqual(want.result(exampleValue(want.operationId) as never));
  });

  it.each(cases)(
    "%s: cookie only on the exchange, bearer token everywhere else, web-app origin on peakswaresb",
    async (_title, { call }) => {
      const mock = api.use();
      await call(newClient());

      const [exchange, ...calls] = mock.recorded;
      expect(exchange?.operationId).toBe("exchangeToken");
      expect(exchange?.headers.get("cookie")).toBe(`Production_tpAuth=${COOKIE}`);
      expect(exchange?.headers.get("authorization")).toBeNull();
      expect(calls.length).toBeGreaterThan(0);
      for (const request of calls) {
        expect(request.headers.get("authorization"), request.operationId).toBe(`Bearer ${TOKEN}`);
        expect(request.headers.get("cookie"), request.operationId).toBeNull();
        if (request.url.origin === TEST_PEAKSWARE_BASE_URL) {
          expect(request.headers.get("origin")).toBe(WEB_APP);
          expect(request.headers.get("referer")).toBe(`${WEB_APP}/`);
        }
      }
    },
  );
});

describe("configuration", () => {
  it.each([
    [
      "TP_API_BASE_URL and TP_PEAKSWARE_BASE_URL from the env option",
      {
        given: { env: { TP_API_BASE_URL: "https://env-tpapi.test/", TP_PEAKSWARE_BASE_URL: "https://env-peakswaresb.test" } },
        want: { tpapi: "https://env-tpapi.test", peakswaresb: "https://env-peakswaresb.test" },
      },
    ],
    [
      "explicit options over the environment",
      {
        given: {
          baseUrl: "https://option-tpapi.test",
          peakswareBaseUrl: "https://option-peakswaresb.test",
          env: { TP_API_BASE_URL: "https://env-tpapi.test", TP_PEAKSWARE_BASE_URL: "https://env-peakswaresb.test" },
        },
        want: { tpapi: "https://option-tpapi.test", peakswaresb: "https://option-peakswaresb.test" },
      },
    ],
  ])("base URLs: %s", async (_title, { given, want }) => {
    const mock = api.use({ baseUrl: want.tpapi, peakswareBaseUrl: want.peakswaresb });
    const client = createTrainingPeaksClient({ cookie: COOKIE, ...given });

    await client.getWorkouts("2026-09-13", "2026-09-19");
    await client.getStrengthWorkout(3300000777);

    expect(mock.recorded.map((request) => `${request.operationId} ${request.url.origin}`)).toEqual([
      `exchangeToken ${want.tpapi}`,
      `getUser ${want.tpapi}`,
      `getWorkouts ${want.tpapi}`,
      `getStrengthWorkout ${want.peakswaresb}`,
    ]);
  });

  it.each([
    ["the athleteId option", { given: { athleteId: 3100442 } }],
    ["TP_ATHLETE_ID", { given: { env: { TP_ATHLETE_ID: "3100442" } } }],
  ])("an athlete named by %s is read without asking for the user", async (_title, { given }) => {
    const mock = api.use();
    await newClient(given).getWorkouts("2026-09-13", "2026-09-19");

    expect(operationsOf(mock.recorded)).toEqual(["exchangeToken", "getWorkouts"]);
    expect(mock.recorded[1]?.url.pathname).toBe("/fitness/v6/athletes/3100442/workouts/2026-09-13/2026-09-19");
  });

  it("an athlete account reads its own data (user.userId), not the first of `athletes`", async () => {
    const user = structuredClone(ATHLETE_USER);
    user.user.athletes = [{ ...user.user.athletes[0], athleteId: 999001 }, ...user.user.athletes];
    const mock = api.use({ overrides: { getUser: () => HttpResponse.json(user) } });

    await newClient().getSettings();

    expect(mock.recorded.at(-1)?.url.pathname).toBe(`/fitness/v1/athletes/${ATHLETE_ID}/settings`);
  });

  it("a coach account without an athlete id is refused, naming the roster, before any athlete data is read", async () => {
    const mock = api.use({ overrides: { getUser: () => HttpResponse.json(exampleValue("getUser", "coach") as never) } });

    const error = await rejectionOf(newClient().getWorkouts("2026-09-13", "2026-09-19"));

    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(/coach account/);
    expect((error as Error).message).toContain("Riley Athlete (3100442)");
    expect((error as Error).message).toContain("TP_ATHLETE_ID");
    expect(operationsOf(mock.recorded)).toEqual(["exchangeToken", "getUser"]);
  });
});

describe("input the API would refuse is refused before any request", () => {
  it.each<[string, { call: (client: TrainingPeaksClient) => Promise<unknown>; want: RegExp }]>([
    [
      "a date that does not exist",
      { call: (c) => c.getWorkouts("2026-02-30", "2026-03-01"), want: /startDate must be a real calendar date/ },
    ],
    [
      "a date in another format",
      { call: (c) => c.getEvents("2026-11-01", "01/12/2026"), want: /endDate must be a real calendar date/ },
    ],
    ["a 91-day workout range", { call: (c) => c.getWorkouts("2026-01-01", "2026-04-01"), want: /covers 91 days.*at most 90/ }],
    [
      "an end before the start",
      { call: (c) => c.getFitness("2026-03-02", "2026-03-01"), want: /endDate \(2026-03-01\) is before startDate/ },
    ],
    [
      "a record type of the other sport",
      { call: (c) => c.getPeaks("Bike", "speed5K", "2026-01-01", "2026-02-01"), want: /speed5K is not a Bike record type/ },
    ],
    ["a workout id of 0", { call: (c) => c.getWorkout(0), want: /workoutId must be a positive whole number/ }],
    ["a negative workout id", { call: (c) => c.getWorkoutRecords(-5), want: /workoutId must be a positive whole number/ }],
    ["a fractional workout id", { call: (c) => c.analyzeWorkout(1.5), want: /workoutId must be a positive whole number/ }],
    ["a workout id of NaN", { call: (c) => c.getStrengthWorkout(Number.NaN), want: /workoutId must be a positive whole number/ }],
  ])("%s", async (_title, { call, want }) => {
    const mock = api.use();

    const error = await rejectionOf(call(newClient()));

    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(want);
    expect(mock.recorded).toEqual([]);
  });

  it("a 90-day workout range is accepted", async () => {
    const mock = api.use();
    await newClient().getWorkouts("2026-01-01", "2026-03-31");
    expect(operationsOf(mock.recorded)).toContain("getWorkouts");
  });
});
