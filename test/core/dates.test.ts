import { describe, expect, it } from "vitest";
import { addYears, shortDate } from "../../src/core/dates.js";

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

describe("shortDate", () => {
  it.each([
    ["2026-11-25", false, "25 Nov"],
    ["2026-01-01", true, "1 Jan 2026"],
    ["2024-02-29T00:00:00", false, "29 Feb"],
    ["1999-12-31", true, "31 Dec 1999"],
  ])("%s (year: %s) → %s", (date, withYear, expected) => {
    expect(shortDate(date, withYear)).toBe(expected);
  });
});
