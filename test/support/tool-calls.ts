/**
 * The harness of the tool behaviour suites: the spec's msw mocks (with per-test overrides), the
 * real server and the SDK's client over an in-memory transport, a fixed "today", and the
 * requests each test sent.
 */
import { afterEach, beforeEach } from "vitest";
import type { TrainingPeaksClient } from "../../src/client/client.js";
import { toolDefinitions, type ToolName } from "../../src/generated/tools.js";
import { connectInMemory } from "./mcp.js";
import { setupSpecServer, type RecordedRequest, type SpecHandlerOptions } from "./spec-mocks.js";
import { testClient } from "./test-client.js";

export const TOOL_TEST_TODAY = "2026-11-25";

type Session = Awaited<ReturnType<typeof connectInMemory>>;
type CallResult = Awaited<ReturnType<Session["client"]["callTool"]>>;

export interface ToolCalls {
  /** The requests of the current session, in the order sent. */
  readonly recorded: RecordedRequest[];
  /**
   * A fresh session on fresh spec handlers (each test starts with the plain spec mocks); `with`
   * names another client (say, on the demo's fetch) or another today.
   */
  start(options?: SpecHandlerOptions, with_?: { client?: TrainingPeaksClient; today?: string }): Promise<void>;
  /** Calls a tool; an answer that is not an error is checked against the tool's output schema. */
  call(name: ToolName, args?: Record<string, unknown>): Promise<CallResult>;
  /** The requests sent for one operation. */
  sent(operationId: string): RecordedRequest[];
  /** The MCP client of the current session, for requests other than tools/call (prompts, completions). */
  readonly client: Session["client"];
}

export function setupToolCalls(today = TOOL_TEST_TODAY): ToolCalls {
  const mock = setupSpecServer();
  let session: Session | undefined;
  let recorded: RecordedRequest[] = [];
  const calls: ToolCalls = {
    get recorded() {
      return recorded;
    },
    async start(options = {}, with_ = {}) {
      await session?.close();
      recorded = mock.use(options).recorded;
      session = await connectInMemory({ client: with_.client ?? testClient(), today: with_.today ?? today });
    },
    async call(name, args = {}) {
      const result = await session!.client.callTool({ name, arguments: args });
      if (!result.isError) toolDefinitions[name].outputSchema.parse(result.structuredContent);
      return result;
    },
    sent: (operationId) => recorded.filter((r) => r.operationId === operationId),
    get client() {
      if (!session) throw new Error("No session: call start() first (beforeEach does).");
      return session.client;
    },
  };
  beforeEach(() => calls.start());
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });
  return calls;
}
