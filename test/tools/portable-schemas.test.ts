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
