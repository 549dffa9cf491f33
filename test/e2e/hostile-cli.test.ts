/**
 * The built CLI against a hostile TrainingPeaks on 127.0.0.1: answers that echo the cookie and
 * the token in places the client quotes (a status text, a workout title), a token that makes the
 * client throw. Whatever the client does with them, no CLI output may carry a secret or a stack.
 */
import { spawn } from "node:child_process";
import { chmod, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoFetch } from "../../src/demo/index.js";
import { startMockHttpServer, type MockHttpServer } from "../support/http-mock.js";
import { CLI, childEnv } from "../support/stdio-process.js";

const SCENARIOS = ["echo418", "title", "crlfToken", "hugeRetryAfter"] as const;
type Scenario = (typeof SCENARIOS)[number];
// One cookie and one token per scenario, so the fake knows which scenario a request is in and
// the runs can go in parallel.
const cookieOf = (scenario: Scenario) => `V001HOSTILE_${scenario}_${"c".repeat(40)}`;
const tokenOf = (scenario: Scenario) => `HOSTILETOKEN_${scenario}_${"t".repeat(30)}`;
const ALL_SECRETS = SCENARIOS.flatMap((scenario) => [cookieOf(scenario), tokenOf(scenario)]);
const STACK_FRAME = /^\s+at .+[:(]/m;

const demo = createDemoFetch();
let mock: MockHttpServer;
const homes: string[] = [];

function scenarioOf(headers: Headers): Scenario | undefined {
  const seen = `${headers.get("cookie")} ${headers.get("authorization")}`;
  return SCENARIOS.find((scenario) => seen.includes(cookieOf(scenario)) || seen.includes(tokenOf(scenario)));
}

/** The demo's answer, as the real API would give it, with every title replaced. */
async function demoWithTitles(url: string, title: string): Promise<string> {
  const text = await (await demo(new Request(url))).text();
  return text.replace(/"title":"[^"]*"/g, `"title":${JSON.stringify(title)}`);
}

beforeAll(async () => {
  mock = await startMockHttpServer(async (request) => {
    const url = new URL(request.url);
    const scenario = scenarioOf(request.headers);
    if (!scenario) return Response.json({}, { status: 401 });
    const echo = `Production_tpAuth=${cookieOf(scenario)} Bearer ${tokenOf(scenario)}`;
    if (url.pathname === "/users/v3/token") {
      const token = scenario === "crlfToken" ? `${tokenOf(scenario)}\r\nX-Leak: 1` : tokenOf(scenario);
      return Response.json({ success: true, token: { access_token: token, token_type: "Bearer", expires_in: 3600 } });
    }
    if (scenario === "echo418") return new Response(echo, { status: 418, statusText: echo, headers: { "content-type": "text/plain" } });
    if (scenario === "hugeRetryAfter") return new Response(echo, { status: 429, statusText: echo, headers: { "retry-after": "99999999999999" } });
    return new Response(await demoWithTitles(url.href, `Tempo ${echo}`), { headers: { "content-type": "application/json" } });
  });
});

afterAll(async () => {
  await mock.close();
  await Promise.all(homes.map((home) => rm(home, { recursive: true, force: true })));
});

async function newHome(): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), "tp-mcp-hostile-"));
  homes.push(home);
  return home;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string>, stdin = ""): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: childEnv({ TP_API_BASE_URL: mock.url, TP_PEAKSWARE_BASE_URL: mock.url, TP_CREDENTIAL_STORE: "file", ...env }),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end(stdin);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function expectClean(result: Run, label: string): void {
  const output = `${result.stdout}\n${result.stderr}`;
  for (const secret of ALL_SECRETS) expect(output, `${label} printed a secret`).not.toContain(secret);
  expect(output, `${label} printed a stack trace`).not.toMatch(STACK_FRAME);
}

const lastWeek = () => {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  return JSON.stringify({ start_date: day(-6), end_date: day(0) });
};

describe("tp-mcp against a hostile upstream", () => {
  it("auth, auth-status and call print no cookie, no token and no stack, whatever the upstream sends", async () => {
    const runs = await Promise.all(
      SCENARIOS.flatMap((scenario) => [
        newHome().then(async (home) => [`auth ${scenario}`, await run(["auth"], { TP_MCP_HOME: home }, cookieOf(scenario))] as const),
        newHome().then(async (home) => {
          const env = { TP_MCP_HOME: home, TP_AUTH_COOKIE: cookieOf(scenario) };
          return [`auth-status ${scenario}`, await run(["auth-status"], env)] as const;
        }),
        newHome().then(async (home) => {
          const env = { TP_MCP_HOME: home, TP_AUTH_COOKIE: cookieOf(scenario) };
          return [`call ${scenario}`, await run(["call", "tp_get_workouts", lastWeek()], env)] as const;
        }),
      ]),
    );
    const byLabel = new Map<string, Run>(runs);
    for (const [label, result] of runs) {
      expectClean(result, label);
      // Failures say what went wrong in a line or two, not a dump.
      if (result.code !== 0) expect(result.stderr.trim().split("\n").length, label).toBeLessThanOrEqual(2);
    }
    // The echoing answers were really printed, scrubbed: the defence was exercised, not bypassed.
    const failed418 = byLabel.get("auth echo418");
    expect(failed418?.code).toBe(1);
    expect(failed418?.stderr).toMatch(/tp-mcp auth: .*418/);
    const titled = byLabel.get("call title");
    expect(titled?.code).toBe(0);
    expect(titled?.stdout).toMatch(/"title": "Tempo Production_tpAuth=\[redacted\] Bearer \[redacted\]"/);
    expect(byLabel.get("auth title")?.stdout).toMatch(/Authenticated as .*\nCookie stored in encrypted file/);
    for (const scenario of ["crlfToken", "hugeRetryAfter"] as const) {
      for (const command of ["auth", "auth-status", "call"]) expect(byLabel.get(`${command} ${scenario}`)?.code, `${command} ${scenario}`).toBe(1);
    }
  });

  it("with TP_MCP_DEBUG=1 the details may be longer but still carry no secret", async () => {
    const env = { TP_MCP_HOME: await newHome(), TP_AUTH_COOKIE: cookieOf("crlfToken"), TP_MCP_DEBUG: "1" };
    const result = await run(["auth-status"], env);
    expect(result.code).toBe(1);
    const output = `${result.stdout}\n${result.stderr}`;
    for (const secret of ALL_SECRETS) expect(output).not.toContain(secret);
  });

  it("auth keeps an existing shared TP_MCP_HOME's mode, stores no cookie in clear, and warns how to fix", async () => {
    const home = await newHome();
    await chmod(home, 0o1777);
    const auth = await run(["auth"], { TP_MCP_HOME: home }, cookieOf("title"));
    expect(auth.code).toBe(0);
    expectClean(auth, "auth");
    expect((await stat(home)).mode & 0o7777).toBe(0o1777);
    expect(auth.stderr).toBe(`warning: the credentials directory ${home} is open to other users (mode 1777): run chmod 700 ${home}\n`);
    const file = join(home, "credentials.enc");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const bytes = await readFile(file);
    expect(bytes.includes(cookieOf("title"))).toBe(false);
    expect(bytes.includes(Buffer.from(cookieOf("title")).toString("base64").slice(0, 24))).toBe(false);

    await chmod(home, 0o700);
    await chmod(file, 0o644);
    for (const args of [["auth-status"], ["call", "tp_get_workouts", lastWeek()]]) {
      const result = await run(args, { TP_MCP_HOME: home });
      expect(result.code, args[0]).toBe(0);
      expect(result.stderr, args[0]).toContain(`warning: the credentials file ${file} is open to other users (mode 644): run chmod 600 ${file}\n`);
    }
  });
});
