/**
 * Hostile input over real stdio against the built `tp-mcp serve`: malformed and oversized lines,
 * a stalled upstream against the per-call deadline, a huge answer against the result cap, and a
 * token echoed in upstream data against the last-line scrub. After each, the same process answers
 * the next call, and the canary cookie and token appear nowhere on stdout or stderr.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { performance } from "node:perf_hooks";
import { addDays } from "../../src/core/dates.js";
import { createDemoFetch, demoToday } from "../../src/demo/index.js";
import { toolDefinitions } from "../../src/generated/tools.js";
import { CANARY_COOKIE, CANARY_TOKEN, isWorkoutList, stall, startFakeUpstream, type FakeUpstream, type Override } from "../support/fake-upstream.js";
import { StdioProcess } from "../support/stdio-process.js";

const today = demoToday();
const week = { start_date: addDays(today, -6), end_date: today, type: "all" };

/** The JSON lines the child wrote so far. */
const frames = (server: StdioProcess) =>
  server.stdout
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);

async function waitForFrame(server: StdioProcess, match: (frame: Record<string, unknown>) => boolean, timeoutMs = 5_000) {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    const found = frames(server).find(match);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no matching frame in ${timeoutMs} ms; stdout:\n${server.stdout.slice(-2000)}\nstderr:\n${server.stderr.slice(-2000)}`);
}

/** Ends the session and checks what every test promises: a clean exit, only frames, no secret. */
async function endCleanly(server: StdioProcess) {
  expect(await server.end(10_000)).toBe(0);
  for (const line of server.stdout.trim().split("\n")) expect(JSON.parse(line)).toMatchObject({ jsonrpc: "2.0" });
  for (const output of [server.stdout, server.stderr]) {
    expect(output).not.toContain(CANARY_COOKIE);
    expect(output).not.toContain(CANARY_TOKEN);
  }
}

/** One workout of the demo's week, as TrainingPeaks sends it, to multiply or alter. */
let demoWorkout: Record<string, unknown>;
let override: Override = () => undefined;
let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream((request) => override(request));
  const demo = createDemoFetch();
  const user = (await (await demo(new Request("http://demo/users/v3/user"))).json()) as { user: { personId: number } };
  const list = await demo(new Request(`http://demo/fitness/v6/athletes/${user.user.personId}/workouts/${week.start_date}/${week.end_date}`));
  demoWorkout = ((await list.json()) as Array<Record<string, unknown>>)[0]!;
});
afterAll(() => upstream.close());

const startServer = (extra: Record<string, string> = {}) => StdioProcess.cli(["serve"], upstream.env(extra));

describe("hostile input over stdio", () => {
  it("answers malformed lines with JSON-RPC errors and keeps serving", async () => {
    const server = StdioProcess.cli(["serve", "--demo"], {});
    await server.initialize();
    const write = (line: string) => server.child.stdin.write(`${line}\n`);
    write("{not json");
    expect(await waitForFrame(server, (f) => (f.error as { code?: number })?.code === -32700)).toMatchObject({ id: null });
    write(JSON.stringify([{ jsonrpc: "2.0", id: 501, method: "ping" }]));
    const batch = await waitForFrame(server, (f) => /batch/i.test(JSON.stringify(f.error ?? "")));
    expect(batch).toMatchObject({ id: null, error: { code: -32600 } });
    write(JSON.stringify({ jsonrpc: "2.0", id: 502, method: "ping", params: null }));
    expect(await waitForFrame(server, (f) => f.id === 502)).toMatchObject({ error: { code: -32600, message: expect.stringMatching(/params/) } });
    // The server still answers, and nothing answered the batch's own ping behind its back.
    expect((await server.request("ping")).result).toEqual({});
    expect(frames(server).some((f) => f.id === 501)).toBe(false);
    await endCleanly(server);
  });

  it("refuses a line over 10 MiB with an error for its id, logs it, and keeps serving", async () => {
    const server = StdioProcess.cli(["serve", "--demo"], {});
    await server.initialize();
    const huge = JSON.stringify({ jsonrpc: "2.0", id: 777, method: "tools/call", params: { name: "tp_get_fitness", arguments: { days: 7, pad: "x".repeat(11 * 1024 * 1024) } } });
    server.child.stdin.write(`${huge}\n`);
    expect(await waitForFrame(server, (f) => f.id === 777)).toMatchObject({ error: { code: -32600, message: expect.stringMatching(/too large/i) } });
    expect(server.stderr).toMatch(/refused a 11\.\d MiB message/);
    const fitness = await server.callTool("tp_get_fitness", { days: 7 });
    expect(fitness.isError).toBeFalsy();
    expect((await server.request("ping")).result).toEqual({});
    await endCleanly(server);
  });

  it("stops a call at its overall deadline with a clear answer, and cuts its upstream request", async () => {
    override = (request) => (isWorkoutList(request) ? stall() : undefined);
    const server = startServer({ TP_TOOL_TIMEOUT_MS: "1500" });
    await server.initialize();
    const started = performance.now();
    const stalled = await server.callTool("tp_get_workouts", week, { timeoutMs: 10_000 });
    const elapsed = performance.now() - started;
    expect(stalled.isError).toBe(true);
    expect(stalled.content[0]!.text).toMatch(/took too long: no answer within 1.5 s \(TP_TOOL_TIMEOUT_MS\)/);
    expect(elapsed).toBeGreaterThanOrEqual(1_400);
    expect(elapsed).toBeLessThan(5_000);
    // The deadline aborted the call's signal, so the request upstream was cut, not left running.
    const list = upstream.requests.filter((r) => /\/workouts\/\d{4}-/.test(r.url));
    expect(list.length).toBeGreaterThan(0);
    await expect.poll(() => list.every((r) => r.abortedAt !== undefined), { timeout: 2_000 }).toBe(true);
    // The same process answers the next call.
    override = () => undefined;
    expect((await server.callTool("tp_get_fitness", { days: 7 })).isError).toBeFalsy();
    await endCleanly(server);
  });

  it("refuses a result over the size cap with a way to narrow it, and serves the next call", async () => {
    // ~2,500 workouts on one week at the default cap: too much for one answer.
    const many = Array.from({ length: 2_500 }, (_, i) => ({ ...demoWorkout, workoutId: 10_000 + i, title: `Session ${i} ${"note ".repeat(40)}` }));
    override = (request) => (isWorkoutList(request) ? Response.json(many) : undefined);
    const server = startServer();
    await server.initialize();
    const big = await server.callTool("tp_get_workouts", week);
    expect(big.isError).toBe(true);
    expect(big.content[0]!.text).toMatch(/too large to send \(\d+\.\d MiB; the limit is 1\.0 MiB, TP_MAX_RESULT_BYTES\)/);
    expect(big.content[0]!.text).toMatch(/shorter date range/);
    expect(Buffer.byteLength(server.stdout)).toBeLessThan(200_000);
    override = (request) => (isWorkoutList(request) ? Response.json(many.slice(0, 20)) : undefined);
    const small = await server.callTool("tp_get_workouts", week);
    expect(small.isError).toBeFalsy();
    expect(small.structuredContent!.workouts).toHaveLength(20);
    await endCleanly(server);
  });

  it("scrubs the cookie and the token from tool results, keeping them valid", async () => {
    const leaky = [{ ...demoWorkout, title: `Intervals ${CANARY_TOKEN} and ${CANARY_COOKIE}`, description: `auth ${CANARY_TOKEN}` }];
    override = (request) => (isWorkoutList(request) ? Response.json(leaky) : undefined);
    const server = startServer();
    await server.initialize();
    const result = await server.callTool("tp_get_workouts", week);
    expect(result.isError).toBeFalsy();
    const workout = (result.structuredContent!.workouts as Array<{ title: string }>)[0]!;
    expect(workout.title).toBe("Intervals [redacted] and [redacted]");
    expect(result.content[0]!.text).toContain("[redacted]");
    expect(() => toolDefinitions.tp_get_workouts.outputSchema.parse(result.structuredContent)).not.toThrow();
    await endCleanly(server);
  });
});
