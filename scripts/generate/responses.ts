import { operationsById, type JsonSchema } from "./spec.js";
import { prepareSchema, schemaToZodExpression } from "./zod.js";

type Operation = { responses?: Record<string, { $ref?: string; content?: Record<string, { schema?: JsonSchema }> }> };

const COMPONENT = /^#\/components\/schemas\/([A-Za-z0-9_]+)$/;

/** The component a response schema's $ref names; any other $ref is refused (responses.ts and the validators rely on it). */
export function componentOf(ref: string, schemas: Record<string, JsonSchema>): string {
  const name = COMPONENT.exec(ref)?.[1];
  if (!name || !schemas[name]) throw new Error(`${ref}: responses may only $ref #/components/schemas/`);
  return name;
}

/** The components a schema refers to, directly or through other components. */
function collectReferences(node: unknown, schemas: Record<string, JsonSchema>, found: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectReferences(item, schemas, found);
  } else if (node && typeof node === "object") {
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === "string") {
      const name = componentOf(ref, schemas);
      if (!found.has(name)) {
        found.add(name);
        collectReferences(schemas[name], schemas, found);
      }
      return;
    }
    for (const value of Object.values(node)) collectReferences(value, schemas, found);
  }
}

/** Each operation's 200 answer schema (JSON), with its $refs to #/components/schemas intact, in spec order. */
export function answerSchemas(raw: Record<string, unknown>): Array<[operationId: string, schema: JsonSchema]> {
  const responses = ((raw.components as { responses?: Record<string, unknown> } | undefined)?.responses ?? {}) as Record<string, Operation["responses"] & object>;
  const answers: Array<[string, JsonSchema]> = [];
  for (const [operationId, operation] of operationsById(raw) as Map<string, Operation>) {
    let response = operation.responses?.["200"];
    const responseRef = response?.$ref?.replace("#/components/responses/", "");
    if (responseRef) response = responses[responseRef] as typeof response;
    const schema = response?.content?.["application/json"]?.schema;
    if (schema) answers.push([operationId, schema]);
  }
  return answers;
}

/**
 * src/generated/responses.ts: a zod schema of each operation's 200 answer, so the client can
 * tell "TrainingPeaks changed its API" apart from a bug of ours. Objects stay open (unknown keys
 * pass) and formats are not re-checked: only the shape the code relies on is.
 *
 * It reads the spec with its $refs intact: a component used by several answers (Workout, Event,
 * ZoneGroup) is written once, as a function that builds it, and called where it is used.
 */
export function emitResponses(raw: Record<string, unknown>): string {
  const schemas = ((raw.components as { schemas?: Record<string, JsonSchema> } | undefined)?.schemas ?? {}) as Record<string, JsonSchema>;
  const override = (node: Record<string, unknown>) => (typeof node.$ref === "string" ? `${componentOf(node.$ref, schemas)}()` : undefined);
  const toZod = (schema: JsonSchema, pointer: string) =>
    schemaToZodExpression(prepareSchema(structuredClone(schema), pointer, "response"), pointer, { allowUntyped: true, override });

  const answers = answerSchemas(raw);
  const used = new Set<string>();
  for (const [, schema] of answers) collectReferences(schema, schemas, used);
  // Spec order, so that the output stays put when a reference moves.
  const components = Object.keys(schemas)
    .filter((name) => used.has(name))
    .map((name) => `const ${name} = () => ${toZod(schemas[name]!, `#/components/schemas/${name}`)};`);
  const entries = answers.map(([operationId, schema]) => `  ${operationId}: () => ${toZod(schema, `#/paths/(${operationId})/responses/200`)},`);
  return `import { z } from "zod";

${components.join("\n\n")}

/** The 200 answer of each operation, as the spec describes it (built on first use: start-up stays cheap). */
export const responseSchemas = {
${entries.join("\n")}
} as const;
`;
}
