/**
 * Property-based and adversarial tests of the five tools over the MCP protocol: the SDK's real
 * Client ↔ the real server (in-memory transport) ↔ the TrainingPeaks client ↔ msw (spec examples).
 *
 * Every generated call is judged by an oracle written here, independently of the zod schemas
 * (`problems()`): it says whether the arguments are valid and, if not, which fields are at fault.
 * For each call the properties are:
 *   - it resolves with a well-formed CallToolResult (text content; never a transport error);
 *   - refused ⇔ the oracle finds a problem; a refusal is `isError` with a message naming an
 *     offending field, and no request reached the mock (token exchange and user lookup included);
 *   - an answer validates against the tool's outputSchema and echoes what was asked;
 *   - nothing is logged as an internal error, the caller's arguments are not mutated;
 * and after each property: the server still answers a valid call, and no prototype was polluted.
 *
 * Arguments that are not an object (array, null, string, number) never reach the tool: the SDK's
 * request schema refuses them with a JSON-RPC error, which the client call rejects with (asserted
 * precisely below).
 */
import { McpError, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PR_TYPES_BY_SPORT } from "../../src/generated/constants.js";
import { toolDefinitions, type ToolName } from "../../src/generated/tools.js";
import { textOf } from "../support/mcp.js";
import { setupSpecServer, type RecordedRequest } from "../support/spec-mocks.js";
import { connect, recordingLogger, testClient, TODAY, type Session } from "./harness.js";

const mock = setupSpecServer();
const NUM_RUNS = 150;
const TOOL_NAMES = Object.keys(toolDefinitions) as ToolName[];
const HUGE = 100_000;

let session: Session;
let recorded: RecordedRequest[];
let logger: ReturnType<typeof recordingLogger>;

beforeEach(async () => {
  recorded = mock.use().recorded;
  logger = recordingLogger();
  // No pacing: a property sends hundreds of requests, and pacing is tested elsewhere.
  session = await connect({ client: testClient({ transport: { requestsPerMinute: Infinity, maxRetries: 0 } }), logger });
});
afterEach(async () => {
  await session.close();
  expect(logger.errors).toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// Prototype pollution: nothing generated here may change the shared prototypes.

const prototypeSnapshot = () =>
  [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((proto) => Reflect.ownKeys(proto).map(String).sort());
let prototypesBefore: string[][];
beforeAll(() => {
  prototypesBefore = prototypeSnapshot();
});
function expectNoPollution() {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  expect(prototypeSnapshot()).toEqual(prototypesBefore);
}
afterAll(() => expectNoPollution());

// ---------------------------------------------------------------------------------------------
// The oracle: calendar arithmetic and the tools' rules, written independently of src/.

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcDay(year: number, month: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, years 0–99 stay themselves
  return date;
}

function isRealDate(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const match = DATE_SHAPE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = utcDay(year, month, day);
  // The tools take dates from 1970 on (ToolDate in the spec).
  return year >= 1970 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const dayIndex = (date: string) => utcDay(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))).getTime() / 86_400_000;
const addDays = (date: string, days: number) => new Date((dayIndex(date) + days) * 86_400_000).toISOString().slice(0, 10);
const isIntIn = (value: unknown, min: number, max: number) => typeof value === "number" && Number.isSafeInteger(value) && value >= min && value <= max;

const FIELDS: Record<ToolName, string[]> = {
  tp_get_workouts: ["start_date", "end_date", "type"],
  tp_get_workout: ["workout_id"],
  tp_get_peaks: ["sport", "pr_type", "days"],
  tp_get_fitness: ["days", "end_date"],
  tp_get_workout_prs: ["workout_id"],
};
const WORKOUT_TYPES = ["all", "completed", "planned"];
const SPORTS = Object.keys(PR_TYPES_BY_SPORT) as Array<keyof typeof PR_TYPES_BY_SPORT>;
const ALL_PR_TYPES = [...new Set(Object.values(PR_TYPES_BY_SPORT).flat())];

type Args = Record<string, unknown>;
const has = (args: Args, key: string) => Object.hasOwn(args, key);

/**
 * The fields at fault (empty: the call must succeed). An own `__proto__` key is not a fault: the
 * SDK's request schema (zod record) drops it before the tool sees the arguments.
 */
function problems(name: ToolName, args: Args): string[] {
  const found = Object.keys(args).filter((key) => key !== "__proto__" && !FIELDS[name].includes(key));
  const requireDate = (key: string) => {
    if (!isRealDate(args[key])) found.push(key);
  };
  switch (name) {
    case "tp_get_workouts": {
      requireDate("start_date");
      requireDate("end_date");
      if (has(args, "type") && !WORKOUT_TYPES.includes(args.type as string)) found.push("type");
      if (isRealDate(args.start_date) && isRealDate(args.end_date)) {
        const days = dayIndex(args.end_date) - dayIndex(args.start_date) + 1;
        if (days < 1 || days > 90) found.push("end_date");
      }
      break;
    }
    case "tp_get_workout":
    case "tp_get_workout_prs":
      if (!isIntIn(args.workout_id, 1, Number.MAX_SAFE_INTEGER)) found.push("workout_id");
      break;
    case "tp_get_peaks": {
      const sportOk = SPORTS.includes(args.sport as never);
      const typeOk = ALL_PR_TYPES.includes(args.pr_type as never);
      if (!sportOk) found.push("sport");
      if (!typeOk) found.push("pr_type");
      if (sportOk && typeOk && !(PR_TYPES_BY_SPORT[args.sport as (typeof SPORTS)[number]] as readonly string[]).includes(args.pr_type as string)) {
        found.push("pr_type");
      }
      if (has(args, "days") && !isIntIn(args.days, 1, 3650)) found.push("days");
      break;
    }
    case "tp_get_fitness":
      if (has(args, "days") && !isIntIn(args.days, 1, 365)) found.push("days");
      if (has(args, "end_date")) requireDate("end_date");
      break;
  }
  return found;
}

/** A message names a field when it contains it as is or JSON-quoted (zod quotes unknown keys). */
const mentions = (text: string, field: string) => text.includes(field) || text.includes(JSON.stringify(field));

// ---------------------------------------------------------------------------------------------
// Calling and judging.

const isJsonValue = (value: unknown): boolean => {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonValue);
  if (typeof value === "object") return Object.values(value).every(isJsonValue);
  return false;
};

async function callTool(name: string, args: unknown) {
  const before = recorded.length;
  const result = (await session.client.callTool({ name, arguments: args as Args })) as CallToolResult;
  return { result, sent: recorded.slice(before), text: textOf(result) };
}

function expectWellFormed(result: CallToolResult) {
  expect(Array.isArray(result.content)).toBe(true);
  expect(result.content.length).toBeGreaterThan(0);
  for (const item of result.content) {
    expect(item.type).toBe("text");
    expect(typeof (item as { text?: unknown }).text).toBe("string");
  }
}

/** What the answer to a valid call must echo, and what its request must carry. */
function expectAnswerFits(name: ToolName, args: Args, structured: Record<string, unknown>, sent: RecordedRequest[]) {
  const apiCalls = sent.filter((r) => r.operationId !== "exchangeToken" && r.operationId !== "getUser");
  switch (name) {
    case "tp_get_workouts":
      expect(structured).toMatchObject({ start_date: args.start_date, end_date: args.end_date, type: args.type ?? "all" });
      expect(apiCalls.map((r) => r.url.pathname)).toEqual([`/fitness/v6/athletes/2400117/workouts/${String(args.start_date)}/${String(args.end_date)}`]);
      break;
    case "tp_get_workout":
    case "tp_get_workout_prs":
      expect(apiCalls.length).toBeGreaterThan(0);
      for (const request of apiCalls) expect(request.url.pathname).toContain(`/workouts/${String(args.workout_id)}`);
      break;
    case "tp_get_peaks": {
      const days = (args.days as number | undefined) ?? 365;
      expect(structured).toMatchObject({ sport: args.sport, pr_type: args.pr_type, end_date: TODAY, start_date: addDays(TODAY, -(days - 1)) });
      expect(apiCalls.map((r) => r.url.searchParams.get("prType"))).toEqual([args.pr_type]);
      break;
    }
    case "tp_get_fitness": {
      const end = (args.end_date as string | undefined) ?? TODAY;
      const days = (args.days as number | undefined) ?? 90;
      expect(structured).toMatchObject({ end_date: end, start_date: addDays(end, -(days - 1)) });
      expect(apiCalls.map((r) => r.operationId)).toEqual(["getPerformanceData"]);
      break;
    }
  }
}

/** The property every generated call must satisfy. */
async function checkCall(name: ToolName, args: Args) {
  const snapshot = JSON.stringify(args);
  const { result, sent, text } = await callTool(name, args);
  expectWellFormed(result);
  expect(JSON.stringify(args), "the caller's arguments were changed").toBe(snapshot);
  const faults = problems(name, args);
  if (faults.length > 0) {
    expect(result.isError, `expected a refusal (${faults.join(", ")}), got: ${text.slice(0, 300)}`).toBe(true);
    expect(text.trim()).not.toBe("");
    expect(result.structuredContent).toBeUndefined();
    expect(sent, "a refused call sent requests").toEqual([]);
    expect(
      faults.some((field) => mentions(text, field)),
      `the refusal names none of ${faults.map((f) => JSON.stringify(f.slice(0, 40))).join(", ")}: ${text.slice(0, 300)}`,
    ).toBe(true);
  } else {
    expect(result.isError, `a valid call was refused: ${text.slice(0, 300)}`).toBeFalsy();
    const structured = toolDefinitions[name].outputSchema.parse(result.structuredContent) as Record<string, unknown>;
    expectAnswerFits(name, args, structured, sent);
  }
  return { faults, result };
}

/** A known-good call: the server is still up and answering through to the API. */
async function expectServerUp() {
  const { result, sent } = await callTool("tp_get_workout_prs", { workout_id: 3300000123 });
  expect(result.isError).toBeFalsy();
  expect(result.structuredContent).toMatchObject({ workout_id: 3300000123, status: "ready" });
  expect(sent.map((r) => r.operationId)).toContain("getWorkoutPersonalRecords");
}

// ---------------------------------------------------------------------------------------------
// Generators.

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const POLLUTERS = ["__proto__", "constructor", "prototype"];

/** Own properties, `__proto__` included (an object literal's `__proto__:` would set the prototype instead). */
function withOwn(base: Args, key: string, value: unknown): Args {
  const copy: Args = { ...base };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}
const without = (base: Args, key: string): Args => Object.fromEntries(Object.entries(base).filter(([k]) => k !== key));

const validDate = fc
  .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const edgeDate = fc.constantFrom("2024-02-29", "2000-02-29", "2026-12-31", "2026-01-01", "2026-11-25", "2099-12-31");
const badDateString = fc.oneof(
  fc.constantFrom(
    "2026-02-30", "2025-13-01", "2026-00-10", "2026-04-31", "2025-02-29", "1900-02-29", "2026-01-00", "2026-01-32",
    "2026-01-01T00:00:00", "2026-01-01T00:00:00Z", "2026-01-01 00:00", "2026-01-01 ", " 2026-01-01", "2026-01-01\n",
    "2026-1-1", "26-01-01", "2026/01/01", "01/03/2026", "20260101", "+02026-01-01", "２０２６-01-01", "", "null", "today",
  ),
  fc.constant("2026-01-01".padEnd(HUGE, "x")),
  fc.constant("9".repeat(HUGE)),
  validDate.map((d) => `${d}T12:00:00`),
  validDate.map((d) => ` ${d}`),
);
/** JSON values of the wrong type (and the number edge cases JSON can carry). */
const nonString = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -0, 1, -1, 1.5, 1e308, -1e308, 5e-324, MAX_SAFE + 1, [], {}, ["2026-01-01"], { polluted: "yes" }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);
const anyDate = fc.oneof({ weight: 3, arbitrary: validDate }, edgeDate, badDateString, fc.string({ maxLength: 20 }), nonString);

const validId = fc.oneof(fc.integer({ min: 1, max: MAX_SAFE }), fc.constantFrom(1, 2, 3300000123, MAX_SAFE));
const anyId = fc.oneof(
  { weight: 2, arbitrary: validId },
  fc.constantFrom<unknown>(0, -0, -1, 1.5, 0.999, 1e308, -1e308, 5e-324, MAX_SAFE + 1, 2 ** 53 + 2, 1e21, "1", "3300000123", "0x10", "1e3", "", "abc", "9".repeat(HUGE)),
  fc.integer({ min: -1e6, max: 0 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  nonString,
);
const anyDays = (max: number) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.integer({ min: 1, max }) },
    fc.constantFrom<unknown>(1, max, 0, -0, -1, max + 1, 1.5, 1e308, -1e308, 5e-324, "30", "", "9".repeat(HUGE)),
    fc.integer({ min: -10_000, max: 10_000 }),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -10_000, max: 10_000 }),
    nonString,
  );
const adversarialText = fc.oneof(
  fc.constantFrom("", " ", "__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "null", "x".repeat(HUGE)),
  fc.string({ maxLength: 20 }),
  nonString,
);
const anySport = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SPORTS) }, fc.constantFrom("Swim", "bike", "RUN", "Bike ", "Strength"), adversarialText);
const anyPrType = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ALL_PR_TYPES) },
  fc.constantFrom("power3min", "POWER5SEC", "power5sec ", "hr5sec", "speed5k", "speed100K"),
  adversarialText,
);
const anyWorkoutType = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...WORKOUT_TYPES) }, fc.constantFrom("All", "done", "completed "), adversarialText);
const extraKey = fc.oneof(
  fc.constantFrom("athlete", "athleteId", "workoutId", "startDate", "Start_Date", "start_date ", "type", "days", "end_date", "sport"),
  fc.constantFrom(...POLLUTERS, "toString", "hasOwnProperty", "valueOf", "__defineGetter__", "isPrototypeOf"),
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.constant("k".repeat(HUGE)),
);
const extraValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant({ polluted: "yes" }), fc.constant({ prototype: { polluted: "yes" } }));

/** Valid arguments (with optional fields sometimes left out). */
const validArgs: Record<ToolName, fc.Arbitrary<Args>> = {
  tp_get_workouts: fc
    .record({
      start: fc.oneof(validDate, edgeDate),
      // days - 1, clustered at the limits
      span: fc.oneof(fc.integer({ min: 0, max: 89 }), fc.constantFrom(0, 88, 89)),
      type: fc.option(fc.constantFrom(...WORKOUT_TYPES), { nil: undefined }),
    })
    .map(({ start, span, type }) => ({ start_date: start, end_date: addDays(start, span), ...(type ? { type } : {}) })),
  tp_get_workout: validId.map((workout_id) => ({ workout_id })),
  tp_get_workout_prs: validId.map((workout_id) => ({ workout_id })),
  tp_get_peaks: fc
    .record({ sport: fc.constantFrom(...SPORTS), pick: fc.nat(), days: fc.option(fc.integer({ min: 1, max: 3650 }), { nil: undefined }) })
    .map(({ sport, pick, days }) => {
      const types = PR_TYPES_BY_SPORT[sport];
      return { sport, pr_type: types[pick % types.length], ...(days === undefined ? {} : { days }) };
    }),
  tp_get_fitness: fc
    .record({ days: fc.option(fc.integer({ min: 1, max: 365 }), { nil: undefined }), end_date: fc.option(fc.oneof(validDate, edgeDate), { nil: undefined }) })
    .map(({ days, end_date }) => ({ ...(days === undefined ? {} : { days }), ...(end_date === undefined ? {} : { end_date }) })),
};

/** Values for each declared field, valid and adversarial mixed. */
const fieldValues: Record<string, fc.Arbitrary<unknown>> = {
  start_date: anyDate,
  end_date: anyDate,
  type: anyWorkoutType,
  workout_id: anyId,
  sport: anySport,
  pr_type: anyPrType,
};
const daysFor: Partial<Record<ToolName, number>> = { tp_get_peaks: 3650, tp_get_fitness: 365 };

type Mutation = { op: "set"; key: string; value: unknown } | { op: "delete"; key: string } | { op: "span"; days: number } | { op: "keep" };

/** One change to a valid object: a field set to a (valid or adversarial) value, removed, or an extra key. */
function mutation(name: ToolName): fc.Arbitrary<Mutation> {
  const fields = FIELDS[name];
  const setField = fc.constantFrom(...fields).chain((key) =>
    (key === "days" ? anyDays(daysFor[name] ?? 365) : (fieldValues[key] ?? fc.jsonValue())).map((value): Mutation => ({ op: "set", key, value })),
  );
  const options: Array<fc.Arbitrary<Mutation>> = [
    setField,
    setField,
    fc.constantFrom(...fields).map((key): Mutation => ({ op: "delete", key })),
    fc.record({ key: extraKey, value: extraValue }).map(({ key, value }): Mutation => ({ op: "set", key, value })),
    fc.constant<Mutation>({ op: "keep" }),
  ];
  // Ranges around the 90-day limit, and ends before starts.
  if (name === "tp_get_workouts") {
    const span = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(-1, 0, 1, 89, 90, 91, 92, 365) }, fc.integer({ min: -400, max: 400 }));
    options.push(...[1, 2].map(() => span.map((days): Mutation => ({ op: "span", days }))));
  }
  return fc.oneof(...options);
}

function apply(base: Args, change: Mutation): Args {
  switch (change.op) {
    case "set":
      return withOwn(base, change.key, change.value);
    case "delete":
      return without(base, change.key);
    case "span":
      return { ...base, end_date: addDays(base.start_date as string, change.days - 1) };
    case "keep":
      return base;
  }
}

const almostValid = (name: ToolName) => fc.tuple(validArgs[name], mutation(name)).map(([base, change]) => apply(base, change));

/** Fully arbitrary objects: declared and adversarial keys, any JSON values. */
const arbitraryObject = (name: ToolName) =>
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...FIELDS[name]), extraKey), fc.oneof(fc.jsonValue({ maxDepth: 3 }), fieldValues.start_date!, anyId)), { maxLength: 5 })
    // Object.fromEntries defines own properties, `__proto__` included.
    .map((entries) => Object.fromEntries(entries) as Args);

/** fc.anything(), kept to what JSON can carry (the property needs objects: see the protocol test for the rest). */
const anythingJsonObject = fc.anything({ maxDepth: 3 }).filter((value): value is Args => isJsonValue(value) && typeof value === "object" && value !== null && !Array.isArray(value));

// ---------------------------------------------------------------------------------------------

describe.each(TOOL_NAMES)("%s under generated arguments", (name) => {
  it(`almost-valid arguments (one field mutated, or none): refused exactly when invalid, answers validate (${NUM_RUNS} runs)`, async () => {
    const outcomes = { valid: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(almostValid(name), async (args) => {
        const { faults } = await checkCall(name, args);
        outcomes[faults.length ? "refused" : "valid"] += 1;
      }),
      { numRuns: NUM_RUNS },
    );
    await expectServerUp();
    expectNoPollution();
    // Both sides of the property were exercised (fast-check may also count shrinking runs).
    expect(outcomes.valid).toBeGreaterThan(10);
    expect(outcomes.refused).toBeGreaterThan(10);
  });

  it(`arbitrary JSON objects (declared, adversarial and prototype keys): refused exactly when invalid (${NUM_RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(arbitraryObject(name), anythingJsonObject), async (args) => {
        await checkCall(name, args);
      }),
      { numRuns: NUM_RUNS },
    );
    await expectServerUp();
    expectNoPollution();
  });

  it(`arguments that are not an object never reach the tool: the SDK answers a JSON-RPC error (${NUM_RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue().filter((value) => typeof value !== "object" || value === null || Array.isArray(value)),
          fc.constantFrom<unknown>(null, [], [{ start_date: "2026-01-01", end_date: "2026-01-02" }], "x".repeat(HUGE), 0, -0, 1e308, true),
        ),
        async (args) => {
          const before = recorded.length;
          const error = await session.client.callTool({ name, arguments: args as Args }).then(
            (result) => {
              throw new Error(`expected a JSON-RPC error, got ${JSON.stringify(result).slice(0, 200)}`);
            },
            (rejection: unknown) => rejection,
          );
          // The SDK's CallToolRequest schema refuses `arguments` before any tool code runs; it
          // reports a zod failure as -32603 InternalError (not -32602 InvalidParams).
          expect(error).toBeInstanceOf(McpError);
          expect((error as McpError).code).toBe(-32603);
          expect((error as McpError).message).toMatch(/expected record, received (array|null|string|number|boolean)/);
          expect((error as McpError).message).toMatch(/"params",\s*"arguments"/);
          expect(recorded.length).toBe(before);
        },
      ),
      { numRuns: NUM_RUNS },
    );
    await expectServerUp();
  });
});

describe("specific adversarial cases: the refusal names the field and what is allowed, before any request", () => {
  const huge = "2026-01-01".padEnd(HUGE, "x");
  const realDate = /must be a real calendar date written YYYY-MM-DD at /;
  const cases: Array<[string, ToolName, Args, RegExp[]]> = [
    // tp_get_workouts
    ["a 91-day range", "tp_get_workouts", { start_date: "2026-01-01", end_date: "2026-04-01" }, [/covers 91 days; at most 90 days are allowed/, /at end_date/]],
    ["a 366-day range", "tp_get_workouts", { start_date: "2025-01-01", end_date: "2026-01-01" }, [/covers 366 days; at most 90 days/]],
    ["an end before the start", "tp_get_workouts", { start_date: "2026-03-02", end_date: "2026-03-01" }, [/end_date \(2026-03-01\) is before start_date \(2026-03-02\)/]],
    ["February 30th", "tp_get_workouts", { start_date: "2026-02-30", end_date: "2026-03-01" }, [realDate, /at start_date/]],
    ["month 13", "tp_get_workouts", { start_date: "2025-13-01", end_date: "2026-01-05" }, [realDate, /at start_date/]],
    ["month 00", "tp_get_workouts", { start_date: "2026-01-01", end_date: "2026-00-10" }, [realDate, /at end_date/]],
    ["29 February of a common year", "tp_get_workouts", { start_date: "2025-02-29", end_date: "2025-03-01" }, [realDate, /at start_date/]],
    ["a date with a time", "tp_get_workouts", { start_date: "2026-01-01T00:00:00", end_date: "2026-01-02" }, [realDate, /at start_date/]],
    ["a date with a space", "tp_get_workouts", { start_date: "2026-01-01", end_date: " 2026-01-02" }, [realDate, /at end_date/]],
    ["a date as a number", "tp_get_workouts", { start_date: 20260101, end_date: "2026-01-02" }, [/expected string, received number at start_date/]],
    ["a date as null", "tp_get_workouts", { start_date: null, end_date: "2026-01-02" }, [/expected string, received null at start_date/]],
    ["a 100 kB date", "tp_get_workouts", { start_date: huge, end_date: "2026-01-02" }, [realDate, /at start_date/]],
    ["a missing end", "tp_get_workouts", { start_date: "2026-01-01" }, [/expected string, received undefined at end_date/]],
    ["an unknown type", "tp_get_workouts", { start_date: "2026-01-01", end_date: "2026-01-02", type: "done" }, [/expected one of "all"\|"completed"\|"planned" at type/]],
    ["an extra property", "tp_get_workouts", { start_date: "2026-01-01", end_date: "2026-01-02", athlete: 1 }, [/Unrecognized key: "athlete"/]],
    // tp_get_workout and tp_get_workout_prs
    ["a string id", "tp_get_workout", { workout_id: "3300000123" }, [/expected number, received string at workout_id/]],
    ["a fractional id", "tp_get_workout", { workout_id: 12.5 }, [/expected int, received number at workout_id/]],
    ["a negative id", "tp_get_workout", { workout_id: -1 }, [/expected number to be >=1 at workout_id/]],
    ["-0 as id", "tp_get_workout", { workout_id: -0 }, [/expected number to be >=1 at workout_id/]],
    ["1e308 as id", "tp_get_workout", { workout_id: 1e308 }, [/expected int to be <=9007199254740991 at workout_id/]],
    ["2^53 as id", "tp_get_workout_prs", { workout_id: 2 ** 53 }, [/<=9007199254740991 at workout_id/]],
    ["5e-324 as id", "tp_get_workout_prs", { workout_id: 5e-324 }, [/at workout_id/]],
    ["null id", "tp_get_workout_prs", { workout_id: null }, [/expected number, received null at workout_id/]],
    ["an id in an array", "tp_get_workout_prs", { workout_id: [3300000123] }, [/expected number, received array at workout_id/]],
    ["no id", "tp_get_workout_prs", {}, [/expected number, received undefined at workout_id/]],
    // tp_get_peaks
    ["an unknown PR type", "tp_get_peaks", { sport: "Run", pr_type: "power3min" }, [/expected one of "power5sec"\|.*"speed50K" at pr_type/]],
    ["a Run PR type for Bike", "tp_get_peaks", { sport: "Bike", pr_type: "speed5K" }, [/speed5K is not a pr_type of sport Bike; Bike allows: power5sec, power1min, .*hR90min at pr_type/]],
    ["a Bike PR type for Run", "tp_get_peaks", { sport: "Run", pr_type: "power20min" }, [/power20min is not a pr_type of sport Run; Run allows: speed400Meter, .*speed50K, hR5sec, .*hR90min at pr_type/]],
    ["an unknown sport", "tp_get_peaks", { sport: "Swim", pr_type: "hR5sec" }, [/expected one of "Bike"\|"Run" at sport/]],
    ["a prototype key as sport", "tp_get_peaks", { sport: "constructor", pr_type: "hR5sec" }, [/expected one of "Bike"\|"Run" at sport/]],
    ["a prototype key as PR type", "tp_get_peaks", { sport: "Bike", pr_type: "__proto__" }, [/expected one of "power5sec".* at pr_type/]],
    ["zero days", "tp_get_peaks", { sport: "Bike", pr_type: "power5sec", days: 0 }, [/expected number to be >=1 at days/]],
    ["3651 days", "tp_get_peaks", { sport: "Bike", pr_type: "power5sec", days: 3651 }, [/expected number to be <=3650 at days/]],
    ["fractional days", "tp_get_peaks", { sport: "Run", pr_type: "speed5K", days: 30.5 }, [/expected int, received number at days/]],
    // tp_get_fitness
    ["366 days", "tp_get_fitness", { days: 366 }, [/expected number to be <=365 at days/]],
    ["-0 days", "tp_get_fitness", { days: -0 }, [/expected number to be >=1 at days/]],
    ["days as a string", "tp_get_fitness", { days: "30" }, [/expected number, received string at days/]],
    ["an impossible end date", "tp_get_fitness", { end_date: "2026-02-30" }, [realDate, /at end_date/]],
    ["an end date with a time", "tp_get_fitness", { end_date: "2026-11-24 10:00" }, [realDate, /at end_date/]],
    ["a property of another tool", "tp_get_fitness", { days: 30, start_date: "2026-01-01" }, [/Unrecognized key: "start_date"/]],
  ];
  for (const name of TOOL_NAMES) {
    for (const key of ["constructor", "prototype", "toString", "hasOwnProperty"]) {
      const valid = name === "tp_get_workouts" ? { start_date: "2026-01-01", end_date: "2026-01-02" } : name === "tp_get_peaks" ? { sport: "Bike", pr_type: "power5sec" } : name === "tp_get_fitness" ? {} : { workout_id: 1 };
      cases.push([`an own "${key}" key`, name, withOwn(valid, key, { prototype: { polluted: "yes" } }), [new RegExp(`Unrecognized key: "${key}"`)]]);
    }
  }

  it.each(cases)("%s (%s)", async (_title, name, args, patterns) => {
    const { result, sent, text } = await callTool(name, args);
    expect(result.isError).toBe(true);
    expect(text).toMatch(new RegExp(`^MCP error -32602: Input validation error: Invalid arguments for tool ${name}: `));
    for (const pattern of patterns) expect(text).toMatch(pattern);
    expect(text.length, "a refusal does not echo a huge value").toBeLessThan(2_000);
    expect(sent).toEqual([]);
    expect(recorded).toEqual([]);
    expectNoPollution();
    await expectServerUp();
  });

  it("an own __proto__ key is dropped by the SDK before validation: the call is answered as without it, and nothing is polluted", async () => {
    const plain = { start_date: "2026-09-13", end_date: "2026-09-19" };
    const polluting = JSON.parse('{"__proto__": {"polluted": "yes"}, "start_date": "2026-09-13", "end_date": "2026-09-19"}') as Args;
    expect(Object.hasOwn(polluting, "__proto__")).toBe(true);
    const withKey = await callTool("tp_get_workouts", polluting);
    const withoutKey = await callTool("tp_get_workouts", plain);
    expect(withKey.result.isError).toBeFalsy();
    expect(withKey.result.structuredContent).toEqual(withoutKey.result.structuredContent);
    expectNoPollution();
    // With an invalid field beside it, the refusal is about that field.
    const refused = await callTool("tp_get_workouts", withOwn({ start_date: "2026-02-30", end_date: "2026-03-01" }, "__proto__", { polluted: "yes" }));
    expect(refused.result.isError).toBe(true);
    expect(refused.text).toMatch(/at start_date/);
    expect(refused.sent).toEqual([]);
    expectNoPollution();
  });

  it("no arguments at all: tp_get_fitness answers with its defaults, the others name their required fields", async () => {
    for (const name of TOOL_NAMES) {
      const before = recorded.length;
      const result = (await session.client.callTool({ name })) as CallToolResult;
      expectWellFormed(result);
      if (name === "tp_get_fitness") {
        expect(result.isError).toBeFalsy();
        expect(result.structuredContent).toMatchObject({ end_date: TODAY, start_date: addDays(TODAY, -89) });
      } else {
        expect(result.isError).toBe(true);
        for (const field of FIELDS[name].filter((f) => f !== "type" && f !== "days")) expect(textOf(result)).toMatch(new RegExp(`(received undefined|expected one of .*) at ${field}`));
        expect(recorded.slice(before)).toEqual([]);
      }
    }
  });

  it("an unknown tool is a tool error naming it, and the server stays up", async () => {
    const { result, text, sent } = await callTool("tp_delete_workout", { workout_id: 1 });
    expect(result.isError).toBe(true);
    expect(text).toBe("MCP error -32602: Tool tp_delete_workout not found");
    expect(sent).toEqual([]);
    await expectServerUp();
  });
});

/**
 * Years 0000–0099: `Date.UTC` reads them as 1900–1999, which once mis-measured ranges and let the
 * client refuse them in its own words (startDate/endDate). The tools now take dates from 1970 on.
 */
describe("dates in years 0000–0099 are refused truly, in the tool's own words", () => {
  it.each<[string, ToolName, Args, string]>([
    ["a 46-day range across year 100", "tp_get_workouts", { start_date: "0099-12-01", end_date: "0100-01-15" }, "start_date"],
    ["a 5-day range in year 50", "tp_get_workouts", { start_date: "0050-01-01", end_date: "0050-01-05" }, "start_date"],
    ["fitness ending in year 0", "tp_get_fitness", { end_date: "0000-01-01", days: 30 }, "end_date"],
    ["fitness whose computed start falls in year 99", "tp_get_fitness", { end_date: "0100-03-01", days: 365 }, "end_date"],
  ])("%s", async (_title, name, args, field) => {
    const { result, text, sent } = await callTool(name, args);
    expectWellFormed(result);
    if (result.isError) {
      // A refusal is fine, but it must be true and in the tool's own words.
      expect(text).not.toMatch(/is before/);
      expect(text).not.toMatch(/\b(startDate|endDate)\b/);
      expect(text).toContain(field);
      expect(sent).toEqual([]);
    } else {
      toolDefinitions[name].outputSchema.parse(result.structuredContent);
    }
  });
});
