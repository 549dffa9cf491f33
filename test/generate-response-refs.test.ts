/** Both emitters of answer checks (zod schemas, Ajv validators) accept the same $refs: components, nothing else. */
import { describe, expect, it } from "vitest";
import { emitResponses } from "../scripts/generate/responses.js";
import { emitResponseValidators } from "../scripts/generate/validators.js";

function specAnswering(schema: Record<string, unknown>): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    paths: { "/things": { get: { operationId: "getThings", responses: { "200": { content: { "application/json": { schema } } } } } } },
    components: { schemas: { Thing: { type: "object", properties: { id: { type: "integer" } } } } },
  };
}

describe.each([
  ["zod schemas (responses.ts)", emitResponses],
  ["Ajv validators (response-validators.ts)", emitResponseValidators],
])("%s", (_name, emit) => {
  it("takes a $ref to a component", () => {
    expect(emit(specAnswering({ type: "array", items: { $ref: "#/components/schemas/Thing" } }))).toContain("Thing");
  });

  it.each(["#/components/parameters/Thing", "#/components/schemas/Missing", "https://example.com/thing.json"])("refuses a $ref to %s", (ref) => {
    expect(() => emit(specAnswering({ type: "array", items: { $ref: ref } }))).toThrow(`${ref}: responses may only $ref #/components/schemas/`);
  });
});
