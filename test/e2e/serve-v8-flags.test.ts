/**
 * `tp-mcp serve` sets its V8 flags (src/cli/v8-flags.ts) once its start-up is over: before its
 * first tool call runs, or a second after it is ready when no call comes, and once only. A preload
 * logs every `v8.setFlagsFromString` the process makes.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SERVE_V8_FLAGS } from "../../src/cli/v8-flags.js";
import { CLI, childEnv, StdioProcess } from "../support/stdio-process.js";

const dir = mkdtempSync(join(tmpdir(), "tp-mcp-v8-flags-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const preload = join(dir, "log-v8-flags.cjs");
writeFileSync(
  preload,
  [
    'const v8 = require("node:v8");',
    "const set = v8.setFlagsFromString;",
    'const log = (line) => require("node:fs").appendFileSync(process.env.FLAG_LOG, `${line}\\n`);',
    "v8.setFlagsFromString = (flag) => { log(flag); return set(flag); };",
    // Each answer's id too, so the log says whether the flags came before it.
    "const write = process.stdout.write.bind(process.stdout);",
    'process.stdout.write = (chunk, ...rest) => { const id = /"id":(\\d+)/.exec(String(chunk)); if (id) log(`answer ${id[1]}`); return write(chunk, ...rest); };',
  ].join("\n"),
);

function start(name: string) {
  const log = join(dir, `${name}.log`);
  const server = new StdioProcess(["--require", preload, CLI, "serve", "--demo"], { env: childEnv({ FLAG_LOG: log, XDG_CACHE_HOME: join(dir, "cache") }) });
  const logged = () => (existsSync(log) ? readFileSync(log, "utf8").split("\n").filter(Boolean) : []);
  const flagsSet = () => logged().filter((line) => line.startsWith("--"));
  return { server, logged, flagsSet };
}

describe("serve's V8 flags", () => {
  it("are set before the first tool call runs, however soon it comes, and once", async () => {
    const { server, logged, flagsSet } = start("first-call");
    await server.initialize();
    expect(flagsSet()).toEqual([]);
    const answer = await server.request("tools/call", { name: "tp_list_athletes", arguments: {} });
    expect((answer.result as { isError?: boolean }).isError).toBeFalsy();
    // The answer to initialize, the flags, then the answer to the call.
    const [initialized, ...rest] = logged();
    expect(initialized).toMatch(/^answer \d+$/);
    expect(rest).toEqual([...SERVE_V8_FLAGS, expect.stringMatching(/^answer \d+$/)]);
    await server.request("tools/call", { name: "tp_list_athletes", arguments: {} });
    expect(await server.end(10_000)).toBe(0);
    expect(flagsSet()).toEqual([...SERVE_V8_FLAGS]);
  }, 30_000);

  it("are set a second after start-up when no tool call comes", async () => {
    const { server, flagsSet } = start("no-call");
    await server.initialize();
    await server.request("tools/list");
    expect(flagsSet()).toEqual([]);
    await expect.poll(flagsSet, { timeout: 5_000, interval: 100 }).toEqual([...SERVE_V8_FLAGS]);
    expect(await server.end(10_000)).toBe(0);
    expect(flagsSet()).toEqual([...SERVE_V8_FLAGS]);
  }, 30_000);
});
