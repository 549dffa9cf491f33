/**
 * A hostile TrainingPeaks, end to end: the built `tp-mcp serve` and `tp-mcp auth` against a small
 * fake on 127.0.0.1 that echoes the request's secrets in its reason phrases and hands out
 * a token with CR/LF in it, and settings that would send the cookie in clear or carry a password.
 * Each case must end in a clear error (never "Internal error" or a stack), the server must keep
 * answering, and the canary cookie and tokens must appear in no byte the processes write.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { operationOfRequest } from "../../src/client/routes.js";
import { addDays } from "../../src/core/dates.js";
import { createDemoFetch, demoToday } from "../../src/demo/index.js";
import { startMockHttpServer } from "../support/http-mock.js";
import { CLI, childEnv, StdioProcess } from "../support/stdio-process.js";

const CANARY_COOKIE = `V001HOSTILEE2ECOOKIE_${"h".repeat(40)}`;
const CANARY_TOKEN = `HOSTILEE2ETOKEN_${"j".repeat(30)}`;
const BAD_TOKEN = `HOSTILEBADTOKEN_${"b".repeat(20)}\r\nX-Injected: 1`;
/** In a URL's password: must never be echoed either. */
const URL_PASSWORD = "hunter2urlpassword";
/** Every secret no output may contain; "HOSTILE" catches any part of a token that was cut. */
const SECRETS = [CANARY_COOKIE, CANARY_TOKEN, "HOSTILEBADTOKEN", "HOSTILEE2E", URL_PASSWORD, "Production_tpAuth="];

/** A message that comes from a bug (or its stack) rather than from the error family. */
const CRASH = /Internal error|TypeError|\n\s+at /;

/** What the fake does with one request: answer with a reason phrase that echoes its secrets, or pass. */
type Action = { echo: number } | { token: string } | "pass";

interface Fake {
  url: string;
  /** The next answers to an operation, in order; afterwards the demo athlete answers (exchange: the canary token). */
  script(operation: string, actions: Action[]): void;
  count(operation: string): number;
  reset(): void;
  close(): Promise<void>;
}

async function startFake(): Promise<Fake> {
  const demo = createDemoFetch();
  const scripts = new Map<string, Action[]>();
  let seen: string[] = [];
  const mock = await startMockHttpServer((request) => {
    const operation = operationOfRequest(request) ?? `${request.method} ${new URL(request.url).pathname}`;
    seen.push(operation);
    const action = scripts.get(operation)?.shift() ?? (operation === "exchangeToken" ? { token: CANARY_TOKEN } : "pass");
    if (action === "pass") return demo(new Request(request.url, { method: request.method, headers: { authorization: request.headers.get("authorization") ?? "" } }));
    if ("echo" in action) {
      // The reason phrase repeats the secrets the request carried, as a hostile proxy might.
      const phrase = `echo ${request.headers.get("cookie") ?? ""} ${request.headers.get("authorization") ?? ""}`.trim();
      return new Response("{}", { status: action.echo, statusText: phrase, headers: { "content-type": "application/json" } });
    }
    return Response.json({ success: true, token: { access_token: action.token, token_type: "Bearer", expires_in: 3600 } });
  });
  return {
    url: mock.url,
    script: (operation, actions) => void scripts.set(operation, [...actions]),
    count: (operation) => seen.filter((name) => name === operation).length,
    reset() {
      scripts.clear();
      seen = [];
    },
    close: mock.close,
  };
}

let fake: Fake;
const outputs: string[] = [];

beforeAll(async () => {
  fake = await startFake();
});
beforeEach(() => fake.reset());
afterAll(async () => {
  await fake?.close();
  // Whatever ran above, no process wrote a secret.
  for (const output of outputs) for (const secret of SECRETS) expect(output).not.toContain(secret);
});

const today = demoToday();
const WORKOUTS = { start_date: addDays(today, -6), end_date: today, type: "all" };
/** Fast failures: no retry of the 500, no pacing wait. */
const TRANSPORT_ENV = { TP_MAX_RETRIES: "0", TP_REQUESTS_PER_MINUTE: "100000", TP_REQUEST_TIMEOUT_MS: "5000" };
const ANSWER_WITHIN = { timeoutMs: 10_000 };

const textOf = (result: { content: Array<{ text?: string }> }) => result.content.map((item) => item.text ?? "").join("\n");

describe("tp-mcp serve against a hostile upstream", () => {
  it("echoed secrets and a CR/LF token are clear errors, the server keeps serving, no secret leaks", async () => {
    fake.script("exchangeToken", [{ token: BAD_TOKEN }]);
    fake.script("getUser", [{ echo: 418 }]);
    fake.script("getWorkouts", [{ echo: 500 }]);
    const server = StdioProcess.cli(["serve"], {
      TP_AUTH_COOKIE: CANARY_COOKIE,
      TP_API_BASE_URL: fake.url,
      TP_PEAKSWARE_BASE_URL: fake.url,
      TP_MCP_HOME: "/nonexistent/tp-mcp-e2e-hostile",
      ...TRANSPORT_ENV,
    });
    try {
      await server.initialize(ANSWER_WITHIN);
      const answers: string[] = [];
      const call = async () => {
        const result = await server.callTool("tp_get_workouts", WORKOUTS, ANSWER_WITHIN);
        answers.push(textOf(result));
        return result;
      };

      // The token that cannot go into a header: refused, not cached.
      const badToken = await call();
      expect(badToken.isError).toBe(true);
      expect(textOf(badToken)).toMatch(/exchangeToken with a token that cannot be sent back.*try again/);
      // A 418 whose reason phrase echoes the cookie and the token: the code, never the phrase.
      const teapot = await call();
      expect(teapot.isError).toBe(true);
      expect(textOf(teapot)).toMatch(/while reading your account \(418\); .*[Tt]ry again/);
      expect(fake.count("exchangeToken")).toBe(2);
      // The same on the data call, after the transport gives up.
      const outage = await call();
      expect(outage.isError).toBe(true);
      expect(textOf(outage)).toMatch(/while reading your workouts \(500/);
      // And the server still answers.
      const fine = await call();
      expect(fine.isError, textOf(fine)).toBeFalsy();
      expect((fine.structuredContent?.workouts as unknown[]).length).toBeGreaterThan(0);
      expect(fake.count("exchangeToken")).toBe(2);

      for (const text of answers) expect(text).not.toMatch(/echo|Internal error|Bearer/);
    } finally {
      const code = await server.end(5_000);
      outputs.push(server.stdout, server.stderr);
      expect(code).toBe(0);
    }
    expect(server.stderr).not.toMatch(CRASH);
  });

  it.each([
    ["plain http to another host", { TP_API_BASE_URL: "http://tpapi.example" }, /^tp-mcp serve: TP_API_BASE_URL uses plain http:\/\/ to tpapi\.example.*TP_ALLOW_INSECURE_BASE_URL=1/],
    ["a user:password@ part", { TP_PEAKSWARE_BASE_URL: `http://alice:${URL_PASSWORD}@127.0.0.1:9` }, /^tp-mcp serve: TP_PEAKSWARE_BASE_URL contains a user name or password/],
    ["a URL that does not parse", { TP_API_BASE_URL: `https://[${URL_PASSWORD}` }, /^tp-mcp serve: TP_API_BASE_URL is not a valid URL\. Set it to an https:\/\//],
  ])("%s: a configuration error at start, before any request", async (_title, env, message) => {
    const server = StdioProcess.cli(["serve"], { TP_AUTH_COOKIE: CANARY_COOKIE, TP_API_BASE_URL: fake.url, TP_PEAKSWARE_BASE_URL: fake.url, ...env });
    // It should exit on its own at once; one still serving after 5 s is killed, and fails below.
    const timer = setTimeout(() => server.child.kill("SIGKILL"), 5_000);
    const code = await server.exited;
    clearTimeout(timer);
    outputs.push(server.stdout, server.stderr);

    expect(code).toBe(1);
    expect(server.stderr).toMatch(message);
    expect(server.stderr).not.toMatch(CRASH);
    expect(server.stdout).toBe("");
    expect(fake.count("exchangeToken")).toBe(0);
  });
});

/** `tp-mcp auth` with the cookie on stdin and a fresh credential directory; resolves its output. */
async function auth(): Promise<{ code: number | null; stderr: string; stored: string[] }> {
  const home = await mkdtemp(join(tmpdir(), "tp-mcp-hostile-"));
  try {
    const child = spawn(process.execPath, [CLI, "auth"], {
      env: childEnv({ TP_MCP_HOME: home, TP_CREDENTIAL_STORE: "file", TP_API_BASE_URL: fake.url, TP_PEAKSWARE_BASE_URL: fake.url, ...TRANSPORT_ENV }),
    });
    let output = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end(CANARY_COOKIE);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    outputs.push(output, stderr);
    return { code, stderr, stored: await readdir(home) };
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

describe("tp-mcp auth against a hostile upstream", () => {
  it("a CR/LF token: a clean error, nothing stored", async () => {
    fake.script("exchangeToken", [{ token: BAD_TOKEN }]);

    const { code, stderr, stored } = await auth();

    expect(code).toBe(1);
    expect(stderr).toMatch(/^tp-mcp auth: TrainingPeaks answered exchangeToken with a token that cannot be sent back/);
    expect(stderr).not.toMatch(CRASH);
    expect(stored).toEqual([]);
  });

  it("a reason phrase echoing the cookie on the exchange: the status code alone, nothing stored", async () => {
    fake.script("exchangeToken", [{ echo: 418 }]);

    const { code, stderr, stored } = await auth();

    expect(code).toBe(1);
    expect(stderr).toMatch(/^tp-mcp auth: TrainingPeaks failed while signing in \(418\)/);
    expect(stderr).not.toMatch(/echo/);
    expect(stderr).not.toMatch(CRASH);
    expect(stored).toEqual([]);
  });
});
