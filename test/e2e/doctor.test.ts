import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { operationOfRequest } from "../../src/client/routes.js";
import { createDemoFetch } from "../../src/demo/index.js";
import { OPERATIONS } from "../../src/generated/constants.js";
import { startMockHttpServer, type MockHttpServer } from "../support/http-mock.js";
import { CLI } from "../support/stdio-process.js";

const CANARY_COOKIE = `V001DOCTOR_${"d".repeat(48)}`;
const CANARY_TOKEN = `DOCTORTOKEN_${"k".repeat(30)}`;
/** What the drifted fixture puts in every workout's totalTime: no output may show it. */
const CANARY_VALUE = "tt-canary-4711";
/** The demo athlete's name and id: values of the account, which the report never shows. */
const ACCOUNT_VALUES = ["Alex", "Rivera", "1000001"];

const READ_OPERATIONS = Object.keys(OPERATIONS).filter((id) => id !== "exchangeToken");

interface Check {
  operation: string;
  variant?: string;
  status: string;
  drift?: Array<{ path: string; expected: string; seen_type: string }>;
  message?: string;
}

const outputs: string[] = [];
let mock: MockHttpServer;
let home: string;
let drifted = false;
let acceptCookie = true;

function run(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, "doctor", ...args], {
      env: { PATH: process.env.PATH ?? "", TP_MCP_HOME: home, TP_CREDENTIAL_STORE: "file", TP_API_BASE_URL: mock.url, TP_PEAKSWARE_BASE_URL: mock.url, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end();
    child.on("close", (code) => {
      outputs.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
  });
}

// The pacing that protects TrainingPeaks has nothing to protect here.
const account = { TP_AUTH_COOKIE: CANARY_COOKIE, TP_REQUESTS_PER_MINUTE: "6000" };
const isWorkoutList = (path: string) => /\/workouts\/\d{4}-\d{2}-\d{2}\/\d{4}-\d{2}-\d{2}$/.test(path);

beforeAll(async () => {
  const demo = createDemoFetch();
  mock = await startMockHttpServer(async (request) => {
    const path = new URL(request.url).pathname;
    if (path === "/users/v3/token") {
      if (!acceptCookie) return Response.json({ message: "Authorization has been denied for this request." }, { status: 401 });
      return Response.json({ success: true, token: { access_token: CANARY_TOKEN, token_type: "Bearer", expires_in: 3600 } });
    }
    if (drifted && path.endsWith("/detaildata")) return Response.json({ message: "no device data" }, { status: 400 });
    const answer = await demo(request);
    if (!drifted || !isWorkoutList(path)) return answer;
    const workouts = (await answer.json()) as Array<Record<string, unknown>>;
    return Response.json(workouts.map((workout) => ({ ...workout, totalTime: CANARY_VALUE })));
  });
});
beforeEach(async () => {
  drifted = false;
  acceptCookie = true;
  mock.requests.length = 0;
  home = await mkdtemp(join(tmpdir(), "tp-mcp-doctor-"));
});
afterAll(async () => {
  await mock.close();
  await rm(home, { recursive: true, force: true });
  for (const output of outputs) {
    expect(output).not.toContain(CANARY_COOKIE);
    expect(output).not.toContain(CANARY_TOKEN);
  }
});

describe("tp-mcp doctor", () => {
  it("--demo --json: every read operation of the spec answers as the spec says", async () => {
    const result = await run(["--demo", "--json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { store: string; sign_in_ok: boolean; node_ok: boolean; package_version: string; operations: Check[] };
    expect(report).toMatchObject({ store: "demo", sign_in_ok: true, node_ok: true, package_version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    expect(new Set(report.operations.map((check) => check.operation))).toEqual(new Set(READ_OPERATIONS));
    // The demo serves Strength Builder sessions, so the doctor reads one by the id the strength calendar gives.
    expect(report.operations.filter((check) => check.status !== "ok")).toEqual([]);
    expect(report.operations.filter((check) => check.operation === "getAthletePeaks").map((check) => check.variant)).toEqual([
      expect.stringMatching(/^Bike /),
      expect.stringMatching(/^Run /),
    ]);
  });

  it("an answer that drifted names the operation, the field path and the type seen, never the value, and exits 1", async () => {
    drifted = true;
    const result = await run(["--json"], account);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { store: string; sign_in_ok: boolean; operations: Check[] };
    expect(report).toMatchObject({ store: "environment", sign_in_ok: true });
    const byOperation = new Map(report.operations.map((check) => [check.variant ? `${check.operation} ${check.variant}` : check.operation, check]));
    // Every workout carries the string; the report names the field once, at its first item.
    expect(byOperation.get("getWorkouts")).toEqual({
      operation: "getWorkouts",
      status: "drift",
      drift: [{ path: "[0].totalTime", expected: "number or null", seen_type: "string" }],
    });
    expect(byOperation.get("getWorkoutLaps")).toMatchObject({ status: "no_data", message: expect.stringMatching(/400/) });
    // The single workout is read from its own route, which did not drift.
    expect(byOperation.get("getWorkout")?.status).toBe("ok");
    expect(report.operations.filter((check) => check.status === "drift").map((check) => check.operation)).toEqual(["getWorkouts"]);
    for (const text of [CANARY_VALUE, ...ACCOUNT_VALUES]) expect(result.stdout + result.stderr).not.toContain(text);

    // Read-only: the exchange, then each read operation of the spec at most once (peaks once a sport).
    const sent = mock.requests.map(({ method, url }) => operationOfRequest(new Request(new URL(url, mock.url), { method })));
    expect(sent[0]).toBe("exchangeToken");
    // (The demo's last 30 days hold Strength Builder sessions, so the one-session read is sent too.)
    expect(new Set(sent.slice(1))).toEqual(new Set(READ_OPERATIONS));
    const counts = new Map<string | undefined, number>();
    for (const id of sent) counts.set(id, (counts.get(id) ?? 0) + 1);
    for (const [id, count] of counts) expect([id, count]).toEqual([id, id === "getAthletePeaks" ? 2 : 1]);
  });

  it("prints the drift as text, with the advice to report it", async () => {
    drifted = true;
    const result = await run([], account);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Credential store: TP_AUTH_COOKIE environment variable\nSign-in: ok/);
    expect(result.stdout).toMatch(/getWorkouts +DRIFT\n +\[0\]\.totalTime: expected number or null, seen string\n/);
    expect(result.stdout).toMatch(/getWorkoutLaps +no data: .*\(400\)/);
    expect(result.stdout).toMatch(/1 operation answered in a shape the spec does not describe.*tp-mcp doctor --json/);
    for (const text of [CANARY_VALUE, ...ACCOUNT_VALUES]) expect(result.stdout + result.stderr).not.toContain(text);
  });

  it("with no credential: the Node and store lines, then run `tp-mcp auth`; exit 1 and nothing sent", async () => {
    const result = await run([]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^tp-mcp \S+ doctor\nNode: v\d+\.\d+\.\d+ \(ok; tp-mcp needs >=20\)\nCredential store: none found/);
    expect(result.stderr).toMatch(/^tp-mcp doctor: No TrainingPeaks credential found\. Run `tp-mcp auth`/);
    const json = await run(["--json"]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ store: "none", sign_in_ok: false, operations: [], message: expect.stringMatching(/tp-mcp auth/) });
    expect(mock.requests).toEqual([]);
  });

  it("a cookie that is no cookie: the store line says so, with the reason; nothing sent", async () => {
    const result = await run(["--json"], { TP_AUTH_COOKIE: "not a cookie" });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ store: "unreadable", sign_in_ok: false, message: expect.stringMatching(/^TP_AUTH_COOKIE is set but invalid/) });
    expect(mock.requests).toEqual([]);
  });

  it("a refused cookie: sign-in failed, with the advice, and no operation is sent", async () => {
    acceptCookie = false;
    const result = await run(["--json"], account);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ sign_in_ok: false, operations: [], message: expect.stringMatching(/tp-mcp auth/) });
    expect(result.stderr).toMatch(/^tp-mcp doctor: TrainingPeaks refused access while signing in/);
    expect(mock.requests.map(({ url }) => url)).toEqual(["/users/v3/token"]);
  });

  it("--help, and an unknown flag exits 2", async () => {
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: tp-mcp doctor \[--demo\] \[--json\]/);
    const bogus = await run(["--bogus"]);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toMatch(/^tp-mcp doctor: Unknown option '--bogus'/);
  });
});
