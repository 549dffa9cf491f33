import { describe, expect, it } from "vitest";
import { caseless, checkDateRange, checkEnumBy, numberFromText, type RefinementContext } from "../../src/core/tool-input-rules.js";

type Issue = Parameters<RefinementContext["addIssue"]>[0];

function issuesOf(check: (ctx: RefinementContext) => void): Issue[] {
  const issues: Issue[] = [];
  check({ addIssue: (issue) => issues.push(issue) });
  return issues;
}

const RANGE = { start: "start_date", end: "end_date", maxDays: 90 };

describe("checkDateRange", () => {
  it.each([
    ["one day", "2026-03-01", "2026-03-01"],
    ["exactly the limit, across a leap day", "2024-01-01", "2024-03-30"],
  ])("accepts %s", (_title, start_date, end_date) => {
    expect(issuesOf((ctx) => checkDateRange({ start_date, end_date }, ctx, RANGE))).toEqual([]);
  });

  it("refuses one day over the limit, on the end date, saying what to do", () => {
    expect(issuesOf((ctx) => checkDateRange({ start_date: "2024-01-01", end_date: "2024-03-31" }, ctx, RANGE))).toEqual([
      {
        code: "custom",
        path: ["end_date"],
        message: "the range 2024-01-01 to 2024-03-31 covers 91 days; at most 90 days are allowed per call, so split it into several calls",
      },
    ]);
  });

  it("refuses an end before the start", () => {
    expect(issuesOf((ctx) => checkDateRange({ start_date: "2026-03-02", end_date: "2026-03-01" }, ctx, RANGE))).toEqual([
      { code: "custom", path: ["end_date"], message: "end_date (2026-03-01) is before start_date (2026-03-02)" },
    ]);
  });

  it("leaves a missing or mistyped date to the field's own check", () => {
    expect(issuesOf((ctx) => checkDateRange({ start_date: "2026-03-02" }, ctx, RANGE))).toEqual([]);
    expect(issuesOf((ctx) => checkDateRange({ start_date: 20260302, end_date: "2020-01-01" }, ctx, RANGE))).toEqual([]);
    expect(issuesOf((ctx) => checkDateRange({ start_date: "2026-02-30", end_date: "2020-01-01" }, ctx, RANGE))).toEqual([]);
  });
});

const BY_SPORT = { property: "pr_type", by: "sport", values: { Bike: ["power20min", "hR5sec"], Run: ["speed5K", "hR5sec"] } };

describe("checkEnumBy", () => {
  it.each([
    ["Bike", "power20min"],
    ["Run", "hR5sec"],
  ])("accepts a %s value of its own (%s)", (sport, pr_type) => {
    expect(issuesOf((ctx) => checkEnumBy({ sport, pr_type }, ctx, BY_SPORT))).toEqual([]);
  });

  it("refuses another key's value, listing what the key allows", () => {
    expect(issuesOf((ctx) => checkEnumBy({ sport: "Bike", pr_type: "speed5K" }, ctx, BY_SPORT))).toEqual([
      { code: "custom", path: ["pr_type"], message: "speed5K is not a pr_type of sport Bike; Bike allows: power20min, hR5sec" },
    ]);
  });

  it.each(["Swim", "toString", "__proto__", "constructor"])("leaves an unknown key (%s) to the key's own check", (sport) => {
    expect(issuesOf((ctx) => checkEnumBy({ sport, pr_type: "speed5K" }, ctx, BY_SPORT))).toEqual([]);
  });
});

describe("numberFromText", () => {
  it.each([
    ["123456789", 123456789],
    ["30", 30],
    ["-1", -1],
    ["1.5", 1.5],
    ["0", 0],
  ])("reads %j as a number", (text, number) => {
    expect(numberFromText(text)).toBe(number);
  });

  it.each(["", " 30", "30 ", "1e3", "0x10", "+5", "1.", ".5", "3O", "１２"])("leaves %j to the schema", (text) => {
    expect(numberFromText(text)).toBe(text);
  });

  it.each([null, undefined, 30, true, [30], { value: 30 }])("passes %j through", (value) => {
    expect(numberFromText(value)).toBe(value);
  });
});

describe("caseless", () => {
  const sports = caseless(["Bike", "Run", "hR5sec"]);

  it.each([
    ["bike", "Bike"],
    ["BIKE", "Bike"],
    ["Run", "Run"],
    ["HR5SEC", "hR5sec"],
  ])("reads %j as %j", (given, canonical) => {
    expect(sports(given)).toBe(canonical);
  });

  it.each(["Swim", " bike", "bik", "toString", "__proto__", 2])("leaves %j to the schema", (value) => {
    expect(sports(value)).toBe(value);
  });

  it("refuses values that differ only in case, which no reading could tell apart", () => {
    expect(() => caseless(["Bike", "bike"])).toThrow("differ only in case");
  });
});
