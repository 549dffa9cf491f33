import { operationsById, type JsonSchema } from "./spec.js";
import { prepareSchema, schemaToZodExpression } from "./zod.js";

type Operation = { responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }> };

/**
 * src/generated/responses.ts: a zod schema of each operation's 200 answer, so the client can
 * tell "TrainingPeaks changed its API" apart from a bug of ours. Objects stay open (unknown keys
 * pass) and formats are not re-checked: only the shape the code relies on is.
 */
export function emitResponses(dereferenced: Record<string, unknown>): string {
  const entries: string[] = [];
  for (const [operationId, operation] of operationsById(dereferenced) as Map<string, Operation>) {
    const schema = operation.responses?.["200"]?.content?.["application/json"]?.schema;
    if (!schema) continue;
    const pointer = `#/paths/(${operationId})/responses/200`;
    const zod = schemaToZodExpression(prepareSchema(structuredClone(schema), pointer, "response"), pointer, { allowUntyped: true });
    entries.push(`  ${operationId}: () => ${zod},`);
  }
  return `import { z } from "zod";

/** The 200 answer of each operation, as the spec describes it (built on first use: start-up stays cheap). */
export const responseSchemas = {
${entries.join("\n")}
} as const;
`;
}
