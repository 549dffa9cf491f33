/**
 * `tp-mcp serve` started before `tp-mcp auth`, as Claude Desktop starts it on a fresh install:
 * it serves, each call says how to sign in, and the first call after `auth` reads the account.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoFetch } from "../../src/demo/index.js";
import { toolDefinitions } from "../../src/generated/tools.js";
import { startMockHttpServer, type MockHttpServer } from "../support/http-mock.js";
import { CLI, childEnv, StdioProcess } from "../support/stdio-process.js";

const CANARY_COOKIE = `V001CANARYLATE_${"q".repeat(40)}`;
const CANARY_TOKEN = `CANARYLATETOKEN_${"k".repeat(30)}`;
const PASSPHRASE = "canary-passphrase-late";
const SECRETS = [CANARY_COOKIE, CANARY_TOKEN, PASSPHRASE];

let mock: MockHttpServer;
let home: string;
let server: StdioProcess | undefined;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "tp-mcp-late-"));
  const demo = createDemoFetch();
  mock = await startMockHttpServer((request) => {
    if (new URL(request.url).pathname === "/users/v3/token") {
      if (request.headers.get("cookie") !== `Production_tpAuth=${CANARY_COOKIE}`) return Response.json({ message: "denied" }, { status: 401 });
      return Response.json({ success: true, token: { access_token: CANARY_TOKEN, token_type: "Bearer", expires_in: 3600 } });
    }
    return demo(request);
  });
});
afterAll(async () => {
  await server?.end(5_000);
  await mock.close();
  await rm(home, { recursive: true, force: true });
});

/** A user's machine with no keyring: the encrypted file under $XDG_CONFIG_HOME, behind a passphrase. */
const env = () =>
  childEnv({
    HOME: home,
    XDG_CONFIG_HOME: join(home, "config"),
    TP_CREDENTIAL_STORE: "file",
    TP_MCP_PASSPHRASE: PASSPHRASE,
    TP_API_BASE_URL: mock.url,
    TP_PEAKSWARE_BASE_URL: mock.url,
  });

function auth(cookie: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, "auth"], { env: env() });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stdin.end(cookie);
    child.on("close", (code) => resolve({ code, output }));
  });
}

const textOf = (result: { content: Array<{ text?: string }> }) => result.content.map((part) => part.text ?? "").join("\n");
const exchanges = () => mock.requests.filter((request) => request.url === "/users/v3/token").length;

describe("tp-mcp serve with no credential stored", () => {
  it("starts, lists the tools, says to run `tp-mcp auth` on each call, and serves the account once auth stored it, with no restart", async () => {
    server = StdioProcess.cli(["serve"], env());
    const init = await server.initialize();
    expect(init.result).toMatchObject({ serverInfo: { name: "trainingpeaks-mcp" } });
    const listed = (await server.request("tools/list")).result as { tools: Array<{ name: string }> };
    expect(listed.tools.map((tool) => tool.name)).toEqual(Object.keys(toolDefinitions).sort());

    for (const [name, args] of [
      ["tp_get_fitness", { days: 14 }],
      ["tp_get_peaks", { sport: "Bike", pr_type: "power20min" }],
    ] as const) {
      const refused = await server.callTool(name, args);
      expect(refused.isError, name).toBe(true);
      expect(textOf(refused)).toMatch(/^No TrainingPeaks credential: run `tp-mcp auth` in a terminal .* no restart\. Or set TP_AUTH_COOKIE .* --demo\.$/);
    }
    expect(mock.requests).toHaveLength(0);

    const stored = await auth(CANARY_COOKIE);
    expect(stored.output).toMatch(/Authenticated as Alex Rivera/);
    expect(stored.code).toBe(0);
    expect(await readdir(join(home, "config", "tp-mcp"))).toEqual(["credentials.enc"]);
    const exchangesByAuth = exchanges();

    const fitness = await server.callTool("tp_get_fitness", { days: 14 });
    expect(fitness.isError, textOf(fitness)).toBeFalsy();
    expect(fitness.structuredContent!.days).toHaveLength(14);
    const peaks = await server.callTool("tp_get_peaks", { sport: "Bike", pr_type: "power20min" });
    expect(peaks.isError, textOf(peaks)).toBeFalsy();
    // One client built and kept: one sign-in for both calls.
    expect(exchanges() - exchangesByAuth).toBe(1);
    expect(server.stderr).toMatch(/found the credential in .*serving it from this call on/);
    expect(server.stderr.match(/found the credential/g)).toHaveLength(1);

    expect(await server.end(5_000)).toBe(0);
    for (const output of [server.stdout, server.stderr, stored.output]) for (const secret of SECRETS) expect(output).not.toContain(secret);
    server = undefined;
  });
});
