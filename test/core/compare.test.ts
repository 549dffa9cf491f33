import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { byCodeUnit } from "../../src/core/compare.js";
import { fromDay } from "../../src/core/dates.js";

describe("byCodeUnit", () => {
  it("sorts ISO dates in calendar order, as localeCompare did", () => {
    const day = fc.integer({ min: 0, max: 365 * 1000 });
    fc.assert(
      fc.property(fc.array(day, { maxLength: 30 }), (days) => {
        const dates = days.map(fromDay);
        const byTime = [...days].sort((a, b) => a - b).map(fromDay);
        expect([...dates].sort(byCodeUnit)).toEqual(byTime);
        expect([...dates].sort(byCodeUnit)).toEqual([...dates].sort((a, b) => a.localeCompare(b)));
      }),
    );
  });

  it("is 0 for equal strings and antisymmetric", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(byCodeUnit(a, a)).toBe(0);
        expect(Math.sign(byCodeUnit(a, b)) + Math.sign(byCodeUnit(b, a))).toBe(0);
      }),
    );
  });

  it("orders the sports and priorities the tools sort", () => {
    expect(["Swim", "Bike", "Run", "Strength", "Other"].sort(byCodeUnit)).toEqual(["Bike", "Other", "Run", "Strength", "Swim"]);
    expect(["C", "0", "A", "B"].sort(byCodeUnit)).toEqual(["0", "A", "B", "C"]);
  });
});
