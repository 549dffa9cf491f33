import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
let dir: string | undefined;
afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

describe("the published package", () => {
  it("installs from its tarball and runs `tp-mcp call … --demo` and the typed SDK from a clean directory", async () => {
    dir = await mkdtemp(join(tmpdir(), "tp-mcp-pack-"));
    // dist/ was built by the global setup; --ignore-scripts keeps prepack from rebuilding it under other tests.
    const tarball = execFileSync(npm, ["pack", "--ignore-scripts", "--pack-destination", dir, "--silent"], { cwd: root, encoding: "utf8" }).trim().split("\n").at(-1)!;
    await writeFile(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    execFileSync(npm, ["install", "--no-audit", "--no-fund", "--silent", join(dir, tarball)], { cwd: dir, stdio: "ignore" });

    const out = execFileSync(join(dir, "node_modules", ".bin", "tp-mcp"), ["call", "tp_get_fitness", '{"days":30}', "--demo"], { cwd: dir, encoding: "utf8" });
    const answer = JSON.parse(out) as { days: unknown[]; summary: { fitness_ctl: number } };
    expect(answer.days).toHaveLength(30);
    expect(answer.summary.fitness_ctl).toBeGreaterThan(0);

    await writeFile(join(dir, "use.mjs"), 'import { createTrainingPeaksClient, PR_TYPES_BY_SPORT } from "trainingpeaks-mcp";\nconsole.log(typeof createTrainingPeaksClient, PR_TYPES_BY_SPORT.Bike.length);\n');
    expect(execFileSync(process.execPath, ["use.mjs"], { cwd: dir, encoding: "utf8" }).trim()).toBe("function 14");
  }, 180_000);
});
