/**
 * Cancellation: an MCP request cancelled by the client (AbortSignal → notifications/cancelled)
 * aborts the HTTP requests it started, wherever it is (waiting for an answer, paced, backing off
 * before a retry), leaves nothing running, and does not disturb other calls.
 *
 * msw hands the handlers the request's own `signal`, and fires it when the fetch is aborted; one
 * test also checks a real socket closes (a local HTTP server).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { McpError, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { http, HttpResponse, passthrough } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import { isTpError } from "../../src/client/errors.js";
import { defaultSleep, type Sleep } from "../../src/client/transport.js";
import type { OperationId } from "../../src/generated/constants.js";
import { toolDefinitions, type ToolName } from "../../src/generated/tools.js";
import { textOf } from "../support/mcp.js";
import { exampleValue, setupSpecServer } from "../support/spec-mocks.js";
import { connect, recordingLogger, testClient, type Session } from "./harness.js";

const mock = setupSpecServer();
/** How long "promptly" is. */
const PROMPT_MS = 500;

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

interface Stalled {
  operationId: OperationId;
  aborted: boolean;
}

/**
 * Handlers for `operationIds` that never answer until their request's signal aborts (then 499);
 * `release()` answers the waiting ones, and all later ones, with the spec's example.
 */
function stall(operationIds: OperationId[]) {
  const seen: Stalled[] = [];
  const waiting = new Set<() => void>();
  let released = false;
  const overrides = Object.fromEntries(
    operationIds.map((operationId) => [
      operationId,
      ({ request }: { request: Request }) => {
        if (released) return HttpResponse.json(exampleValue(operationId) as never);
        const entry: Stalled = { operationId, aborted: false };
        seen.push(entry);
        return new Promise<Response>((resolve) => {
          const answer = () => {
            waiting.delete(answer);
            resolve(HttpResponse.json(exampleValue(operationId) as never));
          };
          const onAbort = () => {
            entry.aborted = true;
            waiting.delete(answer);
            resolve(new HttpResponse(null, { status: 499 }));
          };
          waiting.add(answer);
          if (request.signal.aborted) onAbort();
          else request.signal.addEventListener("abort", onAbort, { once: true });
        });
      },
    ]),
  );
  return {
    overrides,
    seen,
    release() {
      released = true;
      for (const answer of [...waiting]) answer();
    },
  };
}

/** Tracks whether a promise has settled, without letting its rejection go unhandled. */
function track<T>(promise: Promise<T>) {
  const state = { settled: false, outcome: undefined as { ok: true; value: T } | { ok: false; error: unknown } | undefined };
  const done = promise.then(
    (value) => {
      state.settled = true;
      state.outcome = { ok: true, value };
    },
    (error: unknown) => {
      state.settled = true;
      state.outcome = { ok: false, error };
    },
  );
  return { state, done };
}

/** Rejects when `promise` has not settled after `ms` (unlike a test timeout, says what hung). */
async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits for a rejection and how long it took after `since`. */
async function rejectionAfter(promise: Promise<unknown>, since: number): Promise<{ error: unknown; elapsed: number }> {
  const error = await within(
    2_000,
    "the cancelled call",
    promise.then(
      (value) => {
        throw new Error(`expected the cancelled call to reject, it answered ${JSON.stringify(value).slice(0, 200)}`);
      },
      (rejection: unknown) => rejection,
    ),
  );
  return { error, elapsed: Date.now() - since };
}

/** What the SDK's Client rejects a call cancelled by its signal with. */
function expectSdkCancellation(error: unknown, reason = /AbortError: This operation was aborted/) {
  expect(error).toBeInstanceOf(McpError);
  expect((error as McpError).code).toBe(-32001); // RequestTimeout: the SDK's code for a cancelled request
  expect((error as McpError).message).toMatch(reason);
}

/** Aborts `controller` and expects `call` to reject promptly with the SDK's cancellation. */
async function abortPromptly(controller: AbortController, call: Promise<unknown>, reason?: Error, message?: RegExp) {
  const abortedAt = Date.now();
  controller.abort(reason);
  const { error, elapsed } = await rejectionAfter(call, abortedAt);
  expectSdkCancellation(error, message);
  expect(elapsed).toBeLessThan(PROMPT_MS);
}

async function expectAnswers(name: ToolName, args: Record<string, unknown>) {
  const result = (await session!.client.callTool({ name, arguments: args })) as CallToolResult;
  expect(result.isError, textOf(result)).toBeFalsy();
  toolDefinitions[name].outputSchema.parse(result.structuredContent);
}

const WORKOUTS_ARGS = { start_date: "2026-09-13", end_date: "2026-09-19" };

describe("a cancelled tool call aborts its HTTP requests", () => {
  // Each tool on its first declared example, every operation it declares stalled (the user
  // lookup aside: it comes first, and the session shares it, so no one caller's cancellation
  // aborts it; tp_list_athletes, which sends nothing else, is therefore not among these).
  const cases = (Object.keys(toolDefinitions) as ToolName[]).flatMap((name) => {
    const operations = toolDefinitions[name].operations.filter((operation) => operation !== "getUser") as OperationId[];
    return operations.length ? [[name, toolDefinitions[name].examples[0] as Record<string, unknown>, operations] as const] : [];
  });
  it.each(cases)("%s: rejects promptly, the mock sees its requests abort, nothing is left running, the next call answers", { timeout: 5_000 }, async (name, args, operations) => {
    const stalled = stall(operations);
    const { recorded } = mock.use({ overrides: stalled.overrides });
    const logger = recordingLogger();
    session = await connect({ client: testClient(), logger });
    const current = session;

    const controller = new AbortController();
    const pending = current.client.callTool({ name, arguments: args }, undefined, { signal: controller.signal });
    const call = track(pending);
    await vi.waitFor(() => expect(stalled.seen.length).toBeGreaterThan(0), { timeout: 2_000, interval: 5 });
    // Requests a tool sends side by side are all under way by now.
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(call.state.settled, "the call answered although its requests never did").toBe(false);
    const seen = stalled.seen.map((s) => s.operationId);

    await abortPromptly(controller, pending);

    // Every HTTP request of the call saw its signal abort, and none was sent again.
    await vi.waitFor(() => expect(stalled.seen.every((s) => s.aborted)).toBe(true), { timeout: PROMPT_MS, interval: 5 });
    await within(PROMPT_MS, "the server's in-flight calls", current.idle());
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const operation of seen) expect(recorded.filter((r) => r.operationId === operation)).toHaveLength(1);
    expect(logger.errors).toEqual([]);

    // The server still answers.
    stalled.release();
    await expectAnswers(name, args);
    expect(logger.errors).toEqual([]);
  });

  it("an abort reason of the caller's own comes back in the SDK's error", { timeout: 5_000 }, async () => {
    const stalled = stall(["getWorkouts"]);
    mock.use({ overrides: stalled.overrides });
    session = await connect({ client: testClient() });
    const controller = new AbortController();
    const call = session.client.callTool({ name: "tp_get_workouts", arguments: WORKOUTS_ARGS }, undefined, { signal: controller.signal });
    await vi.waitFor(() => expect(stalled.seen).toHaveLength(1), { timeout: 2_000, interval: 5 });
    await abortPromptly(controller, call, new Error("the user pressed stop"), /^MCP error -32001: Error: the user pressed stop$/);
    await vi.waitFor(() => expect(stalled.seen[0]?.aborted).toBe(true), { timeout: PROMPT_MS, interval: 5 });
  });

  it("a signal aborted before the call is never sent: nothing reaches the API", async () => {
    const { recorded } = mock.use();
    session = await connect({ client: testClient() });
    const signal = AbortSignal.abort();
    const error = await session.client.callTool({ name: "tp_get_workouts", arguments: WORKOUTS_ARGS }, undefined, { signal }).then(
      () => undefined,
      (rejection: unknown) => rejection,
    );
    // The SDK's Client checks the signal before sending, and throws its reason as is.
    expect(error).toBe(signal.reason);
    expect((error as DOMException).name).toBe("AbortError");
    await within(PROMPT_MS, "the server's in-flight calls", session.idle());
    expect(recorded).toEqual([]);
    await expectAnswers("tp_get_workouts", WORKOUTS_ARGS);
  });
});

describe("cancelled while the transport waits", () => {
  /** A sleep that reports each wait, so a test can cancel while one is under way. */
  function spySleep() {
    const waits: number[] = [];
    const sleep: Sleep = (ms, signal) => {
      waits.push(ms);
      return defaultSleep(ms, signal);
    };
    return { waits, sleep };
  }

  it("while paced: the wait ends at once and the request is never sent", { timeout: 5_000 }, async () => {
    const { recorded } = mock.use();
    const { waits, sleep } = spySleep();
    // Two requests at once (the token exchange and the user lookup), then one a minute.
    session = await connect({ client: testClient({ transport: { requestsPerMinute: 1, burst: 2, sleep } }) });
    const controller = new AbortController();
    const call = session.client.callTool({ name: "tp_get_workouts", arguments: WORKOUTS_ARGS }, undefined, { signal: controller.signal });
    await vi.waitFor(() => expect(waits.length).toBeGreaterThan(0), { timeout: 2_000, interval: 5 });
    expect(waits[0]).toBeGreaterThan(10_000);
    await abortPromptly(controller, call);
    await within(PROMPT_MS, "the server's in-flight calls", session.idle());
    expect(recorded.map((r) => r.operationId)).toEqual(["exchangeToken", "getUser"]);
  });

  it("while backing off before a retry: the wait ends at once and no retry is sent", { timeout: 5_000 }, async () => {
    const { recorded } = mock.use({
      overrides: { getWorkouts: () => HttpResponse.json({ message: "busy" }, { status: 503, headers: { "Retry-After": "30" } }) },
    });
    const { waits, sleep } = spySleep();
    session = await connect({ client: testClient({ transport: { requestsPerMinute: Infinity, sleep } }) });
    const controller = new AbortController();
    const call = session.client.callTool({ name: "tp_get_workouts", arguments: WORKOUTS_ARGS }, undefined, { signal: controller.signal });
    await vi.waitFor(() => expect(waits).toEqual([30_000]), { timeout: 2_000, interval: 5 });
    await abortPromptly(controller, call);
    await within(PROMPT_MS, "the server's in-flight calls", session.idle());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(recorded.filter((r) => r.operationId === "getWorkouts")).toHaveLength(1);
  });
});

describe("cancelling one call does not disturb the others", () => {
  it("two calls waiting on their own requests: only the cancelled one's request aborts, the other answers", { timeout: 5_000 }, async () => {
    const stalled = stall(["getWorkouts"]);
    mock.use({ overrides: stalled.overrides });
    session = await connect({ client: testClient() });
    await expectAnswers("tp_get_fitness", { days: 2, end_date: "2026-11-24" }); // token and athlete id now cached
    const controller = new AbortController();
    const cancelled = session.client.callTool({ name: "tp_get_workouts", arguments: WORKOUTS_ARGS }, undefined, { signal: controller.signal });
    const other = track(session.client.callTool({ name: "tp_get_workouts", arguments: { start_date: "2026-09-14", end_date: "2026-09-20" } }));
    await vi.waitFor(() => expect(stalled.seen).toHaveLength(2), { timeout: 2_000, interval: 5 });
    controller.abort();
    expectSdkCancellation((await rejectionAfter(cancelled, Date.now())).error);
    await vi.waitFor(() => expect(stalled.seen.filter((s) => s.aborted)).toHaveLength(1), { timeout: PROMPT_MS, interval: 5 });
    expect(other.state.settled).toBe(false);
    stalled.release();
    await within(2_000, "the other call", other.done);
    const result = other.state.outcome?.ok ? (other.state.outcome.value as CallToolResult) : undefined;
    expect(result?.isError, result && textOf(result)).toBeFalsy();
    expect(result?.structuredContent).toMatchObject({ start_date: "2026-09-14", end_date: "2026-09-20" });
  });

  it("a call cancelled during the first user lookup: the shared lookup carries on, and the next call reuses it", { timeout: 5_000 }, async () => {
    const stalled = stall(["getUser"]);
    const { recorded } = mock.use({ overrides: stalled.overrides });
    session = await connect({ client: testClient() });
    const controller = new AbortController();
    const call = session.client.callTool({ name: "tp_get_workouts", arguments: WORKOUTS_ARGS }, undefined, { signal: controller.signal });
    await vi.waitFor(() => expect(stalled.seen).toHaveLength(1), { timeout: 2_000, interval: 5 });
    controller.abort();
    expectSdkCancellation((await rejectionAfter(call, Date.now())).error);
    await within(PROMPT_MS, "the server's in-flight calls", session.idle());
    // Other calls may be waiting on the same lookup: one caller's cancellation does not abort it.
    expect(stalled.seen[0]?.aborted).toBe(false);
    stalled.release();
    await expectAnswers("tp_get_workouts", WORKOUTS_ARGS);
    expect(recorded.filter((r) => r.operationId === "getUser")).toHaveLength(1);
  });

  /**
   * The athlete-id lookup is shared by every call that arrives while it runs; it once carried the
   * first caller's signal, so cancelling that caller failed every other call waiting on it.
   */
  it("a call cancelled during the shared first user lookup: a concurrent call still answers", { timeout: 5_000 }, async () => {
    const stalled = stall(["getUser"]);
    mock.use({ overrides: stalled.overrides });
    const logger = recordingLogger();
    session = await connect({ client: testClient(), logger });
    const controller = new AbortController();
    const cancelled = session.client.callTool({ name: "tp_get_workouts", arguments: WORKOUTS_ARGS }, undefined, { signal: controller.signal });
    await vi.waitFor(() => expect(stalled.seen).toHaveLength(1), { timeout: 2_000, interval: 5 });
    const other = track(session.client.callTool({ name: "tp_get_fitness", arguments: { days: 2, end_date: "2026-11-24" } }));
    await new Promise((resolve) => setTimeout(resolve, 20)); // the other call is now waiting on the same lookup
    controller.abort();
    expectSdkCancellation((await rejectionAfter(cancelled, Date.now())).error);
    await new Promise((resolve) => setTimeout(resolve, 20));
    stalled.release();
    await within(2_000, "the other call", other.done);
    const result = other.state.outcome?.ok ? (other.state.outcome.value as CallToolResult) : undefined;
    const logged = logger.errors.map((e) => `${e.message}: ${String(e.error)}`);
    expect(result?.isError, `the other call failed with "${result && textOf(result)}"; logged: ${JSON.stringify(logged)}`).toBeFalsy();
    expect(result?.structuredContent).toMatchObject({ end_date: "2026-11-24" });
    expect(logged).toEqual([]);
  });
});

describe("over a real socket", () => {
  it("cancelling the call closes the HTTP connection the server was holding open", { timeout: 5_000 }, async () => {
    const held: Array<{ url: string; closed: boolean }> = [];
    const answerJson = (reply: ServerResponse, value: unknown) => {
      reply.writeHead(200, { "content-type": "application/json" });
      reply.end(JSON.stringify(value));
    };
    const server = createServer((request: IncomingMessage, reply: ServerResponse) => {
      const url = request.url ?? "/";
      if (url.startsWith("/users/v3/token")) return answerJson(reply, exampleValue("exchangeToken"));
      if (url.startsWith("/users/v3/user")) return answerJson(reply, exampleValue("getUser"));
      // The workouts: never answered; note when the client goes away.
      const entry = { url, closed: false };
      held.push(entry);
      reply.on("close", () => (entry.closed = true));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      mock.server.use(http.all(`${base}/*`, () => passthrough()));
      session = await connect({ client: testClient({ baseUrl: base }) });
      const controller = new AbortController();
      const call = session.client.callTool({ name: "tp_get_workouts", arguments: WORKOUTS_ARGS }, undefined, { signal: controller.signal });
      await vi.waitFor(() => expect(held).toHaveLength(1), { timeout: 2_000, interval: 5 });
      expect(held[0]?.url).toBe("/fitness/v6/athletes/2400117/workouts/2026-09-13/2026-09-19");
      expect(held[0]?.closed).toBe(false);
      await abortPromptly(controller, call);
      await vi.waitFor(() => expect(held[0]?.closed).toBe(true), { timeout: PROMPT_MS, interval: 5 });
      await within(PROMPT_MS, "the server's in-flight calls", session.idle());
      expect(held).toHaveLength(1);
    } finally {
      await session?.close();
      session = undefined;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

/**
 * The SDK's own contract for `signal` (what the MCP server relies on): a call aborted by its
 * caller rejects with the caller's abort reason, as fetch does, and not as a TrainingPeaks failure.
 * The MCP SDK aborts a cancelled request's signal with a string reason, so without this every
 * cancelled tool call would take the "Could not reach TrainingPeaks" path (and the server would
 * answer it as an upstream failure rather than "The request was cancelled.").
 */
describe("the SDK rejects an aborted call with the caller's reason", () => {
  it.each<[string, () => unknown]>([
    ["abort() (a DOMException AbortError)", () => undefined],
    ["a string reason, as the MCP SDK sends", () => "AbortError: This operation was aborted"],
    ["an Error reason", () => new Error("the user pressed stop")],
  ])("%s", { timeout: 5_000 }, async (_title, reasonOf) => {
    const stalled = stall(["getWorkouts"]);
    mock.use({ overrides: stalled.overrides });
    const client = testClient();
    const controller = new AbortController();
    const call = client.getWorkouts("2026-09-13", "2026-09-19", { signal: controller.signal });
    await vi.waitFor(() => expect(stalled.seen).toHaveLength(1), { timeout: 2_000, interval: 5 });
    const reason = reasonOf();
    controller.abort(reason);
    const { error, elapsed } = await rejectionAfter(call, Date.now());
    expect(elapsed).toBeLessThan(PROMPT_MS);
    expect(stalled.seen[0]?.aborted).toBe(true);
    expect(isTpError(error), `reported as a TrainingPeaks failure: ${String((error as Error).message ?? error)}`).toBe(false);
    expect(error).toBe(controller.signal.reason);
  });
});
