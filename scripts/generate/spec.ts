import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import $RefParser from "@apidevtools/json-schema-ref-parser";
import { parse } from "yaml";

export const SPEC_PATH = "openapi/trainingpeaks.yaml";
export const TOOLS_DIR = "openapi/tools";

export type JsonSchema = Record<string, unknown>;

export interface LoadedSpec {
  /** The spec as written, $refs intact (what openapi-typescript reads). */
  raw: Record<string, unknown>;
  /** The same with every $ref resolved (examples included). */
  dereferenced: Record<string, unknown>;
  sha256: string;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

async function dereference(document: Record<string, unknown>, file: string): Promise<Record<string, unknown>> {
  // The path lets a tool file's relative $refs (shared.yaml, ../trainingpeaks.yaml) resolve.
  return (await $RefParser.dereference(path.resolve(file), structuredClone(document), {
    dereference: { circular: false },
  })) as Record<string, unknown>;
}

export async function loadSpec(file = SPEC_PATH): Promise<LoadedSpec> {
  const text = readFileSync(file, "utf8");
  const raw = parse(text) as Record<string, unknown>;
  return { raw, dereferenced: await dereference(raw, file), sha256: sha256(text) };
}

type Operation = Record<string, unknown> & { operationId?: string };

/** Every operation of the spec by operationId, in spec order. */
export function operationsById(spec: Record<string, unknown>): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  const paths = (spec.paths ?? {}) as Record<string, Record<string, Operation>>;
  for (const pathItem of Object.values(paths)) {
    for (const operation of Object.values(pathItem)) {
      if (operation && typeof operation === "object" && typeof operation.operationId === "string") {
        operations.set(operation.operationId, operation);
      }
    }
  }
  return operations;
}

export interface ToolAnnotations {
  readOnlyHint: true;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/** One file of openapi/tools/, dereferenced and checked. */
export interface ToolDeclaration {
  name: string;
  title: string;
  description: string;
  /** The operations the tool may send (getUser included where it needs the athlete). */
  operations: string[];
  /** Argument sets the tests run the tool on; the first is the one the docs show. */
  examples: Record<string, unknown>[];
  annotations: ToolAnnotations;
  inputSchema: JsonSchema;
  outputSchema: JsonSchema;
  /** The declaration's own named shapes (`$defs`), dereferenced: candidates to emit once (shapes.ts). */
  defs: Record<string, JsonSchema>;
  /** The declaration file, relative to the repository. */
  file: string;
  sha256: string;
}

// The product only reads: a declaration may say a tool is not idempotent or stays in the
// account, never that it writes.
const DEFAULT_ANNOTATIONS: ToolAnnotations = { readOnlyHint: true, idempotentHint: true, openWorldHint: true };
const DECLARATION_KEYS = new Set(["name", "title", "description", "operations", "examples", "annotations", "inputSchema", "outputSchema", "$defs"]);

function checkedDeclaration(document: Record<string, unknown>, file: string, spec: Record<string, unknown>, text: string): ToolDeclaration {
  const where = file;
  const expectedName = path.basename(file, ".yaml");
  for (const key of Object.keys(document)) {
    if (!DECLARATION_KEYS.has(key)) throw new Error(`${where}: unknown key "${key}" (allowed: ${[...DECLARATION_KEYS].join(", ")})`);
  }
  const { name, title, description, operations, examples, annotations, inputSchema, outputSchema } = document as Partial<Record<string, unknown>>;
  if (name !== expectedName) throw new Error(`${where}: name must be ${expectedName}, the file's name`);
  if (!/^tp_[a-z0-9_]+$/.test(expectedName) || expectedName.length > 50) {
    throw new Error(`${where}: a tool name must match ^tp_[a-z0-9_]+$ and be at most 50 characters`);
  }
  if (typeof title !== "string" || !title.trim()) throw new Error(`${where}: a tool needs a title`);
  if (typeof description !== "string" || description.trim().length < 40) {
    throw new Error(`${where}: a tool needs a description written for a language model`);
  }
  const known = operationsById(spec);
  if (!Array.isArray(operations) || !operations.length) throw new Error(`${where}: name the operation(s) the tool uses`);
  for (const operationId of operations) {
    if (typeof operationId !== "string" || !known.has(operationId)) throw new Error(`${where}: unknown operation ${String(operationId)}`);
  }
  if (!Array.isArray(examples) || !examples.length || !examples.every((e) => e && typeof e === "object" && !Array.isArray(e))) {
    throw new Error(`${where}: give at least one example argument set (an object; {} for no arguments)`);
  }
  const overrides = (annotations ?? {}) as Record<string, unknown>;
  for (const [hint, value] of Object.entries(overrides)) {
    if (hint === "readOnlyHint" || !(hint in DEFAULT_ANNOTATIONS)) {
      throw new Error(`${where}: annotations.${hint} cannot be set; every tool is read-only (only idempotentHint and openWorldHint may differ)`);
    }
    if (typeof value !== "boolean") throw new Error(`${where}: annotations.${hint} must be true or false`);
  }
  const input = inputSchema as JsonSchema | undefined;
  const output = outputSchema as JsonSchema | undefined;
  if (input?.type !== "object" || output?.type !== "object") throw new Error(`${where}: inputSchema and outputSchema must be objects`);
  for (const keyword of ["anyOf", "oneOf", "allOf"]) {
    if (keyword in input) throw new Error(`${where}: inputSchema may not have a top-level ${keyword} (clients reject it)`);
  }
  for (const [property, schema] of Object.entries((input.properties ?? {}) as Record<string, JsonSchema>)) {
    // zod's int() refuses what JSON Schema's integer allows past 2^53: without a bound the
    // published schema would promise more than the server accepts.
    if (schema.type === "integer" && !(typeof schema.maximum === "number" && schema.maximum <= Number.MAX_SAFE_INTEGER)) {
      throw new Error(`${where}: inputSchema.properties.${property} is an integer without a maximum (at most ${Number.MAX_SAFE_INTEGER})`);
    }
  }
  return {
    name: expectedName,
    title: title.trim(),
    description: description.trim(),
    operations: operations as string[],
    examples: examples as Record<string, unknown>[],
    annotations: { ...DEFAULT_ANNOTATIONS, ...overrides },
    inputSchema: input,
    outputSchema: output,
    defs: ((document.$defs ?? {}) as Record<string, JsonSchema>),
    file,
    sha256: sha256(text),
  };
}

/** The shapes several tools share (`shared.yaml`'s `$defs`), dereferenced. */
export async function loadSharedDefs(dir = TOOLS_DIR): Promise<Record<string, JsonSchema>> {
  const file = path.join(dir, "shared.yaml");
  if (!existsSync(file)) return {};
  const document = await dereference(parse(readFileSync(file, "utf8")) as Record<string, unknown>, file);
  return (document.$defs ?? {}) as Record<string, JsonSchema>;
}

/**
 * Every tool declared in `dir` (one `tp_*.yaml` each; other files hold shared shapes), sorted
 * by name, so that adding a tool is adding a file.
 */
export async function loadTools(spec: Record<string, unknown>, dir = TOOLS_DIR): Promise<Map<string, ToolDeclaration>> {
  const files = readdirSync(dir).filter((file) => /^tp_.*\.yaml$/.test(file)).sort();
  const tools = new Map<string, ToolDeclaration>();
  for (const file of files) {
    const relative = path.join(dir, file);
    const text = readFileSync(relative, "utf8");
    const document = await dereference(parse(text) as Record<string, unknown>, relative);
    const tool = checkedDeclaration(document, relative, spec, text);
    tools.set(tool.name, tool);
  }
  return tools;
}
