/**
 * The published schemas stay portable: no `null` types (the Inspector's --strict mode warns on
 * each, and some clients reject them). A tool leaves an absent field out instead.
 */
import { describe, expect, it } from "vitest";
import { toolDefinitions, type ToolName } from "../../src/generated/tools.js";

/** JSON pointers of every schema node that admits null. */
function nullTypes(schema: unknown, pointer = "#"): string[] {
  if (!schema || typeof schema !== "object") return [];
  if (Array.isArray(schema)) return schema.flatMap((item, i) => nullTypes(item, `${pointer}/${i}`));
  const node = schema as Record<string, unknown>;
  const own = node.type === "null" || (Array.isArray(node.type) && node.type.includes("null")) || (Array.isArray(node.enum) && node.enum.includes(null)) ? [pointer] : [];
  return [...own, ...Object.entries(node).flatMap(([key, value]) => nullTypes(value, `${pointer}/${key}`))];
}

describe("published tool schemas", () => {
  it("finds a null type where there is one (self-check)", () => {
    expect(nullTypes({ properties: { a: { type: ["string", "null"] }, b: { anyOf: [{ type: "null" }] } } })).toEqual(["#/properties/a", "#/properties/b/anyOf/0"]);
  });

  it.each(Object.keys(toolDefinitions) as ToolName[])("%s admits no null anywhere", (name) => {
    const { inputJsonSchema, outputJsonSchema } = toolDefinitions[name];
    expect(nullTypes(inputJsonSchema)).toEqual([]);
    expect(nullTypes(outputJsonSchema)).toEqual([]);
  });
});

/** Every description keyword below the top of a schema, by pointer. */
function descriptions(schema: unknown, pointer = "#"): string[] {
  if (!schema || typeof schema !== "object") return [];
  if (Array.isArray(schema)) return schema.flatMap((item, i) => descriptions(item, `${pointer}/${i}`));
  return Object.entries(schema).flatMap(([key, value]) =>
    key === "description" && typeof value === "string" ? [pointer] : key === "description" ? [] : descriptions(value, `${pointer}/${key}`),
  );
}

describe("published tool schemas, as tools/list sends them to every conversation", () => {
  it.each(Object.keys(toolDefinitions) as ToolName[])("%s: the output schema carries no field descriptions, the input schema its own", (name) => {
    const { inputJsonSchema, outputJsonSchema, annotations } = toolDefinitions[name];
    expect(descriptions(outputJsonSchema)).toEqual([]);
    const inputs = Object.keys((inputJsonSchema as { properties?: object }).properties ?? {});
    expect(descriptions(inputJsonSchema).length).toBeGreaterThanOrEqual(inputs.length);
    // The title is the tool's own; the annotations do not repeat it.
    expect(annotations).not.toHaveProperty("title");
  });
});
