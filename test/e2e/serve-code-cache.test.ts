/**
 * The built `tp-mcp serve` compiles its bundle through a V8 code cache in the user's cache
 * directory (src/cli/code-cache.ts): the first start writes it, the next ones use it as it is,
 * a damaged one is replaced, and a directory that cannot be written changes nothing the client sees.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { toolDefinitions } from "../../src/generated/tools.js";
import { StdioProcess } from "../support/stdio-process.js";

const dir = mkdtempSync(join(tmpdir(), "tp-mcp-serve-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One session: initialize, tools/list, stdin closed; the tools it listed, after checking stdout carried frames only. */
async function listTools(cacheHome: string): Promise<string[]> {
  const server = StdioProcess.cli(["serve", "--demo"], { XDG_CACHE_HOME: cacheHome });
  await server.initialize();
  const listed = (await server.request("tools/list")).result as { tools: Array<{ name: string }> };
  expect(await server.end(10_000)).toBe(0);
  for (const line of server.stdout.trim().split("\n")) expect(JSON.parse(line)).toMatchObject({ jsonrpc: "2.0" });
  expect(server.stderr).not.toMatch(/cache|ENOTDIR|EEXIST|EACCES/i);
  return listed.tools.map((tool) => tool.name);
}

const tools = Object.keys(toolDefinitions);
const cachesIn = (cacheHome: string) => readdirSync(join(cacheHome, "tp-mcp")).filter((name) => name.endsWith(".v8"));

describe("serve's code cache", () => {
  it("is written by the first start and used unchanged by the next; a damaged one is replaced", async () => {
    const cacheHome = join(dir, "home-cache");
    expect(await listTools(cacheHome)).toEqual(tools);
    const [cache] = cachesIn(cacheHome);
    expect(cache).toMatch(new RegExp(`^serve\\.cjs-[0-9a-f]{16}-${process.version}-${process.arch}\\.v8$`));
    const written = readFileSync(join(cacheHome, "tp-mcp", cache!));

    expect(await listTools(cacheHome)).toEqual(tools);
    expect(readFileSync(join(cacheHome, "tp-mcp", cache!)).equals(written)).toBe(true);

    writeFileSync(join(cacheHome, "tp-mcp", cache!), Buffer.alloc(written.length, 1));
    expect(await listTools(cacheHome)).toEqual(tools);
    expect(cachesIn(cacheHome)).toEqual([cache]);
    expect(readFileSync(join(cacheHome, "tp-mcp", cache!)).equals(Buffer.alloc(written.length, 1))).toBe(false);
  }, 60_000);

  it("changes nothing the client sees when the cache directory cannot be made", async () => {
    const blocked = join(dir, "a-file");
    writeFileSync(blocked, "");
    expect(await listTools(blocked)).toEqual(tools);
    expect(readFileSync(blocked, "utf8")).toBe("");
  }, 30_000);
});
