/**
 * Shutdown under load, over real stdio against the built `tp-mcp serve`: many concurrent calls
 * at the default pacing (80 requests a minute, burst 10) against an upstream that never answers,
 * so a few calls are in flight and the rest queue behind the pacer. Closing stdin or SIGTERM must
 * end the process within the grace (shortened through TP_SHUTDOWN_GRACE_MS, the same path as
 * the 5 s default) plus a margin, with exit 0, and send nothing more upstream.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { performance } from "node:perf_hooks";
import { addDays } from "../../src/core/dates.js";
import { demoToday } from "../../src/demo/index.js";
import { CANARY_COOKIE, CANARY_TOKEN, isWorkoutList, stall, startFakeUpstream, type FakeUpstream } from "../support/fake-upstream.js";
import { StdioProcess, type ToolResult } from "../support/stdio-process.js";

const GRACE_MS = 1_500;
/** Generous: start-up of the exit path, the last writes, and a loaded CI machine. */
const EXIT_MARGIN_MS = 3_000;
/** A request sent just before the stop may still be arriving; after this, none may. */
const ARRIVAL_MARGIN_MS = 300;
const CALLS = 150;

const today = demoToday();

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream((request) => (isWorkoutList(request) ? stall() : undefined));
});
afterAll(() => upstream.close());

/** A server with CALLS calls under way: the burst in flight (stalled upstream), the rest queued. */
async function loadedServer() {
  const before = upstream.requests.length;
  const server = StdioProcess.cli(["serve"], upstream.env({ TP_SHUTDOWN_GRACE_MS: String(GRACE_MS) }));
  await server.initialize();
  const answers: Array<{ result: ToolResult; at: number }> = [];
  const calls = Array.from({ length: CALLS }, (_, i) =>
    server
      .callTool("tp_get_workouts", { start_date: addDays(today, -(i % 60) - 6), end_date: addDays(today, -(i % 60)), type: "all" }, { timeoutMs: 30_000 })
      .then((result) => answers.push({ result, at: performance.now() })),
  );
  // The burst is spent once the token, the athlete and some lists went out.
  await expect.poll(() => upstream.requests.length - before, { timeout: 5_000 }).toBeGreaterThanOrEqual(8);
  return { server, answers, calls, sent: () => upstream.requests.length - before };
}

async function checkStopped(server: StdioProcess, stoppedAt: number, sent: () => number) {
  const code = await server.end(GRACE_MS + EXIT_MARGIN_MS + 5_000);
  const exitedAt = performance.now();
  expect(code).toBe(0);
  expect(exitedAt - stoppedAt).toBeLessThan(GRACE_MS + EXIT_MARGIN_MS);
  // Nothing went upstream after the stop (plus the arrival margin).
  const lastArrival = Math.max(...upstream.requests.map((r) => r.at));
  expect(lastArrival - stoppedAt).toBeLessThan(ARRIVAL_MARGIN_MS);
  // Far fewer requests than calls: the queued ones never reached the network.
  expect(sent()).toBeLessThan(CALLS / 4);
  for (const line of server.stdout.trim().split("\n")) expect(JSON.parse(line)).toMatchObject({ jsonrpc: "2.0" });
  for (const output of [server.stdout, server.stderr]) {
    expect(output).not.toContain(CANARY_COOKIE);
    expect(output).not.toContain(CANARY_TOKEN);
  }
}

describe("shutdown under load over stdio", () => {
  it("stdin closing ends the process within the grace and sends nothing more upstream", async () => {
    const { server, sent } = await loadedServer();
    const stoppedAt = performance.now();
    server.child.stdin.end();
    await checkStopped(server, stoppedAt, sent);
  });

  it("SIGTERM answers every call, queued ones at once, refuses new ones, and exits within the grace", async () => {
    const { server, answers, calls, sent } = await loadedServer();
    const stoppedAt = performance.now();
    server.child.kill("SIGTERM");
    // A call arriving once the server is stopping is refused, not run.
    await expect.poll(() => server.stderr, { timeout: 2_000 }).toMatch(/stopping \(SIGTERM\)/);
    const late = await server.callTool("tp_get_fitness", { days: 7 }, { timeoutMs: 5_000 });
    expect(late.isError).toBe(true);
    expect(late.content[0]!.text).toMatch(/shutting down and takes no new calls/);
    await Promise.all(calls);
    expect(answers).toHaveLength(CALLS);
    // Past what the pacer may queue (60 s of waiting at 80 a minute), calls were refused at once,
    // before the stop, with the rate-limit answer; every other call was stopped by the shutdown.
    const early = answers.filter(({ at }) => at < stoppedAt);
    const stopped = answers.filter(({ at }) => at >= stoppedAt);
    for (const { result } of early) {
      expect(result.isError).toBe(true);
      expect(result.content[0]!.text).toMatch(/the request was not sent, as it would have waited .* Try again in about/);
    }
    expect(stopped.length).toBeGreaterThan(CALLS / 3);
    for (const { result } of stopped) {
      expect(result.isError).toBe(true);
      expect(result.content[0]!.text).toMatch(/shutting down, so tp_get_workouts was stopped/);
    }
    // Only the few in flight waited out the grace; the queued ones were answered at once.
    const prompt = stopped.filter(({ at }) => at - stoppedAt < GRACE_MS / 2).length;
    expect(prompt).toBeGreaterThan(stopped.length - 20);
    expect(stopped.filter(({ at }) => at - stoppedAt >= GRACE_MS * 0.9).length).toBeGreaterThan(0);
    await checkStopped(server, stoppedAt, sent);
  });
});
