/**
 * Property-based and adversarial tests of every tool over the MCP protocol: the SDK's real
 * Client ↔ the real server (in-memory transport) ↔ the TrainingPeaks client ↔ msw (spec examples).
 *
 * Nothing here names a tool's fields: the tools, their arguments and their rules come from the
 * declarations (openapi/tools/tp_*.yaml, through scripts/generate/spec.ts) and the JSON Schemas
 * the tools publish, so a new tool is fuzzed as soon as it is declared (see fuzz-oracle.ts).
 * Every generated call is judged by an oracle independent of the zod schemas (`problems()`):
 * unknown keys, each property checked alone by ajv against its published schema, missing
 * required ones, and the cross-field rules of the declaration (`x-max-range-days-of`,
 * `x-enum-by`) written by hand. Generators follow each property's schema (dates, bounded
 * integers, enums, anything else), valid and adversarial.
 * For each call the properties are:
 *   - it resolves with a well-formed CallToolResult (text content, then a PNG if a chart was asked; never a transport error);
 *   - refused ⇔ the oracle finds a problem; a refusal is `isError` with a message naming an
 *     offending field, and no request reached the mock (token exchange and user lookup included);
 *   - an answer validates against the tool's outputSchema, sends only the operations the tool
 *     declares, and (for the tools with checks in `answerChecks`) echoes what was asked;
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
import { loadSpec, loadTools, type JsonSchema } from "../../scripts/generate/spec.js";
import { toolDefinitions, type ToolName } from "../../src/generated/tools.js";
import { unknownToolText } from "../../src/server/unknown-tool.js";
import { textOf } from "../support/mcp.js";
import { setupSpecServer, type RecordedRequest } from "../support/spec-mocks.js";
import {
  addDays, anyDate, anyInt, dayCount, extraKeys, fieldArbitraries, HUGE, isIntIn, isRealDate, problems, readArgs, toolArbitraries, toolModel, validates, withOwn,
  type Args, type ToolModel,
} from "./fuzz-oracle.js";
import { connect, recordingLogger, testClient, TODAY, type Session } from "./harness.js";

const mock = setupSpecServer();
const NUM_RUNS = 150;
const TOOL_NAMES = Object.keys(toolDefinitions) as ToolName[];

interface Definition {
  inputJsonSchema: { properties?: Record<string, JsonSchema>; required?: readonly string[] };
  outputSchema: { parse(value: unknown): unknown };
  examples: readonly Args[];
  operations: readonly string[];
}
const definition = (name: ToolName) => toolDefinitions[name] as unknown as Definition;

// The declarations, for the cross-field rules the published schemas leave out.
const spec = await loadSpec();
const declarations = await loadTools(spec.dereferenced);
const models = new Map<ToolName, ToolModel>(
  TOOL_NAMES.map((name) => {
    const declaration = declarations.get(name);
    if (!declaration) throw new Error(`${name} is generated but not declared in openapi/tools/: run npm run generate`);
    return [name, toolModel(name, definition(name).inputJsonSchema, declaration, spec.dereferenced)];
  }),
);
const model = (name: ToolName) => models.get(name)!;
const extraKey = extraKeys([...new Set([...models.values()].flatMap((m) => Object.keys(m.properties)))]);
const arbitraries = new Map(TOOL_NAMES.map((name) => [name, toolArbitraries(model(name), extraKey)]));

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
  const [first, ...rest] = result.content;
  expect(first!.type).toBe("text");
  expect(typeof (first as { text?: unknown }).text).toBe("string");
  // After the text, only the chart a call asked for (`chart: true`): a PNG.
  for (const item of rest) {
    expect(item).toMatchObject({ type: "image", mimeType: "image/png" });
    expect((item as { data: string }).data).toMatch(/^iVBORw0KGgo/);
  }
}

type AnswerCheck = (args: Args, structured: Record<string, unknown>, apiCalls: RecordedRequest[]) => void;
const workoutRequests: AnswerCheck = (args, _structured, apiCalls) => {
  expect(apiCalls.length).toBeGreaterThan(0);
  for (const request of apiCalls) expect(request.url.pathname).toContain(`/workouts/${String(args.workout_id)}`);
};
/** What the answer to a valid call of these tools must echo, and what its request must carry. */
const answerChecks: Partial<Record<ToolName, AnswerCheck>> = {
  tp_get_workouts(args, structured, apiCalls) {
    expect(structured).toMatchObject({ start_date: args.start_date, end_date: args.end_date, type: args.type ?? "all" });
    // An athlete named by id is read by that id; a name can only be the mocks' one athlete.
    const athleteId = typeof args.athlete === "number" ? args.athlete : 2400117;
    const listed = apiCalls.filter((r) => r.operationId === "getWorkouts").map((r) => r.url.pathname);
    expect(listed).toEqual([`/fitness/v6/athletes/${athleteId}/workouts/${String(args.start_date)}/${String(args.end_date)}`]);
  },
  tp_get_workout: workoutRequests,
  tp_get_workout_prs: workoutRequests,
  tp_get_peaks(args, structured, apiCalls) {
    const end = (args.end_date as string | undefined) ?? TODAY;
    const start = (args.start_date as string | undefined) ?? addDays(end, -(((args.days as number | undefined) ?? 365) - 1));
    expect(structured).toMatchObject({ sport: args.sport, pr_type: args.pr_type, end_date: end, start_date: start });
    expect(apiCalls.map((r) => r.url.searchParams.get("prType"))).toEqual(args.compare_to ? [args.pr_type, args.pr_type] : [args.pr_type]);
    expect((structured.records as unknown[]).length).toBeLessThanOrEqual((args.limit as number | undefined) ?? 10);
  },
  tp_get_fitness(args, structured, apiCalls) {
    const end = (args.end_date as string | undefined) ?? TODAY;
    const days = (args.days as number | undefined) ?? 90;
    expect(structured).toMatchObject({ end_date: end, start_date: addDays(end, -(days - 1)) });
    // The next race comes from a second request, sent alongside, and a chart's races from a
    // third: order is not part of the answer.
    expect(apiCalls.map((r) => r.operationId).sort()).toEqual([...(args.chart === true ? ["getEvents"] : []), "getNextPlannedEvent", "getPerformanceData"]);
  },
};

/**
 * Refusals that depend on more than the declaration: rules a tool states in its description,
 * judged on the arguments as read. `afterLookup`: the user lookup (for today) may come first.
 */
const derivedFaults: Partial<Record<ToolName, (args: Args) => { faults: string[]; afterLookup: boolean }>> = {
  tp_get_peaks(args) {
    const start = args.start_date as string | undefined;
    if (start !== undefined && args.days !== undefined) return { faults: ["days"], afterLookup: false };
    if (start === undefined || args.end_date !== undefined) return { faults: [], afterLookup: false };
    const days = dayCount(start, TODAY);
    return { faults: days < 1 || days > 3650 ? ["start_date"] : [], afterLookup: true };
  },
};

/**
 * The spec mocks' account is one athlete, Jordan Example: a name (`athlete` as text) that is not
 * theirs is refused after the user lookup, before any data request. Folding written here, not
 * taken from src/: any case, accents dropped, spaces squeezed; first, last or both names.
 */
const ROSTER_NAMES = new Set(["jordan", "example", "jordan example", "example jordan"]);
const fold = (name: string) => name.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim().replace(/\s+/g, " ");
const athleteFaults = (args: Args) =>
  typeof args.athlete === "string" && !ROSTER_NAMES.has(fold(args.athlete)) ? { faults: ["athlete"], afterLookup: true } : { faults: [], afterLookup: false };

/** An answer parses with the tool's outputSchema, sends only what it declares, and passes its checks. */
function expectAnswerFits(name: ToolName, args: Args, structuredContent: unknown, sent: RecordedRequest[]) {
  const structured = definition(name).outputSchema.parse(structuredContent) as Record<string, unknown>;
  const allowed = [...definition(name).operations, "exchangeToken"];
  for (const request of sent) expect(allowed, `${name} sent ${request.operationId}`).toContain(request.operationId);
  answerChecks[name]?.(args, structured, sent.filter((r) => r.operationId !== "exchangeToken" && r.operationId !== "getUser"));
}

/**
 * A tool that looks an id up in a list answers "no such id" after asking: requests were sent
 * (a refusal sends none), and the message points to the tool that lists the ids.
 */
const isLookupMiss = (text: string, sent: RecordedRequest[]) =>
  sent.some((r) => r.operationId !== "exchangeToken" && r.operationId !== "getUser") && /^No \w+ \d+ .*call tp_[a-z_]+ to find/.test(text);

/** The property every generated call must satisfy. */
async function checkCall(name: ToolName, args: Args) {
  const snapshot = JSON.stringify(args);
  const { result, sent, text } = await callTool(name, args);
  expectWellFormed(result);
  expect(JSON.stringify(args), "the caller's arguments were changed").toBe(snapshot);
  let faults = problems(model(name), args);
  let afterLookup = false;
  if (faults.length === 0) ({ faults, afterLookup } = athleteFaults(readArgs(model(name), args)));
  if (faults.length === 0 && derivedFaults[name]) {
    ({ faults, afterLookup } = derivedFaults[name](readArgs(model(name), args)));
    // A tool's own checks run once the athlete is known: a named athlete is looked up first.
    afterLookup ||= Object.hasOwn(args, "athlete");
  }
  if (faults.length > 0) {
    expect(result.isError, `expected a refusal (${faults.join(", ")}), got: ${text.slice(0, 300)}`).toBe(true);
    expect(text.trim()).not.toBe("");
    expect(result.structuredContent).toBeUndefined();
    const dataRequests = afterLookup ? sent.filter((r) => r.operationId !== "exchangeToken" && r.operationId !== "getUser") : sent;
    expect(dataRequests, "a refused call sent requests").toEqual([]);
    expect(
      faults.some((field) => mentions(text, field)),
      `the refusal names none of ${faults.map((f) => JSON.stringify(f.slice(0, 40))).join(", ")}: ${text.slice(0, 300)}`,
    ).toBe(true);
  } else if (result.isError && isLookupMiss(text, sent)) {
    // A well-formed id the mocks do not hold (they list only the spec's example ids): not a refusal.
    for (const request of sent) expect([...definition(name).operations, "exchangeToken"]).toContain(request.operationId);
  } else {
    expect(result.isError, `a valid call was refused: ${text.slice(0, 300)}`).toBeFalsy();
    // The answer echoes the arguments as read: "30" as 30, "bike" as "Bike".
    expectAnswerFits(name, readArgs(model(name), args), result.structuredContent, sent);
  }
  return { faults, result };
}

/** A known-good call (the first tool's first example): the server is still up and answering through to the API. */
async function expectServerUp() {
  const name = TOOL_NAMES[0]!;
  const args = definition(name).examples[0] ?? {};
  const { result, sent, text } = await callTool(name, args);
  expect(result.isError, text.slice(0, 300)).toBeFalsy();
  expect(sent.length).toBeGreaterThan(0);
  expectAnswerFits(name, args, result.structuredContent, sent);
}

/** fc.anything(), kept to what JSON can carry (the property needs objects: see the protocol test for the rest). */
const anythingJsonObject = fc.anything({ maxDepth: 3 }).filter((value): value is Args => isJsonValue(value) && typeof value === "object" && value !== null && !Array.isArray(value));

// ---------------------------------------------------------------------------------------------

describe("the oracle and the generators", () => {
  it("every generated tool is declared, and the other way round", () => {
    expect([...declarations.keys()].sort()).toEqual([...TOOL_NAMES].sort());
  });

  // fast-check reports the value where they differ.
  it("ajv judges dates and bounded integers as the hand-written checks do", () => {
    const schemas = [...models.values()].flatMap((m) => Object.values(m.properties));
    const date = schemas.find((s) => s.type === "string" && s.format === "date");
    if (date) fc.assert(fc.property(anyDate, (value) => validates(date, value) === isRealDate(value)), { numRuns: 1_000 });
    for (const schema of schemas.filter((s) => s.type === "integer")) {
      // Without bounds, ±MAX_SAFE: ajv's integer is any whole double (1e21), zod's int() a safe one.
      const bound = (value: unknown, fallback: number) => (typeof value === "number" ? value : fallback);
      const [min, max] = [bound(schema.minimum, -Number.MAX_SAFE_INTEGER), bound(schema.maximum, Number.MAX_SAFE_INTEGER)];
      fc.assert(fc.property(anyInt(min, max), (value) => validates(schema, value) === isIntIn(value, min, max)), { numRuns: 500 });
    }
  });

  it("a tool with no arguments at all (empty properties) goes through every generator", () => {
    const empty = toolModel("tp_none", { properties: {} }, { inputSchema: { type: "object", properties: {} }, examples: [{}] }, spec.dereferenced);
    const { field, valid, almostValid, arbitraryObject } = toolArbitraries(empty, extraKey);
    expect(field).toEqual({});
    const faultyKeys = (args: Args) => Object.keys(args).filter((key) => key !== "__proto__");
    fc.assert(fc.property(valid, (args) => Object.keys(args).length === 0 && problems(empty, args).length === 0));
    fc.assert(fc.property(almostValid, (args) => JSON.stringify(problems(empty, args)) === JSON.stringify(faultyKeys(args))));
    fc.assert(fc.property(arbitraryObject, (args) => JSON.stringify(problems(empty, args)) === JSON.stringify(faultyKeys(args))));
    // A property of no known shape still gets valid values.
    fc.assert(fc.property(fieldArbitraries({ type: "boolean" }).valid, (value) => typeof value === "boolean"));
  });
});

describe.each(TOOL_NAMES)("%s under generated arguments", (name) => {
  const { valid, almostValid, arbitraryObject } = arbitraries.get(name)!;

  it("the generated valid arguments are valid to the oracle (no call)", () => {
    fc.assert(fc.property(valid, (args) => problems(model(name), args).length === 0), { numRuns: 1_000 });
  });

  it(`almost-valid arguments (one field mutated, or none): refused exactly when invalid, answers validate (${NUM_RUNS} runs)`, async () => {
    const outcomes = { valid: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(almostValid, async (args) => {
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
      fc.asyncProperty(fc.oneof(arbitraryObject, anythingJsonObject), async (args) => {
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
  // The field at fault, then what it takes: "start_date must be a real calendar date …".
  const realDate = (field: string) => new RegExp(`${field} must be a real calendar date written YYYY-MM-DD, from 1970 on \\(e\\.g\\. "\\d{4}-\\d{2}-\\d{2}"\\); got `);
  const cases: Array<[string, ToolName, Args, RegExp[]]> = [
    // tp_get_workouts
    ["a 91-day range", "tp_get_workouts", { start_date: "2026-01-01", end_date: "2026-04-01" }, [/end_date: the range 2026-01-01 to 2026-04-01 covers 91 days; at most 90 days are allowed/]],
    ["a 366-day range", "tp_get_workouts", { start_date: "2025-01-01", end_date: "2026-01-01" }, [/covers 366 days; at most 90 days are allowed per call, so split it into several calls/]],
    ["an end before the start", "tp_get_workouts", { start_date: "2026-03-01", end_date: "2026-02-01" }, [/end_date \(2026-02-01\) is before start_date \(2026-03-01\)/]],
    ["February 30th", "tp_get_workouts", { start_date: "2026-02-30", end_date: "2026-03-01" }, [realDate("start_date"), /got "2026-02-30"\.$/]],
    ["month 13", "tp_get_workouts", { start_date: "2025-13-01", end_date: "2026-01-05" }, [realDate("start_date")]],
    ["month 00", "tp_get_workouts", { start_date: "2026-01-01", end_date: "2026-00-10" }, [realDate("end_date")]],
    ["29 February of a common year", "tp_get_workouts", { start_date: "2025-02-29", end_date: "2025-03-01" }, [realDate("start_date")]],
    ["a date with a time", "tp_get_workouts", { start_date: "2026-01-01T00:00:00", end_date: "2026-01-02" }, [realDate("start_date")]],
    ["a date with a space", "tp_get_workouts", { start_date: "2026-01-01", end_date: " 2026-01-02" }, [realDate("end_date"), /got " 2026-01-02"\.$/]],
    ["a date as a number", "tp_get_workouts", { start_date: 20260101, end_date: "2026-01-02" }, [realDate("start_date"), /got number 20260101\.$/]],
    ["a date as null", "tp_get_workouts", { start_date: null, end_date: "2026-01-02" }, [realDate("start_date"), /got null\.$/]],
    ["a 100 kB date", "tp_get_workouts", { start_date: huge, end_date: "2026-01-02" }, [realDate("start_date"), /got "2026-01-01x+…"\.$/]],
    ["a missing end", "tp_get_workouts", { start_date: "2026-01-01" }, [/end_date is required: a real calendar date written YYYY-MM-DD/]],
    ["an unknown type", "tp_get_workouts", { start_date: "2026-01-01", end_date: "2026-01-02", type: "done" }, [/type must be one of all, completed, planned, missed \(e\.g\. "completed"\); got "done"/]],
    ["an extra property", "tp_get_workouts", { start_date: "2026-01-01", end_date: "2026-01-02", athlete_id: 1 }, [/Unknown argument "athlete_id": tp_get_workouts takes start_date, end_date, type, sport, athlete/]],
    // tp_get_workout and tp_get_workout_prs
    ["an id as text that is not plain digits", "tp_get_workout", { workout_id: "3300000123 " }, [/workout_id must be a whole number of at least 1 \(e\.g\. \d+\); got "3300000123 "/]],
    ["an id in exponent notation", "tp_get_workout_prs", { workout_id: "3.3e9" }, [/workout_id must be a whole number of at least 1 .*; got "3\.3e9"/]],
    ["a fractional id", "tp_get_workout", { workout_id: 12.5 }, [/workout_id must be a whole number .*; got number 12\.5/]],
    ["a negative id", "tp_get_workout", { workout_id: -1 }, [/workout_id must be a whole number of at least 1 .*; got number -1/]],
    ["-0 as id", "tp_get_workout", { workout_id: -0 }, [/workout_id must be a whole number of at least 1 .*; got number 0/]],
    ["1e308 as id", "tp_get_workout", { workout_id: 1e308 }, [/workout_id must be a whole number .*; got number 1e\+308/]],
    ["2^53 as id", "tp_get_workout_prs", { workout_id: 2 ** 53 }, [/workout_id must be a whole number .*; got number 9007199254740992/]],
    ["5e-324 as id", "tp_get_workout_prs", { workout_id: 5e-324 }, [/workout_id must be a whole number/]],
    ["null id", "tp_get_workout_prs", { workout_id: null }, [/workout_id must be a whole number .*; got null/]],
    ["an id in an array", "tp_get_workout_prs", { workout_id: [3300000123] }, [/workout_id must be a whole number .*; got a list/]],
    ["no id", "tp_get_workout_prs", {}, [/workout_id is required: a whole number of at least 1 \(e\.g\. \d+\)/]],
    // tp_get_peaks
    ["an unknown PR type", "tp_get_peaks", { sport: "Run", pr_type: "power3min" }, [/pr_type must be one of power5sec, .*… \(25 in all; see the tool description\) .*; got "power3min"/]],
    ["a Run PR type for Bike", "tp_get_peaks", { sport: "Bike", pr_type: "speed5K" }, [/pr_type: speed5K is not a pr_type of sport Bike; Bike allows: power5sec, power1min, .*hR90min/]],
    ["a PR type of another sport in another case", "tp_get_peaks", { sport: "bike", pr_type: "SPEED5K" }, [/speed5K is not a pr_type of sport Bike/]],
    ["a Bike PR type for Run", "tp_get_peaks", { sport: "Run", pr_type: "power20min" }, [/power20min is not a pr_type of sport Run; Run allows: speed400Meter, .*speed50K, hR5sec, .*hR90min/]],
    ["an unknown sport", "tp_get_peaks", { sport: "Swim", pr_type: "hR5sec" }, [/sport must be one of Bike, Run \(e\.g\. "Bike"\); got "Swim"/]],
    ["a prototype key as sport", "tp_get_peaks", { sport: "constructor", pr_type: "hR5sec" }, [/sport must be one of Bike, Run .*; got "constructor"/]],
    ["a prototype key as PR type", "tp_get_peaks", { sport: "Bike", pr_type: "__proto__" }, [/pr_type must be one of power5sec, .*; got "__proto__"/]],
    ["zero days", "tp_get_peaks", { sport: "Bike", pr_type: "power5sec", days: 0 }, [/days must be a whole number from 1 to 3650 .*; got number 0/]],
    ["3651 days", "tp_get_peaks", { sport: "Bike", pr_type: "power5sec", days: 3651 }, [/days must be a whole number from 1 to 3650 .*; got number 3651/]],
    ["fractional days", "tp_get_peaks", { sport: "Run", pr_type: "speed5K", days: 30.5 }, [/days must be a whole number from 1 to 3650 .*; got number 30\.5/]],
    // tp_get_fitness
    ["366 days", "tp_get_fitness", { days: 366 }, [/days must be a whole number from 1 to 365 .*; got number 366/]],
    ["-0 days", "tp_get_fitness", { days: -0 }, [/days must be a whole number from 1 to 365/]],
    ["days as words", "tp_get_fitness", { days: "thirty" }, [/days must be a whole number from 1 to 365 .*; got "thirty"/]],
    ["days as text out of range", "tp_get_fitness", { days: "366" }, [/days must be a whole number from 1 to 365 .*; got "366"/]],
    ["an impossible end date", "tp_get_fitness", { end_date: "2026-02-30" }, [realDate("end_date")]],
    ["an end date with a time", "tp_get_fitness", { end_date: "2026-11-24 10:00" }, [realDate("end_date")]],
    ["a property of another tool", "tp_get_fitness", { days: 30, start_date: "2026-01-01" }, [/Unknown argument "start_date": tp_get_fitness takes days, end_date/]],
  ];
  for (const name of TOOL_NAMES) {
    for (const key of ["constructor", "prototype", "toString", "hasOwnProperty"]) {
      const valid = definition(name).examples[0] ?? {};
      cases.push([`an own "${key}" key`, name, withOwn(valid, key, { prototype: { polluted: "yes" } }), [new RegExp(`Unknown argument "${key}": ${name} takes `)]]);
    }
  }

  it.each(cases)("%s (%s)", async (_title, name, args, patterns) => {
    const { result, sent, text } = await callTool(name, args);
    expect(result.isError).toBe(true);
    expect(text).toMatch(new RegExp(`^Invalid arguments for ${name}: `));
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
    expect(refused.text).toMatch(/start_date must be a real calendar date/);
    expect(refused.sent).toEqual([]);
    expectNoPollution();
  });

  it("no arguments at all: a tool that requires nothing answers (with its defaults), the others name each required field", async () => {
    for (const name of TOOL_NAMES) {
      const before = recorded.length;
      const result = (await session.client.callTool({ name })) as CallToolResult;
      const sent = recorded.slice(before);
      expectWellFormed(result);
      const { required } = model(name);
      if (required.length === 0) {
        expect(result.isError, `${name}: ${textOf(result).slice(0, 300)}`).toBeFalsy();
        expectAnswerFits(name, {}, result.structuredContent, sent);
      } else {
        expect(result.isError).toBe(true);
        for (const field of required) expect(textOf(result)).toMatch(new RegExp(`${field} is required: `));
        expect(sent).toEqual([]);
      }
    }
  });

  it("an unknown tool is a tool error naming it and the tools there are, and the server stays up", async () => {
    const { result, text, sent } = await callTool("tp_delete_workout", { workout_id: 1 });
    expect(result.isError).toBe(true);
    expect(text).toBe(unknownToolText("tp_delete_workout", Object.keys(toolDefinitions)));
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
