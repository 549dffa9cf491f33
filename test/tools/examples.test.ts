/**
 * Every tool runs on each of its declared example arguments against the spec's mocks: it answers
 * with a result its output schema accepts, and sends only the operations its declaration lists
 * (the token exchange aside, which every session makes), each of them on some example. This is
 * what makes a declaration's `operations:` true rather than decorative.
 */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTrainingPeaksClient } from "../../src/client/client.js";
import { toolDefinitions, type ToolName } from "../../src/generated/tools.js";
import { connectInMemory, textOf } from "../support/mcp.js";
import { setupSpecServer, TEST_BASE_URL, TEST_PEAKSWARE_BASE_URL, type RecordedRequest } from "../support/spec-mocks.js";

const mock = setupSpecServer();
let session: Awaited<ReturnType<typeof connectInMemory>>;
let recorded: RecordedRequest[];

beforeEach(async () => {
  recorded = mock.use().recorded;
  const client = createTrainingPeaksClient({ cookie: "test-cookie-value", baseUrl: TEST_BASE_URL, peakswareBaseUrl: TEST_PEAKSWARE_BASE_URL, env: {} });
  // Today as a real server finds it, so each athlete's time-zone lookup is among what is sent.
  session = await connectInMemory({ client, today: "athlete's" });
});
afterEach(() => session.close());

const cases = (Object.keys(toolDefinitions) as ToolName[]).flatMap((name) =>
  toolDefinitions[name].examples.map((args, index) => [name, index, args as Record<string, unknown>] as const),
);

describe.each(cases)("%s, example %i", (name, _index, args) => {
  it("answers within its output schema and sends only its declared operations", async () => {
    const result = (await session.client.callTool({ name, arguments: args })) as CallToolResult;

    expect(result.isError, textOf(result)).toBeFalsy();
    expect(() => toolDefinitions[name].outputSchema.parse(result.structuredContent)).not.toThrow();
    expect(textOf(result).trim()).not.toBe("");
    const allowed = new Set<string>([...toolDefinitions[name].operations, "exchangeToken"]);
    const undeclared = recorded.map((request) => request.operationId).filter((operation) => !allowed.has(operation));
    expect(undeclared, `${name} sent operations its declaration does not list`).toEqual([]);
  });
});

describe.each(Object.keys(toolDefinitions) as ToolName[])("%s's declared operations", (name) => {
  it("are each sent by one of its examples", async () => {
    const sent = new Set<string>();
    for (const args of toolDefinitions[name].examples) {
      const before = recorded.length;
      await session.client.callTool({ name, arguments: args as Record<string, unknown> });
      for (const request of recorded.slice(before)) sent.add(request.operationId);
    }
    const unused = toolDefinitions[name].operations.filter((operation) => !sent.has(operation));
    expect(unused, `${name} declares operations none of its examples sends: add an example or drop them`).toEqual([]);
  });
});
