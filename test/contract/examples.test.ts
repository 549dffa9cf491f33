/**
 * The spec's examples are what the mocks answer with, so each must follow its own schema; and
 * the MCP tool schemas must be JSON Schema that a client's validator accepts.
 */
import { describe, expect, it } from "vitest";
import { loadTools } from "../../scripts/generate/spec.js";
import { createValidator, loadTestSpec, specExamples, specOperations } from "../support/spec-mocks.js";

const spec = (await loadTestSpec()).dereferenced;
const { ajv, validate } = createValidator(spec);

const responseExamples = specExamples(spec).map(
  (example) => [`${example.operationId} ${example.status} ${example.name}`, example] as const,
);

type MediaType = { schema: Record<string, unknown>; examples?: Record<string, { value: unknown }> };
const requestExamples = specOperations(spec).flatMap(({ operationId, operation }) => {
  const content = (operation.requestBody as { content?: Record<string, MediaType> } | undefined)?.content ?? {};
  return Object.values(content).flatMap((media) =>
    Object.entries(media.examples ?? {}).map(
      ([name, { value }]) => [`${operationId} request ${name}`, { schema: media.schema, value }] as const,
    ),
  );
});

describe("spec examples", () => {
  it("cover every operation with a 200 example", () => {
    const withExample = new Set(responseExamples.filter(([, e]) => e.status === "200").map(([, e]) => e.operationId));
    expect(
      specOperations(spec)
        .map((operation) => operation.operationId)
        .filter((id) => !withExample.has(id)),
    ).toEqual([]);
  });

  it.each(responseExamples)("%s follows its response schema", (_title, { schema, value }) => {
    expect(validate(schema, value)).toEqual([]);
  });

  it.each(requestExamples)("%s follows its request schema", (_title, { schema, value }) => {
    expect(validate(schema, value)).toEqual([]);
  });
});

// Guards the check above against a validator that accepts anything.
describe("the validator", () => {
  it.each([
    ["a workout without workoutDay", { given: { schema: "Workout", value: { workoutId: 1 } } }],
    ["a workout day that is not a date", { given: { schema: "Workout", value: { workoutId: 1, workoutDay: "13/09/2026" } } }],
    ['a number written "nan"', { given: { schema: "NumberOrNaN", value: "nan" } }],
    ["a date that does not exist", { given: { schema: "Date", value: "2026-02-30" } }],
  ])("refuses %s", (_title, { given }) => {
    expect(validate(given.schema, given.value)).not.toEqual([]);
  });
});

const declarations = await loadTools(spec);

describe("the tool declarations' schemas (openapi/tools/)", () => {
  const tools = [...declarations].flatMap(([name, tool]) => [
    [`${name} inputSchema`, tool.inputSchema] as const,
    [`${name} outputSchema`, tool.outputSchema] as const,
  ]);

  it("declare at least one tool", () => {
    expect(tools.length).toBeGreaterThan(0);
  });

  it.each(tools)("%s is valid JSON Schema 2020-12 and compiles", (_title, schema) => {
    expect(ajv.validateSchema(schema), ajv.errorsText(ajv.errors)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });
});
