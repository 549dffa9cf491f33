import type { z } from "zod";
import type { OperationId } from "../generated/constants.js";
import { responseSchemas } from "../generated/responses.js";
import { UpstreamError } from "./errors.js";
import { activityOf } from "./routes.js";

// Every operation must have one: without it its answers would reach the tools unchecked. A spec
// operation with no 200 schema fails tsc here, so describe its answer in openapi/trainingpeaks.yaml
// and run `npm run generate`.
const schemaBuilders: { readonly [Id in OperationId]: () => z.ZodType } = responseSchemas;
const built = new Map<OperationId, z.ZodType>();

/** The spec's schema of the operation's 200 answer, built on first use. */
function schemaOf(operation: OperationId): z.ZodType {
  let schema = built.get(operation);
  if (!schema) {
    schema = schemaBuilders[operation]();
    built.set(operation, schema);
  }
  return schema;
}

/** Whether the spec allows the operation to answer null (e.g. "no focus event set"). */
export function answerMayBeNull(operation: OperationId): boolean {
  return schemaOf(operation).safeParse(null).success;
}

function where(path: PropertyKey[]): string {
  return path.map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`)).join("").replace(/^\./, "") || "the top level";
}

/**
 * Checks an answer against the spec before any code reads it, so an API change surfaces as one
 * clear error naming the operation and the field, never as a TypeError deep in a tool. Unknown
 * extra fields pass; values are returned as received.
 */
export function assertShape(operation: OperationId, body: unknown): void {
  const result = schemaOf(operation).safeParse(body);
  if (result.success) return;
  const issue = result.error.issues[0];
  const detail = issue ? `${where(issue.path)}: ${issue.message}` : "unexpected shape";
  throw new UpstreamError(
    `TrainingPeaks answered in a shape this version does not understand while ${activityOf(operation)} (${detail}); ` +
      "the API may have changed. Please report it with this message.",
    { operation },
  );
}

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
  const result = schemaOf(operation).safeParse(body);
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
