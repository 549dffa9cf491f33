import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { SERVE_V8_FLAGS } from "../../src/cli/v8-flags.js";

// V8 ignores a flag it does not know without a word (setFlagsFromString prints nothing), so a
// misspelt or retired flag would silently stop doing its job: each must be one this Node's V8 lists.
describe("serve's V8 flags", () => {
  const known = execFileSync(process.execPath, ["--v8-options"], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  const names = new Set([...known.matchAll(/^\s+--([a-z0-9-]+) \(/gm)].map((match) => match[1]));

  it.each(SERVE_V8_FLAGS.map((flag) => [flag]))("%s is a flag V8 knows", (flag) => {
    const name = flag.replace(/^--(no-)?/, "").replace(/=.*$/, "");
    expect(names.has(name)).toBe(true);
  });

  it("the check itself tells a made-up flag apart", () => {
    expect(names.size).toBeGreaterThan(100);
    expect(names.has("liftoff-only-please")).toBe(false);
  });
});
