import { jsonSchemaToZod, type Options } from "json-schema-to-zod";
import type { JsonSchema } from "./spec.js";

/**
 * The subset of JSON Schema that tool schemas may use. Anything else fails generation, so a
 * keyword the converter would silently drop (and leave unchecked) can never reach a tool.
 */
const SUPPORTED_KEYWORDS = new Set([
  "type", "enum", "const", "properties", "required", "additionalProperties", "items",
  "format", "pattern", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems",
  "default", "description", "title", "anyOf", "oneOf", "errorMessage",
]);

/**
 * Rewrites a dereferenced schema into the form the converter handles well: vendor extensions
 * are removed (the generator implements them), and `oneOf` becomes `anyOf`, because
 * json-schema-to-zod turns `oneOf` into `z.any()` with a refinement, which loses the type.
 */
export function prepareSchema(schema: unknown, pointer: string, mode: "tool" | "response" = "tool"): JsonSchema {
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) {
    throw new Error(`${pointer}: expected a schema object`);
  }
  const prepared: JsonSchema = {};
  if ("$ref" in schema) {
    // Responses keep their references (emitted once each, by name); a sibling description
    // only documents the use, and runtime schemas carry no descriptions.
    if (mode === "tool") throw new Error(`${pointer}: tool schemas are dereferenced before conversion`);
    return { $ref: (schema as { $ref: unknown }).$ref };
  }
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith("x-")) continue;
    if (!SUPPORTED_KEYWORDS.has(key)) {
      throw new Error(`${pointer}: the keyword "${key}" is outside the supported JSON Schema subset`);
    }
    if (key === "properties") {
      prepared.properties = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([name, sub]) => [
          name,
          prepareSchema(sub, `${pointer}/properties/${name}`, mode),
        ]),
      );
    } else if (key === "items") {
      prepared.items = prepareSchema(value, `${pointer}/items`, mode);
    } else if (key === "anyOf" || key === "oneOf") {
      prepared.anyOf = (value as unknown[]).map((sub, i) => prepareSchema(sub, `${pointer}/${key}/${i}`, mode));
    } else if (key === "additionalProperties" && typeof value !== "boolean") {
      if (mode === "tool") throw new Error(`${pointer}: additionalProperties must be true or false in tool schemas`);
      prepared.additionalProperties = prepareSchema(value, `${pointer}/additionalProperties`, mode);
    } else if (key === "format" && mode === "response") {
      // Responses are checked for shape, not re-validated for formats the API never promised.
    } else {
      prepared[key] = value;
    }
  }
  if (!("type" in prepared) && !("anyOf" in prepared) && !("enum" in prepared) && !("const" in prepared)) {
    throw new Error(`${pointer}: every schema needs a type, enum, const or anyOf`);
  }
  return prepared;
}

/**
 * The one place that calls json-schema-to-zod (unmaintained since March 2026), so it can be
 * swapped. Its known failure is turning what it does not understand into `z.any()`; since every
 * schema we pass is typed (prepareSchema checks), any `z.any()` in the output is a bug.
 */
export function schemaToZodExpression(
  schema: JsonSchema,
  pointer: string,
  options: { allowUntyped?: boolean; override?: Options["parserOverride"] } = {},
): string {
  // No descriptions at run time: clients read them from the published JSON Schema, and in zod
  // they doubled the generated code for nothing.
  const expression = jsonSchemaToZod(schema, { module: "none", withoutDescribes: true, parserOverride: options.override });
  if (!options.allowUntyped && /z\.any\(\)|z\.unknown\(\)/.test(expression)) {
    throw new Error(`${pointer}: json-schema-to-zod produced an untyped schema (z.any()) for a typed input`);
  }
  return expression;
}
