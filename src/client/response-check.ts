import type { z } from "zod";
import { responseSchemas } from "../generated/responses.js";
import { UpstreamError } from "./errors.js";

type OperationWithSchema = keyof typeof responseSchemas;
const built = new Map<string, z.ZodType>();

function schemaOf(operation: string): z.ZodType | undefined {
  if (!(operation in responseSchemas)) return undefined;
  let schema = built.get(operation);
  if (!schema) {
    schema = responseSchemas[operation as OperationWithSchema]() as z.ZodType;
    built.set(operation, schema);
  }
  return schema;
}

function where(path: PropertyKey[]): string {
  return path.map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`)).join("").replace(/^\./, "") || "the top level";
}

/**
 * Checks an answer against the spec before any code reads it, so an API change surfaces as one
 * clear error naming the operation and the field, never as a TypeError deep in a tool. Unknown
 * extra fields pass; values are returned as received.
 */
export function assertShape(operation: string, body: unknown): void {
  const result = schemaOf(operation)?.safeParse(body);
  if (!result || result.success) return;
  const issue = result.error.issues[0];
  const detail = issue ? `${where(issue.path)}: ${issue.message}` : "unexpected shape";
  throw new UpstreamError(
    `TrainingPeaks answered ${operation} in a shape this version does not understand (${detail}); ` +
      "the API may have changed. Please report it with the operation name.",
    { operation },
  );
}
