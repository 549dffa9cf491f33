/**
 * One plain sentence per argument at fault, in place of zod's defaults: it names the field, says
 * what is allowed and gives an example, from the tool's published schema and its examples. A bad
 * date gets one sentence, not one per check it failed; an unknown key lists the known ones.
 */
import type { z } from "zod";

type Issue = z.core.$ZodIssue;

interface PropertySchema {
  type?: string | string[];
  enum?: readonly unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  description?: string;
  anyOf?: readonly PropertySchema[];
}

export interface ToolInputShape {
  name: string;
  inputJsonSchema: { properties?: Readonly<Record<string, PropertySchema>>; required?: readonly string[] };
  examples: ReadonlyArray<Readonly<Record<string, unknown>>>;
}

/** Enums longer than this are summarised: a model needs the form, not every value. */
const MAX_LISTED = 8;
const MAX_SHOWN_CHARS = 40;

function shown(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  const text = typeof value === "string" ? JSON.stringify(value.length > MAX_SHOWN_CHARS ? `${value.slice(0, MAX_SHOWN_CHARS)}…` : value) : String(value);
  return typeof value === "string" ? text : `${typeof value} ${text}`;
}

function exampleOf(tool: ToolInputShape, field: string, schema: PropertySchema): string | undefined {
  const given = tool.examples.find((example) => Object.hasOwn(example, field))?.[field];
  if (given !== undefined) return JSON.stringify(given);
  if (schema.format === "date") return '"2026-11-25"';
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return JSON.stringify(schema.enum[0]);
  if (schema.minimum !== undefined) return String(schema.minimum);
  return undefined;
}

function valuesOf(schema: PropertySchema): string {
  const values = (schema.enum ?? []).map(String);
  if (values.length <= MAX_LISTED) return values.join(", ");
  return `${values.slice(0, MAX_LISTED).join(", ")}, … (${values.length} in all; see the tool description)`;
}

/** What the field takes, in words. */
function allowed(schema: PropertySchema): string {
  if (schema.anyOf) return schema.anyOf.map(allowed).join(", or ");
  if (Array.isArray(schema.enum)) return `one of ${valuesOf(schema)}`;
  if (schema.format === "date") return "a real calendar date written YYYY-MM-DD, from 1970 on";
  if (schema.type === "boolean") return "true or false";
  const kind = schema.type === "integer" ? "a whole number" : schema.type === "number" ? "a number" : schema.type === "string" ? "text" : "a value";
  if (schema.type === "string" && schema.maxLength !== undefined) return `text of at most ${schema.maxLength} characters`;
  if (schema.minimum !== undefined && schema.maximum !== undefined && schema.maximum < 1e9) return `${kind} from ${schema.minimum} to ${schema.maximum}`;
  if (schema.minimum !== undefined) return `${kind} of at least ${schema.minimum}`;
  return kind;
}

function sentence(tool: ToolInputShape, field: string, issue: Issue, args: Readonly<Record<string, unknown>>): string {
  const schema = tool.inputJsonSchema.properties?.[field] ?? {};
  const example = exampleOf(tool, field, schema);
  const eg = example ? ` (e.g. ${example})` : "";
  // A refinement's message already says what is wrong and what to do.
  if (issue.code === "custom") return issue.message.startsWith(field) ? `${issue.message}.` : `${field}: ${issue.message}.`;
  if (!Object.hasOwn(args, field)) return `${field} is required: ${allowed(schema)}${eg}.`;
  return `${field} must be ${allowed(schema)}${eg}; got ${shown(args[field])}.`;
}

/** The refusal text for arguments that failed the tool's input schema. */
export function describeInvalidInput(tool: ToolInputShape, issues: readonly Issue[], args: Readonly<Record<string, unknown>>): string {
  const known = Object.keys(tool.inputJsonSchema.properties ?? {});
  const sentences: string[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      const takes = known.length ? `${tool.name} takes ${known.join(", ")}` : `${tool.name} takes no arguments`;
      sentences.push(`Unknown argument${issue.keys.length === 1 ? "" : "s"} ${issue.keys.map((key) => JSON.stringify(key)).join(", ")}: ${takes}.`);
      continue;
    }
    const field = String(issue.path[0] ?? "");
    // One sentence per field: a date that fails its format and its pattern is one problem.
    if (seen.has(field)) continue;
    seen.add(field);
    sentences.push(field ? sentence(tool, field, issue, args) : issue.message);
  }
  return `Invalid arguments for ${tool.name}: ${sentences.join(" ")}`;
}
