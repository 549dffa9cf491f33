/**
 * What `tp-mcp serve` loads to start (issue 14): no ES module at all, since the bin is CommonJS
 * (Node's ES module loader costs about 10 ms of a start), node:crypto only when a credentials file
 * is there to decrypt (4-5 ms), and never node:fs/promises (about 4 ms), which only writing needs. Node's own list of the modules a process
 * loaded (`process.moduleLoadList`) is written by a preload at exit, after initialize and tools/list.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFileStore } from "../../src/credentials/file-store.js";
import { fileURLToPath } from "node:url";
import { CLI, childEnv, StdioProcess } from "../support/stdio-process.js";

const dir = mkdtempSync(join(tmpdir(), "tp-mcp-start-modules-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const preload = join(dir, "write-module-list.cjs");
writeFileSync(
  preload,
  'process.on("exit", () => require("node:fs").writeFileSync(process.env.MODULE_LIST_FILE, process.moduleLoadList.join("\\n")));\n',
);

const PASSPHRASE = "start-modules-passphrase";

/** The modules one session loaded: initialize, tools/list, stdin closed. */
async function modulesLoaded(name: string, args: string[], env: Record<string, string>, entry = CLI): Promise<string[]> {
  const listFile = join(dir, `${name}.txt`);
  const server = new StdioProcess(["--require", preload, entry, ...args], { env: childEnv({ ...env, MODULE_LIST_FILE: listFile }) });
  await server.initialize();
  await server.request("tools/list");
  expect(await server.end(10_000)).toBe(0);
  return readFileSync(listFile, "utf8").split("\n");
}

const isCrypto = (entry: string) => /^NativeModule (internal\/)?crypto\b/.test(entry);
const isFsPromises = (entry: string) => /^NativeModule (internal\/)?fs\/promises$/.test(entry);
// Node loads it to translate the first ES module into a module record (not for CommonJS).
const ES_MODULE_TRANSLATORS = "NativeModule internal/modules/esm/translators";
const fileStoreEnv = (home: string) => ({ HOME: home, TP_MCP_HOME: join(home, "tp-mcp"), TP_CREDENTIAL_STORE: "file", TP_MCP_PASSPHRASE: PASSPHRASE });

describe("what serve loads to start", () => {
  it("runs no ES module through the bin, as it does through the ES module CLI (dist/cli.js)", async () => {
    expect(CLI).toMatch(/bin\.cjs$/);
    expect(await modulesLoaded("bin", ["serve", "--demo"], {})).not.toContain(ES_MODULE_TRANSLATORS);
    const esmCli = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
    expect(await modulesLoaded("esm-cli", ["serve", "--demo"], {}, esmCli)).toContain(ES_MODULE_TRANSLATORS);
  });


  it("leaves node:crypto and node:fs/promises out with the demo, a cookie in the environment or no credential at all", async () => {
    const home = join(dir, "empty-home");
    const sessions = {
      demo: await modulesLoaded("demo", ["serve", "--demo"], { HOME: home }),
      cookie: await modulesLoaded("cookie", ["serve"], { ...fileStoreEnv(home), TP_AUTH_COOKIE: "start-modules-cookie" }),
      none: await modulesLoaded("none", ["serve"], fileStoreEnv(home)),
    };
    for (const [session, modules] of Object.entries(sessions)) {
      // The list is Node's own and holds what serve loads late (node:v8 for its heap flags), so an absence means something.
      expect(modules, session).toContain("NativeModule v8");
      expect(modules.filter(isCrypto), session).toEqual([]);
      expect(modules.filter(isFsPromises), session).toEqual([]);
    }
  });

  it("loads node:crypto once there is a credentials file to decrypt, and still not node:fs/promises", async () => {
    const home = join(dir, "stored-home");
    await createFileStore({ directory: join(home, "tp-mcp"), passphrase: PASSPHRASE }).set("start-modules-stored-cookie");
    const modules = await modulesLoaded("stored", ["serve"], fileStoreEnv(home));
    expect(modules).toContain("NativeModule crypto");
    expect(modules.filter(isFsPromises)).toEqual([]);
  });
});
