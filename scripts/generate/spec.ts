import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import $RefParser from "@apidevtools/json-schema-ref-parser";
import { parse } from "yaml";

export const SPEC_PATH = "openapi/trainingpeaks.yaml";

export type JsonSchema = Record<string, unknown>;

export interface ToolDeclaration {
  title?: string;
  description?: string;
  operations?: string[];
  annotations?: Record<string, boolean>;
  inputSchema: JsonSchema;
  outputSchema: JsonSchema;
}

export interface LoadedSpec {
  /** The spec as written, $refs intact (what openapi-typescript reads). */
  raw: Record<string, unknown>;
  /** The same with every $ref resolved (examples included). */
  dereferenced: Record<string, unknown>;
  sha256: string;
}

export async function loadSpec(path = SPEC_PATH): Promise<LoadedSpec> {
  const text = readFileSync(path, "utf8");
  const raw = parse(text) as Record<string, unknown>;
  const dereferenced = (await $RefParser.dereference(structuredClone(raw), {
    dereference: { circular: false },
  })) as Record<string, unknown>;
  return { raw, dereferenced, sha256: createHash("sha256").update(text).digest("hex") };
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

/** The `x-mcp-tools` block, validated so a tool without a title or description cannot ship. */
export function toolDeclarations(spec: Record<string, unknown>): Map<string, ToolDeclaration> {
  const declared = (spec["x-mcp-tools"] ?? {}) as Record<string, ToolDeclaration>;
  const operations = operationsById(spec);
  const tools = new Map<string, ToolDeclaration>();
  for (const [name, tool] of Object.entries(declared)) {
    const where = `x-mcp-tools.${name}`;
    if (!/^tp_[a-z0-9_]+$/.test(name) || name.length > 50) {
      throw new Error(`${where}: a tool name must match ^tp_[a-z0-9_]+$ and be at most 50 characters`);
    }
    if (!tool.title?.trim()) throw new Error(`${where}: a tool needs a title`);
    if (!tool.description?.trim() || tool.description.trim().length < 40) {
      throw new Error(`${where}: a tool needs a description written for a language model`);
    }
    for (const hint of ["readOnlyHint", "idempotentHint", "openWorldHint"]) {
      if (typeof tool.annotations?.[hint] !== "boolean") throw new Error(`${where}: annotations.${hint} must be set`);
    }
    if (!tool.operations?.length) throw new Error(`${where}: name the operation(s) the tool uses`);
    for (const operationId of tool.operations) {
      if (!operations.has(operationId)) throw new Error(`${where}: unknown operation ${operationId}`);
    }
    if (tool.inputSchema?.type !== "object" || tool.outputSchema?.type !== "object") {
      throw new Error(`${where}: inputSchema and outputSchema must be objects`);
    }
    for (const keyword of ["anyOf", "oneOf", "allOf"]) {
      if (keyword in tool.inputSchema) throw new Error(`${where}.inputSchema: no top-level ${keyword} (clients reject it)`);
    }
    tools.set(name, tool);
  }
  return tools;
}
