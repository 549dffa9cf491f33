/**
 * Fault injection, end to end: the built `tp-mcp serve` as a real child process over stdio, against
 * a scriptable stand-in for TrainingPeaks on 127.0.0.1 (test/e2e/faults-server.ts). Each scenario
 * scripts the answers to one API operation (getWorkouts via tp_get_workouts, getPerformanceData via
 * tp_get_fitness, or the token exchange), calls the tool once and checks: the tool's answer (isError
 * and its message), how many requests the operation received (retries bounded, re-exchanges
 * counted), and that the same server process then answers a valid call from the demo data, writes
 * only JSON-RPC to stdout, never prints the cookie or a token, and exits cleanly.
 *
 * One server process per scenario, so token and athlete caches start empty and every count is
 * exact; scenarios run one after another so that real-time waits (backoff, timeouts) are not
 * distorted by sibling processes competing for the CPU.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { addDays } from "../../src/core/dates.js";
import { OPERATIONS } from "../../src/generated/constants.js";
import { createDemoFetch, demoToday } from "../../src/demo/index.js";
import { StdioProcess } from "../support/stdio-process.js";
import { answer, json, pass, reset, stall, startFaultServer, type FaultAction, type FaultServer } from "./faults-server.js";

const CANARY_COOKIE = `V001FAULTCANARYCOOKIE_${"q".repeat(40)}`;
/** Every exchange issues a new token with this prefix (…_1, …_2), so a retry's token is checkable. */
const CANARY_TOKEN = `FAULTCANARYTOKEN_${"k".repeat(30)}`;

/**
 * Transport limits that keep the suite fast and its counts exact:
 * - TP_REQUEST_TIMEOUT_MS=300: a stalled answer fails in 0.3 s instead of 30 s; loopback answers
 *   from the (pre-warmed) demo take a few milliseconds, far inside it.
 * - TP_MAX_RETRIES=2: at most 3 attempts per call, so "bounded" is an exact count (1 + 2).
 * - TP_MAX_RETRY_WAIT_MS=3000: the real backoff between attempts (0.5 s base for faults, 1 s for
 *   429s, with jitter) of 2 retries always fits (≤ 1.5 s resp. ≤ 3 s), a `Retry-After: 1` is
 *   honoured, and a `Retry-After: 3600` is beyond it, so the call fails at once.
 * - TP_REQUESTS_PER_MINUTE=100000: pacing (default 80/min, burst 10) never adds a wait, so the
 *   elapsed times measured are the retry logic's alone.
 */
const MAX_RETRIES = 2;
const TIMEOUT_MS = 300;
const TRANSPORT_ENV = {
  TP_REQUEST_TIMEOUT_MS: String(TIMEOUT_MS),
  TP_MAX_RETRIES: String(MAX_RETRIES),
  TP_MAX_RETRY_WAIT_MS: "3000",
  TP_REQUESTS_PER_MINUTE: "100000",
};
const ATTEMPTS = 1 + MAX_RETRIES;

const today = demoToday();
const FITNESS_DAYS = 14;

/** The two tools under fault, with the API operation each one's data comes from. */
const TOOLS = {
  workouts: {
    name: "tp_get_workouts",
    operation: "getWorkouts",
    alongside: [],
    args: { start_date: addDays(today, -6), end_date: today, type: "all" },
    checkAnswer(structured: Record<string, unknown>) {
      expect(structured).toMatchObject({ start_date: addDays(today, -6), end_date: today });
      expect((structured.workouts as unknown[]).length).toBeGreaterThan(0);
    },
  },
  fitness: {
    name: "tp_get_fitness",
    operation: "getPerformanceData",
    /** Sent alongside, unscripted: the next race for the summary. */
    alongside: ["getNextPlannedEvent"],
    args: { days: FITNESS_DAYS },
    checkAnswer(structured: Record<string, unknown>) {
      expect(structured).toMatchObject({ end_date: today, summary: { date: today } });
      expect(structured.days as unknown[]).toHaveLength(FITNESS_DAYS);
    },
  },
} as const;
type ToolKey = keyof typeof TOOLS;

/** A message that comes from a bug rather than from the error family. */
const CRASH = /Internal error|TypeError|is not a function|Cannot read propert|is not iterable/;
const AUTH_ADVICE = /Run `tp-mcp auth` with a fresh Production_tpAuth cookie/;

const htmlLoginPage =
  '<!DOCTYPE html>\n<html lang="en"><head><title>TrainingPeaks - Login</title></head>' +
  '<body><form action="/login" method="post"><input name="Username"></form></body></html>';

interface Scenario {
  name: string;
  tool: ToolKey;
  /** Scripts: for the tool's own operation ("api") and/or the token exchange. */
  api?: { queue: FaultAction[]; then?: FaultAction };
  exchange?: { queue: FaultAction[]; then?: FaultAction };
  /** undefined: the call succeeds with the demo data. Otherwise every pattern must match the message. */
  error?: RegExp[];
  /** Exact request counts during the faulty call: the tool's operation and the token exchange. */
  requests: { api: number; exchangeToken: number };
  /** Bounds on the faulty call's duration, in ms. */
  elapsed?: { min?: number; max?: number };
  /** Extra checks on the message and the requests. */
  check?: (context: { text: string; startedAt: number; finishedAt: number; mock: FaultServer; operation: string }) => void;
}

const unauthorized = json(401, { Message: "Authorization has been denied for this request." });
const unavailable = json(503, { message: "Service Unavailable" });

/** The tool's operation answers 200 with `body`, a shape the spec does not allow: the message says so. */
function apiChanged(name: string, tool: ToolKey, body: unknown): Scenario {
  // Messages speak of what was being done ("reading your workouts"), never of operation ids.
  const activity = new RegExp(`while ${OPERATIONS[TOOLS[tool].operation].activity.replace(/[()]/g, "\\$&")}`);
  return { name, tool, api: { queue: [json(200, body)] }, error: [activity, /API may have changed/], requests: { api: 1, exchangeToken: 1 } };
}

/** The refused request was sent once with the first token and once with the renewed one. */
function retriedWithRenewedToken({ mock, operation }: { mock: FaultServer; operation: string }) {
  const [first, second] = mock.requests.filter((r) => r.operation === operation);
  expect(first!.headers.authorization).toBe(`Bearer ${CANARY_TOKEN}_1`);
  expect(second!.headers.authorization).toBe(`Bearer ${CANARY_TOKEN}_2`);
}

const scenarios: Scenario[] = [
  // Auth.
  {
    name: "401 on the API call twice → auth error after exactly one re-exchange",
    tool: "workouts",
    api: { queue: [unauthorized, unauthorized] },
    error: [/refused the session cookie/, AUTH_ADVICE],
    requests: { api: 2, exchangeToken: 2 },
    check: retriedWithRenewedToken,
  },
  {
    name: "401 on the API call once, then 200 → answered after a re-exchange, with the new token",
    tool: "fitness",
    api: { queue: [unauthorized] },
    requests: { api: 2, exchangeToken: 2 },
    check: retriedWithRenewedToken,
  },
  {
    name: "401 on the token exchange → auth error, nothing else sent",
    tool: "workouts",
    exchange: { queue: [unauthorized] },
    error: [/refused access while signing in \(401\)/, AUTH_ADVICE],
    requests: { api: 0, exchangeToken: 1 },
  },
  {
    name: "a login page (200 text/html) on the token exchange → auth error",
    tool: "fitness",
    exchange: { queue: [answer(200, htmlLoginPage, { "content-type": "text/html; charset=utf-8" })] },
    error: [/did not accept the session cookie/, AUTH_ADVICE],
    requests: { api: 0, exchangeToken: 1 },
  },

  // Rate limits.
  {
    name: "429 with Retry-After: 1, then 200 → answered after waiting about 1 s",
    tool: "fitness",
    api: { queue: [json(429, { message: "Too Many Requests" }, { "retry-after": "1" })] },
    requests: { api: 2, exchangeToken: 1 },
    elapsed: { min: 900 },
    check({ mock, operation }) {
      const [first, second] = mock.requests.filter((r) => r.operation === operation);
      expect(second!.at - first!.at).toBeGreaterThanOrEqual(900);
    },
  },
  {
    name: "429 without Retry-After, always → rate-limit error saying when to try again, after bounded attempts",
    tool: "workouts",
    api: { queue: [], then: json(429, { message: "Too Many Requests" }) },
    error: [/rate-limiting/, /try again in about 1 minute \(at (\d{4}-\d\d-\d\d )?\d\d:\d\d UTC\)/],
    requests: { api: ATTEMPTS, exchangeToken: 1 },
    // Two backoffs of the 429 schedule: 0.5–1 s, then 1–2 s.
    elapsed: { min: 1_450, max: 5_000 },
  },
  {
    name: "429 with Retry-After: 3600 (beyond the wait budget) → immediate rate-limit error naming the time",
    tool: "fitness",
    api: { queue: [], then: json(429, { message: "Too Many Requests" }, { "retry-after": "3600" }) },
    error: [/rate-limiting/, /try again in about (60 minutes|1 hour)/],
    requests: { api: 1, exchangeToken: 1 },
    elapsed: { max: 2_000 },
    check({ text, startedAt, finishedAt }) {
      // "(at 15:04 UTC)", an hour from the moment of the answer (with the date if that is tomorrow).
      const named = /\(at (?:\d{4}-\d\d-\d\d )?(\d\d:\d\d) UTC\)/.exec(text)?.[1];
      const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
      const wall = Date.now() - (performance.now() - finishedAt);
      const from = wall - (finishedAt - startedAt);
      expect([hhmm(from + 3_600_000), hhmm(wall + 3_600_000)]).toContain(named);
    },
  },

  // Server errors.
  {
    name: "500 → upstream error, not retried",
    tool: "workouts",
    api: { queue: [json(500, { message: "An error has occurred." })] },
    error: [/failed while reading your workouts \(500 Internal Server Error\)/, /try again in a few minutes/i],
    requests: { api: 1, exchangeToken: 1 },
  },
  {
    name: "503 twice, then 200 → answered on the third attempt",
    tool: "fitness",
    api: { queue: [unavailable, unavailable] },
    requests: { api: 3, exchangeToken: 1 },
  },
  {
    name: "503 always → upstream error naming the operation, after bounded attempts",
    tool: "workouts",
    api: { queue: [], then: unavailable },
    error: [new RegExp(`Reading your workouts failed after ${ATTEMPTS} attempts: TrainingPeaks answered 503 Service Unavailable`), /try again in a few minutes/],
    requests: { api: ATTEMPTS, exchangeToken: 1 },
    elapsed: { max: 5_000 },
  },

  // Timeouts.
  {
    name: "no answer within TP_REQUEST_TIMEOUT_MS, always → upstream error about the time, bounded attempts and duration",
    tool: "fitness",
    api: { queue: [], then: stall },
    error: [new RegExp(`Reading your fitness \\(CTL, ATL, TSB\\) failed after ${ATTEMPTS} attempts: 127\\.0\\.0\\.1:\\d+ did not answer within ${TIMEOUT_MS} ms`)],
    requests: { api: ATTEMPTS, exchangeToken: 1 },
    elapsed: { min: ATTEMPTS * TIMEOUT_MS - 50, max: 5_000 },
  },
  {
    name: "no answer once, then 200 → answered on the second attempt",
    tool: "workouts",
    api: { queue: [stall] },
    requests: { api: 2, exchangeToken: 1 },
    elapsed: { min: TIMEOUT_MS - 50 },
  },
  {
    name: "the token exchange never answers → upstream error naming the exchange, after bounded attempts",
    tool: "fitness",
    exchange: { queue: [], then: stall },
    error: [new RegExp(`Signing in failed after ${ATTEMPTS} attempts: 127\\.0\\.0\\.1:\\d+ did not answer within ${TIMEOUT_MS} ms`)],
    requests: { api: 0, exchangeToken: ATTEMPTS },
    elapsed: { min: ATTEMPTS * TIMEOUT_MS - 50, max: 5_000 },
  },
  {
    name: "headers, then the body stalls → upstream error about the stalled answer",
    tool: "workouts",
    api: {
      queue: [{ kind: "partial", status: 200, headers: { "content-type": "application/json" }, body: '[{"workoutId":1,', declaredLength: 4096, then: "stall" }],
    },
    error: [new RegExp(`Reading your workouts failed: TrainingPeaks stopped sending its answer for ${TIMEOUT_MS} ms`)],
    requests: { api: 1, exchangeToken: 1 },
    elapsed: { max: 5_000 },
  },

  // Unreadable answers.
  {
    name: "200 with an HTML login page → upstream error telling to re-authenticate, not a crash",
    tool: "workouts",
    api: { queue: [answer(200, htmlLoginPage, { "content-type": "text/html; charset=utf-8" })] },
    error: [/sent a web page instead of data while reading your workouts/, AUTH_ADVICE],
    requests: { api: 1, exchangeToken: 1 },
  },
  {
    name: "truncated JSON → upstream error about malformed JSON",
    tool: "fitness",
    api: { queue: [answer(200, '[{"workoutDay":"2026-01-01T00:00:00","tssActual":42,"ctl":', { "content-type": "application/json" })] },
    error: [/sent malformed JSON while reading your fitness/],
    requests: { api: 1, exchangeToken: 1 },
  },
  {
    name: "the connection closes mid-body → upstream error naming the operation",
    tool: "fitness",
    api: {
      queue: [{ kind: "partial", status: 200, headers: { "content-type": "application/json" }, body: '[{"workoutDay":', declaredLength: 4096, then: "reset" }],
    },
    // Not "Could not reach TrainingPeaks …: terminated": it was reached, and undici's word is no advice.
    error: [/broke off its answer while reading your fitness/, /try again/i],
    requests: { api: 1, exchangeToken: 1 },
    check({ text }) {
      expect(text).not.toMatch(/Could not reach|terminated/);
    },
  },
  apiChanged("JSON null → upstream error saying the API may have changed", "workouts", null),

  // Unexpected shapes: a clear message, never a TypeError surfacing as "Internal error".
  apiChanged("getWorkouts answering an object instead of an array → clear error (API may have changed)", "workouts", { workouts: [] }),
  apiChanged("getWorkouts answering a string instead of an array → clear error (API may have changed)", "workouts", "Service temporarily unavailable"),
  apiChanged(
    "getWorkouts answering items without workoutId → clear error (API may have changed)",
    "workouts",
    [{ title: "Easy ride", workoutDay: `${today}T00:00:00` }, { title: "No id either" }],
  ),
  apiChanged("getPerformanceData answering an object without rows → clear error (API may have changed)", "fitness", { rows: [] }),

  // Connection resets.
  {
    name: "connection reset once, then 200 → answered on the second attempt",
    tool: "fitness",
    api: { queue: [reset] },
    requests: { api: 2, exchangeToken: 1 },
  },
  {
    name: "connection reset always → upstream network error after bounded attempts",
    tool: "workouts",
    api: { queue: [], then: reset },
    error: [new RegExp(`Reading your workouts failed after ${ATTEMPTS} attempts: the connection to 127\\.0\\.0\\.1:\\d+ broke off \\([A-Z_]+\\)`)],
    requests: { api: ATTEMPTS, exchangeToken: 1 },
    elapsed: { max: 5_000 },
  },
];

let mock: FaultServer;
let issued = 0;

beforeAll(async () => {
  const demo = createDemoFetch();
  // Build the demo athlete now: the first answer must not spend the 300 ms timeout on it.
  await demo(new Request("http://127.0.0.1/users/v3/user"));
  mock = await startFaultServer(async (request) => {
    if (new URL(request.url).pathname === "/users/v3/token") {
      if (request.headers.get("cookie") !== `Production_tpAuth=${CANARY_COOKIE}`) {
        return Response.json({ message: "Authorization has been denied for this request." }, { status: 401 });
      }
      issued += 1;
      return Response.json({ success: true, token: { access_token: `${CANARY_TOKEN}_${issued}`, token_type: "Bearer", expires_in: 3600 } });
    }
    return demo(request);
  });
});
afterAll(() => mock?.close());
beforeEach(() => {
  mock.clear();
  issued = 0;
});

function startServer() {
  return StdioProcess.cli(["serve"], {
    TP_AUTH_COOKIE: CANARY_COOKIE,
    TP_API_BASE_URL: mock.url,
    TP_PEAKSWARE_BASE_URL: mock.url,
    TP_MCP_HOME: "/nonexistent/tp-mcp-e2e-faults",
    ...TRANSPORT_ENV,
  });
}

/**
 * Each request fails clearly (with the server's stderr) if the process exits or stays silent
 * this long, well inside the test's own timeout, rather than a test that hangs until it.
 */
const ANSWER_WITHIN = { timeoutMs: 10_000 };
/** A server that does not exit this long after stdin ends is killed (and fails). */
const EXIT_WITHIN_MS = 5_000;

/** The requests of the faulty call: every one authenticated as it should be, with nothing else sent. */
function checkRequests(operation: string, alongside: readonly string[]) {
  for (const request of mock.requests) {
    if (request.operation === "exchangeToken") {
      expect(request.headers.cookie).toBe(`Production_tpAuth=${CANARY_COOKIE}`);
      expect(request.headers.authorization).toBeUndefined();
    } else {
      expect(request.headers.authorization).toMatch(new RegExp(`^Bearer ${CANARY_TOKEN}_\\d+$`));
      expect(request.headers.cookie).toBeUndefined();
      expect(["getUser", operation, ...alongside]).toContain(request.operation);
    }
  }
  // Every retry of the POST sends the same body again (replayed from a clone).
  const bodies = new Set(mock.requests.filter((r) => r.operation === operation).map((r) => r.body));
  expect(bodies.size).toBeLessThanOrEqual(1);
}

describe("the built tp-mcp serve under injected TrainingPeaks faults", () => {
  it.each(scenarios)("$tool: $name", async (scenario) => {
    const tool = TOOLS[scenario.tool];
    if (scenario.api) mock.script(tool.operation, scenario.api.queue, scenario.api.then ?? pass);
    if (scenario.exchange) mock.script("exchangeToken", scenario.exchange.queue, scenario.exchange.then ?? pass);

    const server = startServer();
    let code: Awaited<ReturnType<typeof server.end>>;
    try {
      await server.initialize(ANSWER_WITHIN);

      // The faulty call.
      const startedAt = performance.now();
      const result = await server.callTool(tool.name, tool.args, ANSWER_WITHIN);
      const finishedAt = performance.now();
      const text = result.content.map((item) => item.text).join("\n");
      const elapsed = finishedAt - startedAt;

      if (scenario.error) {
        expect(result.isError, text).toBe(true);
        expect(result.structuredContent).toBeUndefined();
        for (const pattern of scenario.error) expect(text).toMatch(pattern);
        expect(text).not.toMatch(CRASH);
      } else {
        expect(result.isError, text).toBeFalsy();
        tool.checkAnswer(result.structuredContent!);
      }
      expect({ api: mock.count(tool.operation), exchangeToken: mock.count("exchangeToken") }).toEqual(scenario.requests);
      if (scenario.elapsed?.min !== undefined) expect(elapsed).toBeGreaterThanOrEqual(scenario.elapsed.min);
      if (scenario.elapsed?.max !== undefined) expect(elapsed).toBeLessThan(scenario.elapsed.max);
      checkRequests(tool.operation, tool.alongside);
      scenario.check?.({ text, startedAt, finishedAt, mock, operation: tool.operation });

      // The same process answers the next, valid call from the demo data.
      mock.clear();
      const next = await server.callTool(tool.name, tool.args, ANSWER_WITHIN);
      expect(next.isError, next.content[0]?.text).toBeFalsy();
      tool.checkAnswer(next.structuredContent!);
      checkRequests(tool.operation, tool.alongside);
    } finally {
      code = await server.end(EXIT_WITHIN_MS);
    }

    // stdout carries JSON-RPC frames only; no output ever shows the cookie or a token.
    for (const line of server.stdout.trim().split("\n")) expect(JSON.parse(line)).toMatchObject({ jsonrpc: "2.0" });
    for (const output of [server.stdout, server.stderr]) {
      expect(output).not.toContain(CANARY_COOKIE);
      expect(output).not.toContain(CANARY_TOKEN);
    }
    // A fault is an answer, not a bug: nothing was logged as an error, and the exit was clean.
    expect(server.stderr).not.toMatch(/\[tp-mcp\] error:/);
    expect(code).toBe(0);
  });
});
