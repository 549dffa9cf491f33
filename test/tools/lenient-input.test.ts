/**
 * Arguments in the forms models copy ("workout_id": "123…", "sport": "bike") are read as the
 * canonical ones, over MCP, while tools/list keeps publishing the canonical schemas.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ToolName } from "../../src/generated/tools.js";
import { connectInMemory, textOf } from "../support/mcp.js";
import { setupSpecServer } from "../support/spec-mocks.js";
import { testClient } from "../support/test-client.js";

const mock = setupSpecServer();
let session: Awaited<ReturnType<typeof connectInMemory>>;
let recorded: ReturnType<typeof mock.use>["recorded"];

beforeEach(async () => {
  recorded = mock.use().recorded;
  session = await connectInMemory({ client: testClient() });
});
afterEach(() => session.close());

async function answer(name: ToolName, args: Record<string, unknown>) {
  const result = await session.client.callTool({ name, arguments: args });
  // The user lookup is cached after the first call; the data requests are what must match.
  const requests = recorded.filter((r) => r.operationId !== "exchangeToken" && r.operationId !== "getUser").map((r) => r.url.href);
  recorded.length = 0;
  return { result, text: textOf(result), requests };
}

/** The same call with the canonical and the lenient arguments: the same answer and the same requests. */
async function expectSameAnswer(name: ToolName, canonical: Record<string, unknown>, lenient: Record<string, unknown>) {
  const expected = await answer(name, canonical);
  expect(expected.result.isError, expected.text).toBeFalsy();
  expect(expected.requests.length).toBeGreaterThan(0);
  const got = await answer(name, lenient);
  expect(got.result.isError, got.text).toBeFalsy();
  expect(got.result.structuredContent).toEqual(expected.result.structuredContent);
  expect(got.text).toBe(expected.text);
  expect(got.requests).toEqual(expected.requests);
}

describe("lenient arguments", () => {
  it.each<[ToolName, Record<string, unknown>, Record<string, unknown>]>([
    ["tp_get_workout", { workout_id: 3300000123 }, { workout_id: "3300000123" }],
    ["tp_get_workout_prs", { workout_id: 3300000123 }, { workout_id: "3300000123" }],
    ["tp_get_fitness", { days: 30 }, { days: "30" }],
    ["tp_get_peaks", { sport: "Bike", pr_type: "power20min", days: 730 }, { sport: "bike", pr_type: "POWER20MIN", days: "730" }],
    ["tp_get_peaks", { sport: "Run", pr_type: "hR5sec" }, { sport: "RUN", pr_type: "hr5sec" }],
    ["tp_get_workouts", { start_date: "2026-09-13", end_date: "2026-09-19", type: "completed" }, { start_date: "2026-09-13", end_date: "2026-09-19", type: "Completed" }],
  ])("%s reads %j and %j alike", async (name, canonical, lenient) => {
    await expectSameAnswer(name, canonical, lenient);
  });

  it("still refuses text that is not a plain number, naming the field, with no request sent", async () => {
    const { result, text, requests } = await answer("tp_get_workout", { workout_id: "12e3" });
    expect(result.isError).toBe(true);
    expect(text).toMatch(/workout_id must be a whole number of at least 1 \(e\.g\. 3300000123\); got "12e3"/);
    expect(requests).toEqual([]);
  });

  it("still applies the bounds to a number given as text", async () => {
    const { result, text, requests } = await answer("tp_get_fitness", { days: "366" });
    expect(result.isError).toBe(true);
    expect(text).toMatch(/days must be a whole number from 1 to 365 .*; got "366"/);
    expect(requests).toEqual([]);
  });

  it("tools/list publishes the canonical forms only", async () => {
    const { tools } = await session.client.listTools();
    const input = (name: string) => tools.find((tool) => tool.name === name)!.inputSchema as { properties: Record<string, { type?: string; enum?: string[] }> };
    expect(input("tp_get_workout").properties.workout_id!.type).toBe("integer");
    expect(input("tp_get_fitness").properties.days!.type).toBe("integer");
    expect(input("tp_get_peaks").properties.sport!.enum).toEqual(["Bike", "Run"]);
  });
});
