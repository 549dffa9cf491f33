import { describe, expect, it } from "vitest";
import { addYears } from "../../src/core/dates.js";

describe("addYears", () => {
  it.each([
    ["2026-12-03", -1, "2025-12-03"],
    ["2026-01-01", 1, "2027-01-01"],
    ["2024-02-29", -1, "2023-02-28"],
    ["2024-02-29", 4, "2028-02-29"],
    ["2025-02-28", -1, "2024-02-28"],
    ["2026-12-31", -10, "2016-12-31"],
  ])("%s %i year(s) → %s", (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });
});
