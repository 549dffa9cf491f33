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
