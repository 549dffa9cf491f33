import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDemoFetch } from "../../src/demo/index.js";
import { expectChartPng } from "../support/png.js";
import { startMockHttpServer, type MockHttpServer } from "../support/http-mock.js";
import { CLI } from "../support/stdio-process.js";

const CANARY_COOKIE = `V001CANARYCLI_${"z".repeat(48)}`;
const CANARY_TOKEN = `CANARYCLITOKEN_${"w".repeat(30)}`;
const outputs: string[] = [];
let mock: MockHttpServer;
let home: string;
let acceptCookie = true;

function run(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: {
        PATH: process.env.PATH ?? "",
        TP_MCP_HOME: home,
        TP_CREDENTIAL_STORE: "file",
        TP_API_BASE_URL: mock.url,
        TP_PEAKSWARE_BASE_URL: mock.url,
        ...options.env,
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end(options.stdin ?? "");
    child.on("close", (code) => {
      outputs.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  const demo = createDemoFetch();
  mock = await startMockHttpServer((request) => {
    if (new URL(request.url).pathname === "/users/v3/token") {
      if (!acceptCookie || request.headers.get("cookie") !== `Production_tpAuth=${CANARY_COOKIE}`) {
        return Response.json({ message: "Authorization has been denied for this request." }, { status: 401 });
      }
      return Response.json({ success: true, token: { access_token: CANARY_TOKEN, token_type: "Bearer", expires_in: 3600 } });
    }
    return demo(request);
  });
});
beforeEach(async () => {
  acceptCookie = true;
  home = await mkdtemp(join(tmpdir(), "tp-mcp-cli-"));
});
afterAll(async () => {
  await mock.close();
  // Whatever ran above, no command printed the cookie or the token.
  for (const output of outputs) {
    expect(output).not.toContain(CANARY_COOKIE);
    expect(output).not.toContain(CANARY_TOKEN);
  }
});

describe("tp-mcp", () => {
  it.each([
    [["--version"], 0, /^\d+\.\d+\.\d+\n$/],
    [["--help"], 0, /Usage: tp-mcp <command>/],
    [["call", "--help"], 0, /tp-mcp call <tool>/],
    [["frobnicate"], 2, /unknown command "frobnicate"/],
    [["serve", "--bogus"], 2, /Unknown option '--bogus'/],
    [["call", "tp_get_fitness", "{not json"], 1, /must be a JSON object/],
    [["call", "tp_get_workouts", "--demo", "--chart", "workouts.png"], 1, /^tp-mcp call: tp_get_workouts draws no chart; --chart works with tp_get_fitness, tp_get_peaks, tp_get_weekly_summary\n$/],
    [["call", "tp_bogus", "--demo"], 1, /^tp-mcp call: there is no tool "tp_bogus"; the tools are: tp_[a-z_]+(, tp_[a-z_]+)+\n$/],
    // One-shot, unlike `serve` (serve-before-auth.test.ts): no credential is an error at once.
    [["call", "tp_get_fitness"], 1, /^tp-mcp call: No TrainingPeaks credential found\. Run `tp-mcp auth`/],
    [[], 2, /Usage: tp-mcp <command>/],
  ])("%j exits %i", async (args, code, output) => {
    const result = await run(args);
    expect(result.code).toBe(code);
    expect(result.stdout + result.stderr).toMatch(output);
  });

  it("call --demo prints the tool's structured answer; refused input exits 1 with the reason", async () => {
    const ok = await run(["call", "tp_get_fitness", '{"days":30}', "--demo"]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ summary: { projected: false } });
    const refused = await run(["call", "tp_get_workouts", '{"start_date":"2026-02-30","end_date":"2026-03-01"}', "--demo"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/real calendar date/);
  });

  it("call --chart writes the tool's chart as a PNG and says where; stdout stays the answer", async () => {
    const path = join(home, "fitness.png");
    const charted = await run(["call", "tp_get_fitness", '{"days":90}', "--demo", "--chart", path]);
    expect(charted.code).toBe(0);
    expect(JSON.parse(charted.stdout)).toMatchObject({ summary: { projected: false } });
    const png = await readFile(path);
    expectChartPng(png);
    expect(charted.stderr).toBe(`Wrote the chart to ${path} (image/png, ${Math.ceil(png.length / 1024)} KB).\n`);
  });

  it("auth checks the cookie, stores it encrypted, auth-status reports it, auth-clear removes it", async () => {
    const auth = await run(["auth"], { stdin: `Cookie: other=1; Production_tpAuth=${CANARY_COOKIE}\n` });
    expect(auth.stderr).toBe("");
    expect(auth.code).toBe(0);
    expect(auth.stdout).toMatch(/Authenticated as Alex Rivera \(athlete id 1000001\)/);
    expect(await readdir(home)).toEqual(["credentials.enc"]);

    const status = await run(["auth-status"]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/Credential: file/);
    expect(status.stdout).toMatch(/Athlete id: 1000001/);
    expect(status.stdout).toMatch(/Token expires: \d{4}-\d{2}-\d{2}T/);

    const served = await run(["call", "tp_get_peaks", '{"sport":"Run","pr_type":"speed5K"}']);
    expect(served.code).toBe(0);
    expect(JSON.parse(served.stdout)).toMatchObject({ metric: "speed", distance_m: 5000 });

    acceptCookie = false;
    const expired = await run(["auth-status"]);
    expect(expired.code).toBe(1);
    expect(expired.stdout).toMatch(/not authenticated.*tp-mcp auth/);

    const clear = await run(["auth-clear"]);
    expect(clear.code).toBe(0);
    expect(clear.stdout).toMatch(/removed/);
    expect(await readdir(home)).toEqual([]);
    const none = await run(["auth-status"]);
    expect(none.code).toBe(1);
    expect(none.stdout).toMatch(/Credential: none/);
  });

  it("a refused cookie is not stored, and the message says how to get a fresh one", async () => {
    acceptCookie = false;
    const auth = await run(["auth"], { stdin: CANARY_COOKIE });
    expect(auth.code).toBe(1);
    expect(auth.stderr).toMatch(/tp-mcp auth.*fresh Production_tpAuth cookie/);
    expect(await readdir(home)).toEqual([]);
    await rm(home, { recursive: true, force: true });
  });

  it("TP_AUTH_COOKIE takes precedence over a stored credential", async () => {
    const status = await run(["auth-status"], { env: { TP_AUTH_COOKIE: CANARY_COOKIE } });
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/Credential: environment/);
  });
});
