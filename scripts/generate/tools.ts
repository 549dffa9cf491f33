import { operationsById, toolDeclarations, type JsonSchema } from "./spec.js";
import { prepareSchema, schemaToZodExpression } from "./zod.js";

interface RangeRule {
  start: string;
  end: string;
  maxDays: number;
}

interface EnumByRule {
  property: string;
  by: string;
  values: Record<string, string[]>;
}

/** The schema as clients read it: standard JSON Schema only (errorMessage is a converter hint). */
function publishedSchema(schema: JsonSchema): JsonSchema {
  const published: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "errorMessage") continue;
    if (key === "properties") {
      published.properties = Object.fromEntries(Object.entries(value as Record<string, JsonSchema>).map(([name, sub]) => [name, publishedSchema(sub)]));
    } else if (key === "items" || key === "additionalProperties") {
      published[key] = typeof value === "object" && value !== null ? publishedSchema(value as JsonSchema) : value;
    } else if (key === "anyOf") {
      published.anyOf = (value as JsonSchema[]).map(publishedSchema);
    } else {
      published[key] = value;
    }
  }
  return published;
}

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Reads the cross-field rules (`x-max-range-days-of`, `x-enum-by`) a tool input declares. */
function crossFieldRules(toolName: string, input: JsonSchema, spec: Record<string, unknown>) {
  const operations = operationsById(spec);
  const properties = (input.properties ?? {}) as Record<string, JsonSchema>;
  let range: RangeRule | undefined;
  const rangeOf = input["x-max-range-days-of"];
  if (typeof rangeOf === "string") {
    const maxDays = operations.get(rangeOf)?.["x-max-range-days"];
    if (typeof maxDays !== "number" || !Number.isInteger(maxDays) || maxDays < 1) {
      throw new Error(`x-mcp-tools.${toolName}: operation ${rangeOf} has no x-max-range-days`);
    }
    if (!properties.start_date || !properties.end_date) {
      throw new Error(`x-mcp-tools.${toolName}: x-max-range-days-of needs start_date and end_date`);
    }
    range = { start: "start_date", end: "end_date", maxDays };
  }
  const enumBy: EnumByRule[] = [];
  for (const [property, schema] of Object.entries(properties)) {
    const rule = schema["x-enum-by"] as { property: string; values: Record<string, { enum?: string[] }> } | undefined;
    if (!rule) continue;
    const values = Object.fromEntries(
      Object.entries(rule.values).map(([key, sub]) => {
        if (!Array.isArray(sub.enum)) throw new Error(`x-mcp-tools.${toolName}: x-enum-by.${key} needs an enum`);
        return [key, sub.enum];
      }),
    );
    // The property accepts the union; the refinement below narrows it by the other property.
    schema.enum = [...new Set(Object.values(values).flat())];
    enumBy.push({ property, by: rule.property, values });
  }
  return { range, enumBy };
}

function refinementCode(range: RangeRule | undefined, enumBy: EnumByRule[]): string {
  const checks: string[] = [];
  if (range) checks.push(`checkDateRange(input, ctx, ${JSON.stringify(range)});`);
  for (const rule of enumBy) checks.push(`checkEnumBy(input, ctx, ${JSON.stringify(rule)});`);
  return checks.length ? `.superRefine((input, ctx) => {\n${checks.join("\n")}\n})` : "";
}

const RUNTIME_HELPERS = `
type RefinementContext = { addIssue(issue: { code: "custom"; message: string; path: string[] }): void };

function dayNumber(date: string): number {
  // Not Date.UTC: it reads the years 0–99 as 1900–1999.
  return new Date(0).setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

function checkDateRange(
  input: Record<string, unknown>,
  ctx: RefinementContext,
  rule: { start: string; end: string; maxDays: number },
): void {
  const start = input[rule.start];
  const end = input[rule.end];
  if (typeof start !== "string" || typeof end !== "string") return;
  const days = dayNumber(end) - dayNumber(start) + 1;
  if (days < 1) {
    ctx.addIssue({ code: "custom", path: [rule.end], message: \`\${rule.end} (\${end}) is before \${rule.start} (\${start})\` });
  } else if (days > rule.maxDays) {
    ctx.addIssue({
      code: "custom",
      path: [rule.end],
      message: \`the range \${start} to \${end} covers \${days} days; at most \${rule.maxDays} days are allowed per call, so split it into several calls\`,
    });
  }
}

function checkEnumBy(
  input: Record<string, unknown>,
  ctx: RefinementContext,
  rule: { property: string; by: string; values: Record<string, string[]> },
): void {
  const value = input[rule.property];
  const key = input[rule.by];
  if (typeof value !== "string" || typeof key !== "string") return;
  const allowed = rule.values[key];
  if (allowed && !allowed.includes(value)) {
    ctx.addIssue({
      code: "custom",
      path: [rule.property],
      message: \`\${value} is not a \${rule.property} of \${rule.by} \${key}; \${key} allows: \${allowed.join(", ")}\`,
    });
  }
}
`;

/** src/generated/tools.ts: the zod schemas of every tool and the tool table. */
export function emitTools(dereferenced: Record<string, unknown>): string {
  const tools = toolDeclarations(dereferenced);
  const parts: string[] = [`import { z } from "zod";`, RUNTIME_HELPERS];
  const table: string[] = [];
  for (const [name, declaration] of tools) {
    const input = structuredClone(declaration.inputSchema);
    const { range, enumBy } = crossFieldRules(name, input, dereferenced);
    const base = camel(name);
    const inputPrepared = prepareSchema(input, `#/x-mcp-tools/${name}/inputSchema`);
    const outputPrepared = prepareSchema(structuredClone(declaration.outputSchema), `#/x-mcp-tools/${name}/outputSchema`);
    const inputZod = schemaToZodExpression(inputPrepared, `#/x-mcp-tools/${name}/inputSchema`);
    const outputZod = schemaToZodExpression(outputPrepared, `#/x-mcp-tools/${name}/outputSchema`);
    parts.push(`export const ${base}Input = ${inputZod}${refinementCode(range, enumBy)};`);
    parts.push(`export const ${base}Output = ${outputZod};`);
    table.push(`  ${name}: {
    name: ${JSON.stringify(name)},
    title: ${JSON.stringify(declaration.title)},
    description: ${JSON.stringify(declaration.description?.trim())},
    annotations: ${JSON.stringify({ title: declaration.title, ...declaration.annotations })},
    operations: ${JSON.stringify(declaration.operations)},
    inputSchema: ${base}Input,
    outputSchema: ${base}Output,
    /** What tools/list publishes: the spec's own JSON Schema. */
    inputJsonSchema: ${JSON.stringify(publishedSchema(inputPrepared))},
    outputJsonSchema: ${JSON.stringify(publishedSchema(outputPrepared))},
  },`);
  }
  parts.push(`/** Every MCP tool the spec declares, in spec order. */
export const toolDefinitions = {
${table.join("\n")}
} as const;

export type ToolName = keyof typeof toolDefinitions;
/** A tool's arguments after validation (defaults applied). */
export type ToolInput<N extends ToolName> = z.output<(typeof toolDefinitions)[N]["inputSchema"]>;
/** A tool's structured result. */
export type ToolOutput<N extends ToolName> = z.input<(typeof toolDefinitions)[N]["outputSchema"]>;`);
  return parts.join("\n\n");
}

/** src/generated/constants.ts: facts of the API that the spec states once. */
export function emitConstants(dereferenced: Record<string, unknown>): string {
  const operations = operationsById(dereferenced);
  const maxRangeDays: Record<string, number> = {};
  for (const [id, operation] of operations) {
    const days = operation["x-max-range-days"];
    if (typeof days === "number") maxRangeDays[id] = days;
  }
  const schemas = (dereferenced.components as { schemas: Record<string, JsonSchema> }).schemas;
  const enumOf = (name: string) => {
    const values = schemas[name]?.enum;
    if (!Array.isArray(values)) throw new Error(`#/components/schemas/${name}: expected an enum`);
    return values as string[];
  };
  const sportNames = schemas.WorkoutTypeId?.["x-enum-names"];
  const runDistances = schemas.RunPrType?.["x-distance-m"];
  if (!sportNames || !runDistances) throw new Error("WorkoutTypeId x-enum-names and RunPrType x-distance-m are required");
  const prTypes = { Bike: enumOf("BikePrType"), Run: enumOf("RunPrType") };
  const json = (value: unknown) => JSON.stringify(value, null, 2);
  const operationTable: Record<string, { method: string; path: string; server: string }> = {};
  const paths = dereferenced.paths as Record<string, Record<string, { operationId?: string; servers?: { url: string }[] }>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!operation.operationId) continue;
      const server = operation.servers?.[0]?.url.includes("peakswaresb") ? "peakswaresb" : "tpapi";
      operationTable[operation.operationId] = { method: method.toUpperCase(), path, server };
    }
  }
  return `/** Every operation: its method, path and the server (tpapi or peakswaresb) that serves it. */
export const OPERATIONS = ${json(operationTable)} as const;
export type OperationId = keyof typeof OPERATIONS;

/** The longest date range (days, inclusive) each operation accepts (x-max-range-days). */
export const MAX_RANGE_DAYS = ${json(maxRangeDays)} as const;

/** The sports that keep peaks. */
export const RECORD_SPORTS = ${json(enumOf("RecordSport"))} as const;
export type RecordSport = (typeof RECORD_SPORTS)[number];

/** The record types each sport accepts (BikePrType, RunPrType). */
export const PR_TYPES_BY_SPORT = ${json(prTypes)} as const;
export type PrType = (typeof PR_TYPES_BY_SPORT)[RecordSport][number];

/** The distance, in metres, a run speed record covers (RunPrType x-distance-m). */
export const RUN_RECORD_DISTANCE_M: Readonly<Record<string, number>> = ${json(runDistances)};

/** Sport names by workoutTypeValueId (WorkoutTypeId x-enum-names). */
export const SPORT_NAMES: Readonly<Record<number, string>> = ${json(sportNames)};
`;
}

/** The README's tool reference, between its markers. */
export function emitToolReference(dereferenced: Record<string, unknown>): string {
  const rows = [...toolDeclarations(dereferenced)].map(([name, tool]) => {
    const properties = (tool.inputSchema.properties ?? {}) as Record<string, unknown>;
    const required = new Set((tool.inputSchema.required ?? []) as string[]);
    const inputs = Object.entries(properties)
      .map(([arg]) => `\`${arg}\`${required.has(arg) ? "" : "?"}`)
      .join(", ");
    const description = (tool.description ?? "").trim().replace(/\s+/g, " ").replace(/\|/g, "\\|");
    return `| \`${name}\` | ${inputs || "none"} | ${description} |`;
  });
  return ["| tool | arguments (`?` optional) | what it does |", "| --- | --- | --- |", ...rows].join("\n");
}
