import type { z } from "zod";
import type { OperationId } from "../generated/constants.js";
import { responseSchemas } from "../generated/responses.js";
import { where } from "./response-check.js";

/*
 * For `tp-mcp doctor`, which lists every departure of an answer from the spec, where the client's
 * check (response-check.ts) stops at the first. Its zod schemas are generated from the same spec
 * as the client's validators; only the doctor loads them.
 */

// Every operation must have one (a spec operation with no 200 schema fails tsc here).
const schemaBuilders: { readonly [Id in OperationId]: () => z.ZodType } = responseSchemas;

/** One place where an answer departs from the spec: where, what the spec expects, and the JSON type found there (never the value). */
export interface ShapeIssue {
  /** As the client's errors name it: `[0].totalTime`, `user.userId`, or "the top level". */
  path: string;
  expected: string;
  seenType: string;
}

type ZodIssue = z.core.$ZodIssue;

/** The JSON type of a value, in JSON Schema's words; "missing" where the field is absent. */
function jsonTypeOf(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value = body;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** What the spec wants where one issue was raised, in a few words (the spec's enum values are the spec's, not the account's). */
function expectationOf(issue: ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.expected === "int" ? "integer" : issue.expected;
    case "invalid_value":
      return `one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`;
    case "invalid_format":
      return issue.format === "regex" ? "string in the spec's format" : `string (${issue.format})`;
    case "too_small":
      return `${issue.origin} of at least ${String(issue.minimum)}`;
    case "too_big":
      return `${issue.origin} of at most ${String(issue.maximum)}`;
    case "invalid_union":
      return [...new Set(issue.errors.flatMap((branch) => branch.filter((inner) => inner.path.length === 0).map(expectationOf)))].join(" or ");
    default:
      return issue.code.replace(/_/g, " ");
  }
}

/**
 * A union whose value matched one option's type but failed inside it (an object with a wrong
 * field) is reported at the inner field, through the option with the fewest such issues.
 */
function leafIssues(issue: ZodIssue, prefix: readonly PropertyKey[]): Array<{ path: PropertyKey[]; expected: string }> {
  const path = [...prefix, ...issue.path];
  if (issue.code === "invalid_union") {
    const inside = issue.errors.filter((branch) => branch.length > 0 && branch.every((inner) => inner.path.length > 0));
    const closest = inside.sort((a, b) => a.length - b.length)[0];
    if (closest) return closest.flatMap((inner) => leafIssues(inner, path));
  }
  return [{ path, expected: expectationOf(issue) }];
}

/**
 * Every place the answer departs from the spec's schema (assertShape stops at the first), for
 * `tp-mcp doctor`. The same field in every item of a list counts once, at its first item.
 */
export function shapeIssues(operation: OperationId, body: unknown): ShapeIssue[] {
  const result = schemaBuilders[operation]().safeParse(body);
  if (result.success) return [];
  const seen = new Set<string>();
  const issues: ShapeIssue[] = [];
  for (const { path, expected } of result.error.issues.flatMap((issue) => leafIssues(issue, []))) {
    const seenType = jsonTypeOf(valueAt(body, path));
    const key = `${path.map((part) => (typeof part === "number" ? "[]" : String(part))).join(".")}|${expected}|${seenType}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ path: where(path), expected, seenType });
  }
  return issues;
}
