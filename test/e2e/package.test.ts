import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { expectChartPng } from "../support/png.js";
import { childEnv, StdioProcess } from "../support/stdio-process.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
let dir: string | undefined;
afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

/** Every file under `path`, relative to it. */
async function filesUnder(path: string): Promise<string[]> {
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(path.length + 1));
}

describe("the published package", () => {
  it("installs from its tarball and runs `tp-mcp serve --demo`, `tp-mcp call … --demo` and the typed SDK, on the demo too, from a clean directory", async () => {
    dir = await mkdtemp(join(tmpdir(), "tp-mcp-pack-"));
    // dist/ was built by the global setup; --ignore-scripts keeps prepack from rebuilding it under other tests.
    const [packed] = JSON.parse(execFileSync(npm, ["pack", "--ignore-scripts", "--pack-destination", dir, "--json"], { cwd: root, encoding: "utf8" })) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    const shipped = packed!.files.map((file) => file.path);
    expect(shipped).toContain("LICENSE");
    // No source maps: they would point at ../../src, which is not shipped (scripts/build.ts).
    expect(shipped.filter((path) => path.endsWith(".map"))).toEqual([]);
    await writeFile(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    execFileSync(npm, ["install", "--no-audit", "--no-fund", "--silent", join(dir, packed!.filename)], { cwd: dir, stdio: "ignore" });

    const installed = join(dir, "node_modules", "trainingpeaks-mcp");
    expect(await readFile(join(installed, "LICENSE"), "utf8")).toMatch(/^MIT License\n\nCopyright \(c\) 2026 trainingpeaks-mcp contributors\n/);
    const pointingAtMaps: string[] = [];
    for (const path of await filesUnder(join(installed, "dist"))) {
      if (/\.[cm]?[jt]s$/.test(path) && (await readFile(join(installed, "dist", path), "utf8")).includes("sourceMappingURL")) pointingAtMaps.push(path);
    }
    expect(pointingAtMaps).toEqual([]);

    // The bin an MCP client is configured with serves, from the installed package.
    const bin = join(dir, "node_modules", ".bin", "tp-mcp");
    expect(await realpath(bin)).toBe(await realpath(join(installed, "dist", "bin.cjs")));
    const server = new StdioProcess([bin, "serve", "--demo"], { env: childEnv(), cwd: dir });
    await server.initialize();
    const list = await server.request("tools/list");
    expect((list.result as { tools: unknown[] }).tools.length).toBeGreaterThan(10);
    expect(await server.end(10_000)).toBe(0);

    const out = execFileSync(join(dir, "node_modules", ".bin", "tp-mcp"), ["call", "tp_get_fitness", '{"days":30}', "--demo"], { cwd: dir, encoding: "utf8" });
    const answer = JSON.parse(out) as { days: unknown[]; summary: { fitness_ctl: number } };
    expect(answer.days).toHaveLength(30);
    expect(answer.summary.fitness_ctl).toBeGreaterThan(0);
    // The chart's WebAssembly renderer and its font come with the installed dependencies.
    execFileSync(join(dir, "node_modules", ".bin", "tp-mcp"), ["call", "tp_get_fitness", '{"days":90}', "--demo", "--chart", "fitness.png"], { cwd: dir, stdio: "ignore" });
    expectChartPng(await readFile(join(dir, "fitness.png")));

    await writeFile(
      join(dir, "use.mjs"),
      [
        'import { createTrainingPeaksClient, PR_TYPES_BY_SPORT } from "trainingpeaks-mcp";',
        "console.log(typeof createTrainingPeaksClient, PR_TYPES_BY_SPORT.Bike.length);",
        'const demo = createTrainingPeaksClient({ demo: true, today: "2026-11-22" });',
        'const week = await demo.getWorkouts("2026-11-16", "2026-11-22");',
        "console.log(JSON.stringify(week.map((workout) => [workout.workoutDay.slice(0, 10), workout.workoutId])));",
      ].join("\n"),
    );
    const [loaded, workouts] = execFileSync(process.execPath, ["use.mjs"], { cwd: dir, encoding: "utf8" }).trim().split("\n");
    expect(loaded).toBe("function 14");
    const week = JSON.parse(workouts!) as Array<[string, number]>;
    expect(week.length).toBeGreaterThan(3);
    expect(week.every(([day, id]) => day >= "2026-11-16" && day <= "2026-11-22" && Number.isInteger(id))).toBe(true);
  }, 180_000);
});
