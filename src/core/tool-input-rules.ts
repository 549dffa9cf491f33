/**
 * The cross-field rules a tool declaration states (`x-max-range-days-of`, `x-enum-by`), checked
 * at run time. The generated tool schemas call them from a zod `superRefine`, so a refused
 * argument gets the same clear message whichever client sent it, before any request is made.
 */
import { parseDay } from "./dates.js";

/** What zod's superRefine hands a refinement: only the part these rules use. */
export interface RefinementContext {
  addIssue(issue: { code: "custom"; message: string; path: string[] }): void;
}

export interface DateRangeRule {
  start: string;
  end: string;
  maxDays: number;
}

export interface EnumByRule {
  property: string;
  by: string;
  values: Readonly<Record<string, readonly string[]>>;
}

/** The end must not come before the start, and the range may not exceed the operation's limit. */
export function checkDateRange(input: Record<string, unknown>, ctx: RefinementContext, rule: DateRangeRule): void {
  const start = input[rule.start];
  const end = input[rule.end];
  // A missing or malformed date has its own issue already; a second one would only add noise.
  const startDay = typeof start === "string" ? parseDay(start) : undefined;
  const endDay = typeof end === "string" ? parseDay(end) : undefined;
  if (startDay === undefined || endDay === undefined) return;
  const days = endDay - startDay + 1;
  if (days < 1) {
    ctx.addIssue({ code: "custom", path: [rule.end], message: `${rule.end} (${end}) is before ${rule.start} (${start})` });
  } else if (days > rule.maxDays) {
    ctx.addIssue({
      code: "custom",
      path: [rule.end],
      message: `the range ${start} to ${end} covers ${days} days; at most ${rule.maxDays} days are allowed per call, so split it into several calls`,
    });
  }
}

/** A property whose valid values depend on another one (the record types of a sport). */
export function checkEnumBy(input: Record<string, unknown>, ctx: RefinementContext, rule: EnumByRule): void {
  const value = input[rule.property];
  const key = input[rule.by];
  if (typeof value !== "string" || typeof key !== "string") return;
  // Own keys only: a `by` value such as "toString" must not find Object.prototype's.
  const allowed = Object.hasOwn(rule.values, key) ? rule.values[key] : undefined;
  if (allowed && !allowed.includes(value)) {
    ctx.addIssue({
      code: "custom",
      path: [rule.property],
      message: `${value} is not a ${rule.property} of ${rule.by} ${key}; ${key} allows: ${allowed.join(", ")}`,
    });
  }
}

/*
 * Lenient readings of an argument, applied before validation. Models copy the forms they have
 * seen ("workout_id": "123456789", "sport": "bike"), and refusing them only costs a round trip.
 * The published schemas keep the canonical forms; these only widen what a call may send.
 */

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/** A number written as plain decimal text ("30", "123456789", "1.5") becomes that number; anything else is left to the schema. */
export function numberFromText(value: unknown): unknown {
  return typeof value === "string" && DECIMAL_TEXT.test(value) ? Number(value) : value;
}

/** An enum value in any letter case ("bike", "COMPLETED") becomes the canonical one. */
export function caseless(values: readonly string[]): (value: unknown) => unknown {
  const byFolded = new Map(values.map((value) => [value.toLowerCase(), value]));
  if (byFolded.size !== values.length) throw new Error(`Enum values differ only in case: ${values.join(", ")}`);
  return (value) => (typeof value === "string" ? (byFolded.get(value.toLowerCase()) ?? value) : value);
}
