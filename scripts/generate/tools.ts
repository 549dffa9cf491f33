import { operationsById, TOOLS_DIR, type JsonSchema, type ToolDeclaration } from "./spec.js";
import { shapeKey, type ShapeMode, type SharedShape } from "./shapes.js";
import { prepareSchema, schemaToZodExpression } from "./zod.js";

/**
 * The schema as clients read it: standard JSON Schema only (errorMessage is a converter hint).
 * An output schema is published without its field descriptions: tools/list is read in every
 * conversation, the fields' names carry their units, and the text answer says what they mean;
 * the declarations keep the descriptions as the fields' documentation. Its nested objects are
 * published without `required` (3 KB of tools/list for 15 tools): the top level still says which
 * fields every answer has, and a client checking an answer checks the types all the same.
 */
function publishedSchema(schema: JsonSchema, output = false, top = true): JsonSchema {
  const published: JsonSchema = {};
  const sub = (value: JsonSchema) => publishedSchema(value, output, false);
  for (const [key, value] of Object.entries(schema)) {
    if (key === "errorMessage" || (output && key === "description") || (output && !top && key === "required")) continue;
    if (key === "properties") {
      published.properties = Object.fromEntries(Object.entries(value as Record<string, JsonSchema>).map(([name, item]) => [name, sub(item)]));
    } else if (key === "items" || key === "additionalProperties") {
      published[key] = typeof value === "object" && value !== null ? sub(value as JsonSchema) : value;
    } else if (key === "anyOf") {
      published.anyOf = (value as JsonSchema[]).map(sub);
    } else {
      published[key] = value;
    }
  }
  return published;
}

/**
 * Moves each object sub-schema that occurs more than once in one published schema into local `$defs`, referred to
 * by `$ref`: the model reads tools/list in every conversation, and repeated shapes (totals, compliance) are its
 * biggest repeated bytes. Only sub-schemas long enough that a `$ref` is shorter than a second copy are shared.
 */
function sharedDefinitions(schema: JsonSchema): JsonSchema {
  const seen = new Map<string, { count: number; name: string }>();
  const count = (value: unknown, name: string) => {
    if (Array.isArray(value)) return value.forEach((item) => count(item, name));
    if (!value || typeof value !== "object") return;
    const node = value as JsonSchema;
    if (node.type === "object" && name) {
      const key = JSON.stringify(node);
      const entry = seen.get(key) ?? { count: 0, name };
      entry.count += 1;
      seen.set(key, entry);
    }
    for (const [key, item] of Object.entries(node)) {
      if (key === "properties") for (const [property, sub] of Object.entries(item as Record<string, unknown>)) count(sub, property);
      else count(item, key === "items" ? `${name}_item` : name);
    }
  };
  count(schema, "");
  const names = new Map<string, string>();
  const used = new Set<string>();
  for (const [key, { count: times, name }] of seen) {
    if (times < 2 || key.length < 60) continue;
    let unique = name;
    for (let n = 2; used.has(unique); n++) unique = `${name}${n}`;
    used.add(unique);
    names.set(key, unique);
  }
  if (names.size === 0) return schema;
  const replace = (value: unknown, top: boolean): unknown => {
    if (Array.isArray(value)) return value.map((item) => replace(item, false));
    if (!value || typeof value !== "object") return value;
    const name = top ? undefined : names.get(JSON.stringify(value));
    if (name) return { $ref: `#/$defs/${name}` };
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replace(item, false)]));
  };
  const defs: JsonSchema = {};
  // A shared shape may itself contain another shared shape: each definition is rewritten the same way.
  for (const [key, name] of names) defs[name] = replace(JSON.parse(key), true);
  return { ...(replace(schema, true) as JsonSchema), $defs: defs };
}

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** A JSON value as TypeScript, naming each list that constants.ts exports instead of repeating it. */
function literal(value: unknown, lists: Map<string, string>): string {
  if (Array.isArray(value)) return lists.get(JSON.stringify(value)) ?? `[${value.map((item) => literal(item, lists)).join(", ")}]`;
  if (value && typeof value === "object") {
    return `{${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${literal(item, lists)}`).join(", ")}}`;
  }
  return JSON.stringify(value);
}

/**
 * Reads the cross-field rules (`x-max-range-days-of`, `x-max-range-days`, `x-enum-by`) of a tool input, as the
 * calls of src/core/tool-input-rules.ts that enforce them.
 */
function refinementCalls(tool: ToolDeclaration, input: JsonSchema, spec: Record<string, unknown>, lists: Map<string, string>): string[] {
  const properties = (input.properties ?? {}) as Record<string, JsonSchema>;
  const calls: string[] = [];
  const rangeOf = input["x-max-range-days-of"];
  const ownRange = input["x-max-range-days"];
  if (rangeOf !== undefined && ownRange !== undefined) throw new Error(`${tool.file}: give x-max-range-days-of or x-max-range-days, not both`);
  if (ownRange !== undefined) {
    // The tool's own limit, where it spans several requests (or none is set by the API).
    if (typeof ownRange !== "number" || !Number.isInteger(ownRange) || ownRange < 1) throw new Error(`${tool.file}: x-max-range-days must be a positive integer`);
    if (!properties.start_date || !properties.end_date) throw new Error(`${tool.file}: x-max-range-days needs start_date and end_date`);
    calls.push(`checkDateRange(input, ctx, { start: "start_date", end: "end_date", maxDays: ${ownRange} });`);
  }
  if (rangeOf !== undefined) {
    const maxDays = typeof rangeOf === "string" ? operationsById(spec).get(rangeOf)?.["x-max-range-days"] : undefined;
    if (typeof maxDays !== "number" || !Number.isInteger(maxDays) || maxDays < 1) {
      throw new Error(`${tool.file}: operation ${String(rangeOf)} has no x-max-range-days`);
    }
    if (!properties.start_date || !properties.end_date) throw new Error(`${tool.file}: x-max-range-days-of needs start_date and end_date`);
    calls.push(`checkDateRange(input, ctx, { start: "start_date", end: "end_date", maxDays: MAX_RANGE_DAYS.${rangeOf} });`);
  }
  for (const [property, schema] of Object.entries(properties)) {
    const rule = schema["x-enum-by"] as { property: string; values: Record<string, { enum?: string[] }> } | undefined;
    if (!rule) continue;
    if (!properties[rule.property]) throw new Error(`${tool.file}: x-enum-by of ${property} names ${rule.property}, which is not an input`);
    const values = Object.fromEntries(
      Object.entries(rule.values).map(([key, sub]) => {
        if (!Array.isArray(sub.enum)) throw new Error(`${tool.file}: x-enum-by.${key} needs an enum`);
        return [key, sub.enum];
      }),
    );
    // The property accepts the union; the refinement narrows it by the other property.
    schema.enum = [...new Set(Object.values(values).flat())];
    calls.push(`checkEnumBy(input, ctx, { property: ${JSON.stringify(property)}, by: ${JSON.stringify(rule.property)}, values: ${literal(values, lists)} });`);
  }
  return calls;
}

interface ZodOptions {
  /** Read numbers written as text and enum values in any case (tool inputs: tool-input-rules.ts). */
  lenient?: boolean;
  /** Also at the top node: a shared input shape is used as a property, where inputs are lenient. */
  lenientAtTop?: boolean;
  /** Shapes emitted once (shapes.ts): a node equal to one is written as its name. */
  shapes?: Map<string, SharedShape>;
  mode?: ShapeMode;
}

function zodOf(schema: JsonSchema, pointer: string, lists: Map<string, string>, options: ZodOptions = {}): string {
  const { lenient = false, lenientAtTop = false, shapes, mode = "output" } = options;
  const named = (node: JsonSchema) => (Array.isArray(node.enum) ? lists.get(JSON.stringify(node.enum)) : undefined);
  const plain = (node: JsonSchema): string | undefined => {
    const list = named(node);
    return list ? `z.enum(${list})${node.default === undefined ? "" : `.default(${JSON.stringify(node.default)})`}` : undefined;
  };
  return schemaToZodExpression(schema, pointer, {
    override: (node, refs) => {
      const atTop = refs.path.length === 0;
      const shared = !atTop && shapes?.get(shapeKey(mode, node));
      if (shared) return `${shared.name}()`;
      // Inputs read numbers written as text and enum values in any case (tool-input-rules.ts).
      if (!lenient || (atTop && !lenientAtTop)) return plain(node);
      const strict = () => plain(node) ?? schemaToZodExpression(node, `${pointer}/${refs.path.join("/")}`);
      if (Array.isArray(node.enum) && node.enum.every((value) => typeof value === "string")) {
        return `z.preprocess(caseless(${named(node) ?? JSON.stringify(node.enum)}), ${strict()})`;
      }
      if (node.type === "integer" || node.type === "number") return `z.preprocess(numberFromText, ${strict()})`;
      return plain(node);
    },
  });
}

/** A tool's input and output schemas as the converter reads them, and its cross-field checks. */
export function preparedSchemas(tool: ToolDeclaration, spec: Record<string, unknown>, lists: Map<string, string>) {
  const input = structuredClone(tool.inputSchema);
  const checks = refinementCalls(tool, input, spec, lists);
  return {
    checks,
    input: prepareSchema(input, `${tool.file}#/inputSchema`),
    output: prepareSchema(structuredClone(tool.outputSchema), `${tool.file}#/outputSchema`),
  };
}

/** The imports a generated module's body needs: zod, the input rules, the named constants, the shared shapes. */
function importsOf(body: string, lists: Map<string, string>, from: { root: string; shapes?: Map<string, SharedShape> }): string[] {
  const rules = ["caseless", "checkDateRange", "checkEnumBy"].filter((name) => body.includes(`${name}(`));
  if (body.includes("numberFromText")) rules.push("numberFromText");
  const constants = ["MAX_RANGE_DAYS", ...new Set(lists.values())]
    .map((expression) => expression.split(".")[0]!)
    .filter((name, index, all) => all.indexOf(name) === index && new RegExp(`\\b${name}\\b`).test(body));
  const shapes = [...(from.shapes?.values() ?? [])].map((shape) => shape.name).filter((name) => new RegExp(`\\b${name}\\b`).test(body));
  const imports = [`import { z } from "zod";`, `import { lazy } from "${from.root}/core/lazy.js";`];
  if (rules.length) imports.push(`import { ${rules.join(", ")} } from "${from.root}/core/tool-input-rules.js";`);
  if (constants.length) imports.push(`import { ${constants.sort().join(", ")} } from "${from.root}/generated/constants.js";`);
  if (shapes.length) imports.push(`import { ${shapes.sort().join(", ")} } from "./shapes.js";`);
  return imports;
}

/** src/generated/tools/shapes.ts: the shapes several tool schemas share, each once. */
export function emitShapesModule(shapes: Map<string, SharedShape>, lists: Map<string, string>): string {
  const body = [...shapes.values()]
    .map((shape) => {
      const pointer = `shapes/${shape.name}`;
      const expression = zodOf(shape.schema, pointer, lists, { lenient: shape.mode === "input", lenientAtTop: true });
      return `/** ${shape.mode === "input" ? "A tool argument" : "A part of tool answers"} several tools share, built on first use. */\nexport const ${shape.name} = lazy(() => ${expression});`;
    })
    .join("\n\n");
  return `${importsOf(body, lists, { root: "../.." }).join("\n")}\n\n${body}\n`;
}

/** The TypeScript name of a tool's definition: tp_get_peaks → tpGetPeaks. */
export const definitionName = (tool: ToolDeclaration) => camel(tool.name);

/** src/generated/tools/<name>.ts: one tool's zod schemas and definition. */
export function emitToolModule(tool: ToolDeclaration, spec: Record<string, unknown>, lists: Map<string, string>, shapes?: Map<string, SharedShape>): string {
  const { checks, input: inputPrepared, output: outputPrepared } = preparedSchemas(tool, spec, lists);
  const refinement = checks.length ? `.superRefine((input, ctx) => {\n${checks.join("\n")}\n})` : "";
  const base = definitionName(tool);
  const body = `// Built on first use (core/lazy.ts): start-up builds no schema of a tool not called.
const input = lazy(() => ${zodOf(inputPrepared, `${tool.file}#/inputSchema`, lists, { lenient: true, shapes, mode: "input" })}${refinement});

const output = lazy(() => ${zodOf(outputPrepared, `${tool.file}#/outputSchema`, lists, { shapes, mode: "output" })});

/** ${tool.name}, as ${TOOLS_DIR}/${tool.name}.yaml declares it. */
export const ${base} = {
  name: ${JSON.stringify(tool.name)},
  title: ${JSON.stringify(tool.title)},
  description: ${JSON.stringify(tool.description)},
  annotations: ${literal(tool.annotations, lists)},
  /** The operations the tool may send; a test fails when it sends another. */
  operations: ${literal(tool.operations, lists)},
  /** Argument sets the tests run the tool on. */
  examples: ${literal(tool.examples, lists)},
  get inputSchema() {
    return input();
  },
  get outputSchema() {
    return output();
  },
  /** What tools/list publishes: the declaration's own JSON Schema. */
  inputJsonSchema: ${literal(publishedSchema(inputPrepared), lists)},
  outputJsonSchema: ${literal(sharedDefinitions(publishedSchema(outputPrepared, true)), lists)},
} as const;`;
  return `${importsOf(body, lists, { root: "../..", shapes }).join("\n")}\n\n${body}\n`;
}

/** src/generated/tools.ts: the index of every tool module, and the types the SDK exports. */
export function emitToolIndex(tools: ToolDeclaration[]): string {
  const imports = tools.map((tool) => `import { ${definitionName(tool)} } from "./tools/${tool.name}.js";`);
  const entries = tools.map((tool) => `  ${tool.name}: ${definitionName(tool)},`);
  return `import type { z } from "zod";
${imports.join("\n")}

/** Every MCP tool declared in openapi/tools/, by name (sorted). */
export const toolDefinitions = {
${entries.join("\n")}
} as const;

export type ToolName = keyof typeof toolDefinitions;
/** A tool's arguments after validation (defaults applied). */
export type ToolInput<N extends ToolName> = z.output<(typeof toolDefinitions)[N]["inputSchema"]>;
/** A tool's structured result. */
export type ToolOutput<N extends ToolName> = z.input<(typeof toolDefinitions)[N]["outputSchema"]>;
`;
}

/** The README's tool reference, between its markers. */
export function emitToolReference(tools: ToolDeclaration[]): string {
  const rows = tools.map((tool) => {
    const properties = (tool.inputSchema.properties ?? {}) as Record<string, unknown>;
    const required = new Set((tool.inputSchema.required ?? []) as string[]);
    const inputs = Object.keys(properties)
      .map((arg) => `\`${arg}\`${required.has(arg) ? "" : "?"}`)
      .join(", ");
    const description = tool.description.replace(/\s+/g, " ").replace(/\|/g, "\\|");
    return `| \`${tool.name}\` | ${inputs || "none"} | ${description} |`;
  });
  return ["| tool | arguments (`?` optional) | what it does |", "| --- | --- | --- |", ...rows].join("\n");
}
