import { execFileSync } from "node:child_process";

/** The end-to-end suites run the built server, as users do: build it once for the whole run. */
export default function setup(): void {
  execFileSync(process.execPath, ["--import", "tsx", "scripts/build.ts"], { stdio: "inherit" });
}
