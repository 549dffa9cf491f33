import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

function builtAt(): number {
  try {
    return statSync("dist/bin.cjs").mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * The end-to-end suites run the built server, as users do: build it once for the whole run,
 * and only when the sources changed since the last build (a fresh clone always builds).
 */
export default function setup(): void {
  const sources = Math.max(newestChange("src"), newestChange("scripts/build.ts"), newestChange("package.json"));
  if (builtAt() > sources) return;
  execFileSync(process.execPath, ["--import", "tsx", "scripts/build.ts"], { stdio: "inherit" });
}
