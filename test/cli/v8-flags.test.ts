import { execFileSync } from "node:child_process";
import { describe, expect, it, vi } from "vitest";
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

describe("applyServeV8Flags", () => {
  // A module of its own for each test (its state is once per process), and a recorder in place
  // of V8's setFlagsFromString, so this test process keeps its own flags.
  const fresh = async () => {
    vi.resetModules();
    return import("../../src/cli/v8-flags.js");
  };

  it("runs what waits for it first (the code cache), then sets every flag, once", async () => {
    const { applyServeV8Flags, beforeServeV8Flags } = await fresh();
    const events: string[] = [];
    beforeServeV8Flags(() => events.push("cache saved"));
    applyServeV8Flags((flag) => events.push(flag));
    applyServeV8Flags((flag) => events.push(`again ${flag}`));
    expect(events).toEqual(["cache saved", ...SERVE_V8_FLAGS]);
  });

  it("runs at once what is given after the flags were set", async () => {
    const { applyServeV8Flags, beforeServeV8Flags } = await fresh();
    applyServeV8Flags(() => undefined);
    const events: string[] = [];
    beforeServeV8Flags(() => events.push("late"));
    expect(events).toEqual(["late"]);
  });
});
