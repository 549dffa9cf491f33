/**
 * The V8 code cache `serve` loads its bundle through (src/cli/code-cache.ts): used when it is
 * valid, refused and replaced when it is not, and never a reason to fail or to write anything.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { userCacheDir, type CachedBundle } from "../../src/cli/code-cache.js";

const LOADER = fileURLToPath(new URL("../support/load-cached-bundle.ts", import.meta.url));

let dir: string;
let bundle: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "tp-mcp-code-cache-"));
  bundle = join(dir, "bundle.cjs");
  // Enough code that V8's cache is more than a header, and a shared module it must not load itself.
  const functions = Array.from({ length: 200 }, (_, index) => `function f${index}(x) { return x * ${index} + ${index}; }`).join("\n");
  const calls = Array.from({ length: 200 }, (_, index) => `f${index}(1)`).join(" + ");
  // And as many that only `later` runs: V8 compiles them when they are first called, not at load.
  const lazy = Array.from({ length: 200 }, (_, index) => `function g${index}(x) { return x * ${index} - ${index}; }`).join("\n");
  const lazyCalls = Array.from({ length: 200 }, (_, index) => `g${index}(2)`).join(" + ");
  writeFileSync(
    bundle,
    `${functions}\n${lazy}\nconst shared = require("test:shared");\nexports.answer = f2(20) + shared.offset;\nexports.sum = ${calls};\nexports.url = __bundleUrl;\nexports.later = () => ${lazyCalls};\n`,
  );
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** One load in a fresh process, which must write nothing but its own answer; `save` as in LOADER. */
function load(cacheDir: string | undefined, id = "id1", save: "save" | "run-then-save" | "no-save" = "save"): CachedBundle {
  const child = spawnSync(process.execPath, ["--import", "tsx", LOADER, bundle, id, cacheDir ?? "", save], { encoding: "utf8" });
  expect(child.stderr).toBe("");
  expect(child.status).toBe(0);
  const lines = child.stdout.split("\n").filter(Boolean);
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as CachedBundle;
}
const cacheFiles = (cacheDir: string) => readdirSync(cacheDir).filter((name) => !name.endsWith(".tmp"));

describe("loadCachedBundle", () => {
  it("writes a cache on the first load and compiles from it on the next, leaving it as it was", () => {
    const cacheDir = join(dir, "cache");
    const first = load(cacheDir);
    expect(first.cache).toBe("none");
    expect(first.exports).toEqual({ answer: 42.5, sum: 19_900 * 2, url: `file://${bundle}` });
    expect(cacheFiles(cacheDir)).toEqual([`bundle.cjs-id1-${process.version}-${process.arch}.v8`]);
    const written = readFileSync(first.cacheFile!);
    expect(written.length).toBeGreaterThan(1_000);

    const second = load(cacheDir);
    expect(second.cache).toBe("used");
    expect(second.exports).toEqual(first.exports);
    expect(readFileSync(second.cacheFile!).equals(written)).toBe(true);
  });

  it("writes nothing until saveCache is called: a load that never saves leaves the next without a cache", () => {
    const cacheDir = join(dir, "cache");
    expect(load(cacheDir, "id1", "no-save").cache).toBe("none");
    expect(readdirSync(dir)).toEqual(["bundle.cjs"]);
    expect(load(cacheDir).cache).toBe("none");
    expect(load(cacheDir).cache).toBe("used");
  });

  it("saved after more of the bundle ran, the cache holds those functions too, and V8 takes it", () => {
    const atLoad = readFileSync(load(join(dir, "at-load")).cacheFile!);
    const afterRun = readFileSync(load(join(dir, "after-run"), "id1", "run-then-save").cacheFile!);
    // 200 more compiled functions: well beyond the few bytes two caches of one script differ by.
    expect(afterRun.length).toBeGreaterThan(atLoad.length + 5_000);
    const next = load(join(dir, "after-run"));
    expect(next.cache).toBe("used");
    expect(next.exports.answer).toBe(42.5);
  });

  it("refuses a damaged cache, loads the bundle all the same, and replaces the cache with a good one", () => {
    const cacheDir = join(dir, "cache");
    const { cacheFile } = load(cacheDir);
    writeFileSync(cacheFile!, Buffer.alloc(4_096, 7));
    const refused = load(cacheDir);
    expect(refused.cache).toBe("refused");
    expect(refused.exports.answer).toBe(42.5);
    expect(load(cacheDir).cache).toBe("used");
  });

  it("never reads the cache of another build: a new content hash starts afresh", () => {
    const cacheDir = join(dir, "cache");
    load(cacheDir, "id1");
    writeFileSync(bundle, readFileSync(bundle, "utf8").replace("f2(20)", "f2(20) + 1"));
    const rebuilt = load(cacheDir, "id2");
    expect(rebuilt.cache).toBe("none");
    expect(rebuilt.exports.answer).toBe(43.5);
    expect(cacheFiles(cacheDir).sort()).toEqual([`bundle.cjs-id1-${process.version}-${process.arch}.v8`, `bundle.cjs-id2-${process.version}-${process.arch}.v8`]);
  });

  it("removes other builds' caches untouched for a week when it writes one", () => {
    const cacheDir = join(dir, "cache");
    const old = load(cacheDir, "old").cacheFile!;
    const recent = load(cacheDir, "recent").cacheFile!;
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    utimesSync(old, eightDaysAgo, eightDaysAgo);
    load(cacheDir, "new");
    expect(cacheFiles(cacheDir).sort()).toEqual([`bundle.cjs-new-${process.version}-${process.arch}.v8`, `bundle.cjs-recent-${process.version}-${process.arch}.v8`]);
    expect(statSync(recent).isFile()).toBe(true);
  });

  // load() checks every time that nothing but the answer reached stdout, and nothing stderr.
  it("loads without a word when the cache directory cannot be made (a file stands in its way)", () => {
    const blocked = join(dir, "not-a-directory");
    writeFileSync(blocked, "");
    const loaded = load(join(blocked, "tp-mcp"));
    expect(loaded.cache).toBe("none");
    expect(loaded.exports.answer).toBe(42.5);
    expect(load(join(blocked, "tp-mcp")).cache).toBe("none");
    expect(readFileSync(blocked, "utf8")).toBe("");
  });

  it("compiles every time with no cache directory, writing nothing", () => {
    // (JSON drops an undefined cacheFile: toEqual says there is none.)
    expect(load(undefined)).toEqual({ cache: "none", exports: expect.objectContaining({ answer: 42.5 }) });
    expect(readdirSync(dir)).toEqual(["bundle.cjs"]);
  });
});

describe("userCacheDir", () => {
  it("follows XDG_CACHE_HOME, else each platform's own place", () => {
    expect(userCacheDir({ XDG_CACHE_HOME: "/x/cache" }, "darwin")).toBe(join("/x/cache", "tp-mcp"));
    expect(userCacheDir({}, "linux")).toMatch(/[/\\]\.cache[/\\]tp-mcp$/);
    expect(userCacheDir({}, "darwin")).toMatch(/[/\\]Library[/\\]Caches[/\\]tp-mcp$/);
    expect(userCacheDir({ LOCALAPPDATA: "C:\\Users\\a\\AppData\\Local" }, "win32")).toBe(join("C:\\Users\\a\\AppData\\Local", "tp-mcp", "Cache"));
  });
});
