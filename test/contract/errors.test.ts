/**
 * Every way a data call can fail ends in one error family (TpError) with the right code: never a
 * crash, a TypeError or a SyntaxError. The answers fail on every attempt, so a transport that
 * retries (a bounded number of times) still ends in the same error.
 */
import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import {
  NotFoundError,
  RateLimitError,
  TpError,
  UpstreamError,
  type TpErrorCode,
  type TrainingPeaksClient,
} from "../../src/index.js";
import type { OperationId } from "../../src/generated/constants.js";
import {
  rejectionOf,
  setupSpecServer,
  type OperationResolver,
} from "../support/spec-mocks.js";
import { noWait, testClient } from "../support/test-client.js";

const api = setupSpecServer();

/** The client as shipped, except that waits before retries return at once. */
function newClient(): TrainingPeaksClient {
  return testClient({ cookie: "V001errors-test-cookie", athleteId: 2400117, transport: { sleep: noWait } });
}

const json =
  (body: unknown, status: number, headers: Record<string, string> = {}) =>
  () =>
    HttpResponse.json(body as never, { status, headers });

interface ErrorCase {
  given: OperationResolver;
  want: { type: new (...args: never[]) => TpError; code: TpErrorCode; status?: number; message: RegExp };
}

// Written for getWorkout; the message checks use the operation's name where the client gives it.
const cases: Array<[string, ErrorCase]> = [
  [
    "404",
    {
      given: json({ message: "Not found." }, 404),
      want: { type: NotFoundError, code: "not_found", status: 404, message: /found no such item while reading the workout/ },
    },
  ],
  [
    "429 with Retry-After: 30",
    {
      given: json({ message: "Too many requests." }, 429, { "Retry-After": "30" }),
      want: { type: RateLimitError, code: "rate_limited", status: 429, message: /rate-limiting/ },
    },
  ],
  [
    "400",
    {
      given: json({ message: "The date range must not exceed 90 days." }, 400),
      want: { type: UpstreamError, code: "upstream", status: 400, message: /while reading the workout \(400/ },
    },
  ],
  [
    "500",
    {
      given: json({ message: "An error has occurred." }, 500),
      want: { type: UpstreamError, code: "upstream", status: 500, message: /while reading the workout \(500/ },
    },
  ],
  ["503", { given: json({}, 503), want: { type: UpstreamError, code: "upstream", status: 503, message: /^Reading the workout failed after 4 attempts: TrainingPeaks answered 503/ } }],
  [
    "200 with an HTML page",
    {
      given: () => HttpResponse.html("<!DOCTYPE html><html><head><title>Sign in</title></head></html>"),
      want: { type: UpstreamError, code: "upstream", message: /a web page instead of data while reading the workout/ },
    },
  ],
  [
    "200 with truncated JSON",
    {
      given: () =>
        new Response('{"workoutId": 3300000123, "title": "Thresh', { headers: { "Content-Type": "application/json" } }),
      want: { type: UpstreamError, code: "upstream", message: /malformed JSON while reading the workout/ },
    },
  ],
  [
    "a network failure",
    { given: () => HttpResponse.error(), want: { type: UpstreamError, code: "upstream", message: /^Reading the workout failed after 4 attempts: could not reach tpapi\.test/ } },
  ],
];

describe("a failing data call", () => {
  it.each(cases)("%s", async (_title, { given, want }) => {
    const mock = api.use({ overrides: { getWorkout: given } });

    const error = await rejectionOf(newClient().getWorkout(3300000123));

    expect(error).toBeInstanceOf(TpError);
    expect(error).toBeInstanceOf(want.type);
    expect(error).toMatchObject({ code: want.code, operation: "getWorkout" });
    if (want.status !== undefined) expect((error as TpError).status).toBe(want.status);
    expect((error as Error).message).toMatch(want.message);
    // Retries, if any, are bounded.
    const attempts = mock.recorded.filter((request) => request.operationId === "getWorkout").length;
    expect(attempts).toBeGreaterThanOrEqual(1);
    expect(attempts).toBeLessThanOrEqual(5);
  });

  it("429 with Retry-After: 30 says when to retry: about 30 s from now", async () => {
    api.use({ overrides: { getWorkout: json({ message: "Too many requests." }, 429, { "Retry-After": "30" }) } });

    const before = Date.now();
    const error = await rejectionOf(newClient().getWorkout(3300000123));
    const after = Date.now();

    expect(error).toBeInstanceOf(RateLimitError);
    const retryAt = (error as RateLimitError).retryAt?.getTime();
    expect(retryAt).toBeGreaterThanOrEqual(before + 30_000);
    expect(retryAt).toBeLessThanOrEqual(after + 30_000);
  });
});

// The same failures on every kind of call: tpapi and peakswaresb, GET and POST, and the calls
// whose empty answer is legitimate (focus event).
describe.each<[string, { operationId: OperationId; call: (client: TrainingPeaksClient) => Promise<unknown> }]>([
  ["getWorkouts", { operationId: "getWorkouts", call: (c) => c.getWorkouts("2026-09-13", "2026-09-19") }],
  ["getFitness (POST)", { operationId: "getPerformanceData", call: (c) => c.getFitness("2026-11-23", "2026-11-24") }],
  ["getFocusEvent", { operationId: "getFocusEvent", call: (c) => c.getFocusEvent() }],
  ["getNextPlannedEvent", { operationId: "getNextPlannedEvent", call: (c) => c.getNextPlannedEvent() }],
  ["analyzeWorkout (peakswaresb POST)", { operationId: "analyzeWorkoutSummary", call: (c) => c.analyzeWorkout(3300000123) }],
  ["getStrengthWorkout (peakswaresb)", { operationId: "getStrengthWorkout", call: (c) => c.getStrengthWorkout(3300000123) }],
])("%s", (_title, { operationId, call }) => {
  it.each<[string, OperationResolver, TpErrorCode]>([
    ["404", json({}, 404), "not_found"],
    ["503", json({}, 503), "upstream"],
    ["200 with an HTML page", () => HttpResponse.html("<html><body>Sign in</body></html>"), "upstream"],
    ["200 with truncated JSON", () => new Response('[{"id": 1', { headers: { "Content-Type": "application/json" } }), "upstream"],
    ["a network failure", () => HttpResponse.error(), "upstream"],
  ])("%s → a TpError naming the operation", async (_answer, given, code) => {
    api.use({ overrides: { [operationId]: given } });

    const error = await rejectionOf(call(newClient()));

    expect(error).toBeInstanceOf(TpError);
    expect(error).toMatchObject({ code, operation: operationId });
  });
});
