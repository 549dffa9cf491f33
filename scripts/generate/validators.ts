import { Ajv } from "ajv";
import standaloneModule from "ajv/dist/standalone/index.js";
import { answerSchemas, componentOf } from "./responses.js";
import type { JsonSchema } from "./spec.js";
import { prepareSchema } from "./zod.js";

// A CommonJS module whose module.exports is the function: under NodeNext its default import is the module.
const standaloneCode = standaloneModule as unknown as typeof standaloneModule.default;

/** Keywords that only document: a validator has no use for them, and they would be compiled into it as text. */
const ANNOTATIONS = new Set(["description", "title", "default", "errorMessage"]);

/** The schema Ajv compiles: annotations dropped, each component reference by the component's own $id. */
function forAjv(node: unknown, components: Record<string, JsonSchema>): unknown {
  if (Array.isArray(node)) return node.map((item) => forAjv(item, components));
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (ANNOTATIONS.has(key)) continue;
    if (key === "$ref" && typeof value === "string") {
      out.$ref = componentOf(value, components);
    } else if (key === "properties") {
      out.properties = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([name, sub]) => [name, forAjv(sub, components)]));
    } else {
      out[key] = forAjv(value, components);
    }
  }
  return out;
}

/**
 * src/generated/response-validators.ts: each operation's 200 answer checked by a validator Ajv
 * compiled here, at generation time, from the same prepared schemas as responses.ts (formats not
 * re-checked, objects open). Unlike zod's parse, it reads the answer without building a copy of
 * it, and nothing is compiled at run time. It stops at the first departure; `tp-mcp doctor`,
 * which lists them all, keeps the zod schemas.
 */
export function emitResponseValidators(raw: Record<string, unknown>): string {
  const components = ((raw.components as { schemas?: Record<string, JsonSchema> } | undefined)?.schemas ?? {}) as Record<string, JsonSchema>;
  // Without inlined references each component compiles once, however many answers use it.
  const ajv = new Ajv({ code: { source: true, esm: true, lines: true }, strict: false, allErrors: false, messages: false, inlineRefs: false, validateFormats: false });
  for (const [name, schema] of Object.entries(components)) {
    ajv.addSchema({ ...(forAjv(prepareSchema(structuredClone(schema), `#/components/schemas/${name}`, "response"), components) as object), $id: name });
  }
  const exported: Record<string, string> = {};
  for (const [operationId, schema] of answerSchemas(raw)) {
    const id = `${operationId}Answer`; // a bare name: component references resolve beside it
    ajv.addSchema({ ...(forAjv(prepareSchema(structuredClone(schema), `#/paths/(${operationId})/responses/200`, "response"), components) as object), $id: id });
    exported[operationId] = id;
  }
  const operationIds = Object.keys(exported);
  const code = standaloneCode(ajv, exported).replace(/^"use strict";/, "");
  if (/\brequire\(|^import /m.test(code)) throw new Error("Ajv's validators need a runtime module: keep the response schemas to keywords that compile to plain code");
  return `// @ts-nocheck Ajv's output, checked by Ajv's own tests; typed by the declarations at the end.
${code}

/** Where an answer departs from its schema (Ajv's error object; messages are not compiled in). */
export interface AnswerError {
  /** JSON Pointer into the answer: "/0/totalTime", "" for the top level. */
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** True when the answer has the spec's shape; otherwise false, with the first departure in \`errors\`. */
export interface AnswerValidator {
  (answer: unknown): boolean;
  errors?: AnswerError[] | null;
}

/** The 200 answer of each operation, as the spec describes it. */
export const answerValidators: { readonly [operationId in ${operationIds.map((id) => JSON.stringify(id)).join(" | ")}]: AnswerValidator } = {
${operationIds.map((id) => `  ${id},`).join("\n")}
};
`;
}
