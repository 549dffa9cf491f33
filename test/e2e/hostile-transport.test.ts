/**
 * The hostile pass over the transport (issue 13), end to end: the built `tp-mcp serve` over stdio
 * against the scriptable TrainingPeaks stand-in (faults-server.ts) on 127.0.0.1.
 *
 * The stalled-body cases run the server with a garbage collection forced every 20 ms
 * (test/support/gc-loop.mjs): the hang they guard against came from a request that was held only
 * weakly once its headers were in, so at a short deadline it never showed — the deadline fired
 * before any collection did. Here the deadline is 2 s: dozens of collections run before it.
 *
 * The other groups run without the loop: it makes everything slower, and they are not about lifetimes.
 *
 * One server process per group, each case then checking that the same process answers the next call.
 */
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { addDays } from "../../src/core/dates.js";
import { createDemoFetch, demoToday } from "../../src/demo/index.js";
import { childEnv, CLI, StdioProcess, type ToolResult } from "../support/stdio-process.js";
import { answer, json, startFaultServer, type FaultAction, type FaultServer } from "./faults-server.js";

const CANARY_COOKIE = `V001TRANSPORTCANARY_${"h".repeat(40)}`;
const CANARY_TOKEN = `HOSTILECANARYTOKEN_${"t".repeat(30)}`;
const GC_LOOP = fileURLToPath(new URL("../support/gc-loop.mjs", import.meta.url));

/** The per-attempt deadline (headers; then the whole body gets as long again): the default's code path, a shorter number. */
const TIMEOUT_MS = 2_000;
/** A verdict must come within the deadline plus this (loopback and process start-up are far quicker). */
const MARGIN_MS = 3_000;
const ANSWER_WITHIN = { timeoutMs: TIMEOUT_MS + MARGIN_MS + 2_000 };

const today = demoToday();
const WORKOUTS = { start_date: addDays(today, -6), end_date: today, type: "all" };
const CRASH = /Internal error|TypeError|RangeError|Invalid time value/;

let mock: FaultServer;
/** Another origin: a redirect there must never be followed. */
let elsewhere: FaultServer;
let issued = 0;

beforeAll(async () => {
  const demo = createDemoFetch();
  await demo(new Request("http://127.0.0.1/users/v3/user"));
  const tokens = (request: Request) => {
    if (request.headers.get("cookie") !== `Production_tpAuth=${CANARY_COOKIE}`) return Response.json({ message: "denied" }, { status: 401 });
    issued += 1;
    return Response.json({ success: true, token: { access_token: `${CANARY_TOKEN}_${issued}`, token_type: "Bearer", expires_in: 3600 } });
  };
  mock = await startFaultServer((request) => (new URL(request.url).pathname === "/users/v3/token" ? tokens(request) : demo(request)));
  elsewhere = await startFaultServer(tokens);
});
afterAll(async () => {
  await mock?.close();
  await elsewhere?.close();
});
beforeEach(() => {
  mock.clear();
  elsewhere.clear();
});

/** `forceGc`: with the collection loop, for the cases about object lifetimes (it slows everything else down). */
function startServer({ env = {}, forceGc = false }: { env?: Record<string, string>; forceGc?: boolean } = {}): StdioProcess {
  return new StdioProcess([...(forceGc ? ["--expose-gc", "--import", GC_LOOP] : []), CLI, "serve"], {
    env: childEnv({
      TP_AUTH_COOKIE: CANARY_COOKIE,
      TP_API_BASE_URL: mock.url,
      TP_PEAKSWARE_BASE_URL: mock.url,
      TP_MCP_HOME: "/nonexistent/tp-mcp-e2e-hostile",
      TP_REQUEST_TIMEOUT_MS: String(TIMEOUT_MS),
      TP_MAX_RETRIES: "2",
      TP_MAX_RETRY_WAIT_MS: "3000",
      TP_REQUESTS_PER_MINUTE: "100000",
      ...env,
    }),
  });
}

const textOf = (result: ToolResult) => result.content.map((item) => item.text).join("\n");

async function timedWorkouts(server: StdioProcess): Promise<{ text: string; isError: boolean; ms: number }> {
  const { result, ms } = await server.timedCallTool("tp_get_workouts", WORKOUTS, ANSWER_WITHIN);
  return { text: textOf(result), isError: result.isError === true, ms };
}

async function expectAnswered(server: StdioProcess): Promise<void> {
  const next = await timedWorkouts(server);
  expect(next.isError, next.text).toBe(false);
}

async function until(condition: () => boolean, withinMs: number): Promise<boolean> {
  const end = performance.now() + withinMs;
  while (!condition()) {
    if (performance.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

/** Ends the server, then checks it exited cleanly and no output showed a secret. */
async function finish(server: StdioProcess, graceMs = 5_000): Promise<void> {
  const code = await server.end(graceMs);
  expect(code).toBe(0);
  for (const line of server.stdout.trim().split("\n")) expect(JSON.parse(line)).toMatchObject({ jsonrpc: "2.0" });
  for (const output of [server.stdout, server.stderr]) {
    expect(output).not.toContain(CANARY_COOKIE);
    expect(output).not.toContain(CANARY_TOKEN);
  }
  expect(server.stderr).not.toMatch(/\[tp-mcp\] error:/);
}

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };
const stalledBody: FaultAction = { kind: "partial", status: 200, headers: JSON_HEADERS, body: '[{"workoutId":1,', declaredLength: 4096, then: "stall" };
const trickle: FaultAction = { kind: "trickle", status: 200, headers: JSON_HEADERS, body: '[{"workoutId":1,"title":"slow"},', everyMs: 1_000 };
const lastWorkoutsRequest = () => mock.requests.filter((r) => r.operation === "getWorkouts").at(-1);

describe("a stalled or trickling body, with garbage collection forced in the server", () => {
  it("each is cut off at the deadline, MCP cancellation still aborts one, and the server exits when stdin closes", async () => {
    const server = startServer({ forceGc: true });
    try {
      await server.initialize(ANSWER_WITHIN);

      // Headers, then `[{"workoutId":1,` and silence.
      mock.script("getWorkouts", [stalledBody, trickle]);
      const stalled = await timedWorkouts(server);
      expect(stalled.isError, stalled.text).toBe(true);
      expect(stalled.text).toMatch(new RegExp(`Reading your workouts failed: TrainingPeaks stopped sending its answer for ${TIMEOUT_MS / 1000} s`));
      expect(stalled.text).not.toMatch(CRASH);
      expect(stalled.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
      expect(stalled.ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
      // The connection was closed, not left to hang.
      expect(await until(() => lastWorkoutsRequest()?.closedAt !== undefined, 1_000)).toBe(true);

      // One byte a second: never silent for long, never done.
      const trickled = await timedWorkouts(server);
      expect(trickled.isError, trickled.text).toBe(true);
      expect(trickled.text).toMatch(new RegExp(`Reading your workouts failed: TrainingPeaks sent its answer too slowly: it was not complete within ${TIMEOUT_MS / 1000} s`));
      expect(trickled.ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
      expect(await until(() => lastWorkoutsRequest()?.closedAt !== undefined, 1_000)).toBe(true);
      expect(mock.count("getWorkouts")).toBe(2); // a body cut off is not sent again

      await expectAnswered(server);

      // notifications/cancelled, a few collections after the body stalled: the connection closes
      // at once, long before the deadline would have closed it.
      mock.clear();
      mock.script("getWorkouts", [stalledBody]);
      server.child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id: 9001, method: "tools/call", params: { name: "tp_get_workouts", arguments: WORKOUTS } })}\n`);
      expect(await until(() => lastWorkoutsRequest() !== undefined, 2_000)).toBe(true);
      const headersAt = lastWorkoutsRequest()!.at;
      await new Promise((resolve) => setTimeout(resolve, 300));
      server.notify("notifications/cancelled", { requestId: 9001, reason: "the user cancelled" });
      expect(await until(() => lastWorkoutsRequest()?.closedAt !== undefined, 1_000)).toBe(true);
      expect(lastWorkoutsRequest()!.closedAt! - headersAt).toBeLessThan(TIMEOUT_MS - 400);

      await expectAnswered(server);

      // stdin closes while a body is stalled: the server waits for the call, which the deadline
      // ends, then exits. (Whether that last answer reaches the client first is the shutdown's
      // business, not the transport's: not asserted here.)
      mock.clear();
      mock.script("getWorkouts", [stalledBody]);
      const last = server.timedCallTool("tp_get_workouts", WORKOUTS, ANSWER_WITHIN).catch(() => undefined);
      expect(await until(() => mock.count("getWorkouts") === 1, 2_000)).toBe(true);
      const endedAt = performance.now();
      await finish(server, TIMEOUT_MS + MARGIN_MS);
      expect(performance.now() - endedAt).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
      await last;
    } finally {
      await server.end(1_000);
    }
  });
});

/** 1 GiB of zeros as gzip, about 1 MB: 64 gzip members of 16 MiB each (a valid gzip stream), so it is built in milliseconds. */
function gzipBomb(): Buffer {
  const member = gzipSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 });
  return Buffer.concat(Array.from({ length: 64 }, () => member));
}

describe("hostile answers: size, redirects, Retry-After", () => {
  it("are clear errors, bounded in requests and time, and the server answers the next call", async () => {
    const server = startServer();
    try {
      await server.initialize(ANSWER_WITHIN);

      // A token exchange redirected to another origin: not followed, the other host never asked, not retried.
      mock.script("exchangeToken", [answer(307, "", { location: `${elsewhere.url}/users/v3/token` })]);
      const crossOrigin = await timedWorkouts(server);
      expect(crossOrigin.isError, crossOrigin.text).toBe(true);
      expect(crossOrigin.text).toMatch(/Signing in failed: TrainingPeaks redirected the request \(307\) to another site, which was not followed/);
      expect(elsewhere.requests).toHaveLength(0);
      expect(mock.count("exchangeToken")).toBe(1);
      expect(mock.count("getWorkouts")).toBe(0);
      await expectAnswered(server);

      // A redirect loop: the request and 5 hops, then an error, never retried.
      mock.clear();
      mock.script("getWorkouts", [answer(302, "", { location: "/loop" })]);
      mock.script("GET /loop", [], answer(302, "", { location: "/loop" }));
      const loop = await timedWorkouts(server);
      expect(loop.isError, loop.text).toBe(true);
      expect(loop.text).toMatch(/Reading your workouts failed: TrainingPeaks redirected the request \(302\) more than 5 times in a row/);
      expect({ workouts: mock.count("getWorkouts"), loop: mock.count("GET /loop") }).toEqual({ workouts: 1, loop: 5 });
      await expectAnswered(server);

      // An endless body: cut off at the default 20 MB limit, decoded bytes counted as they stream.
      mock.clear();
      mock.script("getWorkouts", [{ kind: "endless", status: 200, headers: JSON_HEADERS, chunk: `{"workoutId":1,"title":"${"x".repeat(1000)}"},` }]);
      const endless = await timedWorkouts(server);
      expect(endless.isError, endless.text).toBe(true);
      expect(endless.text).toMatch(/Reading your workouts failed: TrainingPeaks sent more than 20 MB, the limit \(TP_MAX_RESPONSE_BYTES\)/);
      expect(endless.ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
      expect(await until(() => lastWorkoutsRequest()?.closedAt !== undefined, 1_000)).toBe(true);
      await expectAnswered(server);

      // A gzip bomb: 1 MB that inflates to 1 GiB; stopped at 20 MB of it.
      mock.clear();
      mock.script("getWorkouts", [{ kind: "bytes", status: 200, headers: { ...JSON_HEADERS, "content-encoding": "gzip" }, body: gzipBomb() }]);
      const bomb = await timedWorkouts(server);
      expect(bomb.isError, bomb.text).toBe(true);
      expect(bomb.text).toMatch(/Reading your workouts failed: TrainingPeaks sent more than 20 MB/);
      expect(bomb.ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
      await expectAnswered(server);

      // Retry-After: 99999999999999 (3 million years): a clear rate-limit answer, at once.
      mock.clear();
      mock.script("getWorkouts", [json(429, { message: "Too Many Requests" }, { "retry-after": "99999999999999" })]);
      const huge = await timedWorkouts(server);
      expect(huge.isError, huge.text).toBe(true);
      expect(huge.text).toMatch(/rate-limiting requests; try again in about 24 hours \(at \d{4}-\d\d-\d\d \d\d:\d\d UTC\)/);
      expect(huge.text).not.toMatch(CRASH);
      expect(mock.count("getWorkouts")).toBe(1);
      await expectAnswered(server);

      // 503 with Retry-After: 0, always: the retries keep the backoff's floor (0.25 s, then 0.5 s).
      mock.clear();
      mock.script("getWorkouts", [], json(503, { message: "Service Unavailable" }, { "retry-after": "0" }));
      const now = await timedWorkouts(server);
      expect(now.text).toMatch(/Reading your workouts failed after 3 attempts: TrainingPeaks answered 503 Service Unavailable/);
      const at = mock.requests.filter((r) => r.operation === "getWorkouts").map((r) => r.at);
      expect(at).toHaveLength(3);
      expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(240);
      expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(490);
      mock.clear();
      await expectAnswered(server);

      await finish(server);
    } finally {
      await server.end(1_000);
    }
  });
});

describe("the pacing queue", () => {
  it("is bounded: calls beyond it get a clear rate-limit answer at once, the rest are answered", async () => {
    // 10 requests at once, then one per 100 ms; at most 2 may wait their turn.
    const server = startServer({ env: { TP_REQUESTS_PER_MINUTE: "600", TP_MAX_QUEUED_REQUESTS: "2" } });
    try {
      await server.initialize(ANSWER_WITHIN);
      const calls = 14;
      const results = await Promise.all(Array.from({ length: calls }, () => timedWorkouts(server)));
      const refused = results.filter((r) => r.isError);
      for (const r of refused) {
        expect(r.text).toMatch(/^Reading your workouts: the request was not sent, as \d+ requests are already waiting their turn \(at most 2 may wait\); this server sends TrainingPeaks at most 600 requests a minute\. Try again in 1 second, or ask for less at once\.$/);
      }
      // The exchange and the user lookup take 2 of the 10; 8 calls go at once and 2 wait.
      expect(refused.length).toBeGreaterThanOrEqual(2);
      expect(calls - refused.length).toBeGreaterThanOrEqual(10);
      expect(mock.count("getWorkouts")).toBe(calls - refused.length);
      await new Promise((resolve) => setTimeout(resolve, 300)); // the bucket refills a little
      await expectAnswered(server);
      await finish(server);
    } finally {
      await server.end(1_000);
    }
  });
});
