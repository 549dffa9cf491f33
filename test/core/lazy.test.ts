import { describe, expect, it } from "vitest";
import { lazy } from "../../src/core/lazy.js";

describe("lazy", () => {
  it("builds nothing until first asked, then once, even for a value that is undefined", () => {
    let builds = 0;
    const value = lazy(() => {
      builds++;
      return undefined;
    });
    expect(builds).toBe(0);
    expect(value()).toBeUndefined();
    expect(value()).toBeUndefined();
    expect(builds).toBe(1);
  });

  it("builds again after a build that threw", () => {
    let attempts = 0;
    const value = lazy(() => {
      attempts++;
      if (attempts === 1) throw new Error("first");
      return attempts;
    });
    expect(() => value()).toThrow("first");
    expect(value()).toBe(2);
    expect(value()).toBe(2);
  });
});
