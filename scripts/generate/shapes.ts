/**
 * The named shapes (`$defs` of shared.yaml and of each declaration) that several tool schemas
 * use, emitted once in src/generated/tools/shapes.ts and imported by the tool modules, instead
 * of the same zod code written out in every module that uses them.
 */
import type { JsonSchema } from "./spec.js";
import { prepareSchema } from "./zod.js";

/** Where a shape is used: tool inputs read leniently (tool-input-rules.ts), outputs do not. */
export type ShapeMode = "input" | "output";

export interface SharedShape {
  /** The exported constant: the def's name, with "Argument" for an input shape. */
  name: string;
  mode: ShapeMode;
  schema: JsonSchema;
}

/** Descriptions are documentation (zod carries none): two uses differing only there are one shape. */
function withoutDescriptions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDescriptions);
  if (!value || typeof value !== "object") return value;
  const entries = Object.entries(value).filter(([key]) => key !== "description");
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, item]) => [key, withoutDescriptions(item)]));
}

export const shapeKey = (mode: ShapeMode, schema: JsonSchema) => `${mode}:${JSON.stringify(withoutDescriptions(schema))}`;

/** Every schema node below the top (properties, items, union members). */
function* nodesBelow(schema: JsonSchema): Generator<JsonSchema> {
  const children = [
    ...Object.values((schema.properties ?? {}) as Record<string, JsonSchema>),
    ...(schema.items && typeof schema.items === "object" ? [schema.items as JsonSchema] : []),
    ...((schema.anyOf ?? []) as JsonSchema[]),
  ];
  for (const child of children) {
    yield child;
    yield* nodesBelow(child);
  }
}

/**
 * The named shapes that occur at least twice across the given tool schemas, by key. `defs` are
 * the candidates by name; `uses` the prepared schemas of every tool, with their mode.
 */
export function sharedShapes(defs: ReadonlyArray<[string, JsonSchema]>, uses: ReadonlyArray<{ mode: ShapeMode; schema: JsonSchema }>): Map<string, SharedShape> {
  const named = new Map<string, { name: string; schema: JsonSchema }>();
  for (const [name, def] of defs) {
    const schema = prepareSchema(structuredClone(def), `$defs/${name}`);
    for (const mode of ["input", "output"] as const) if (!named.has(shapeKey(mode, schema))) named.set(shapeKey(mode, schema), { name, schema });
  }
  const counts = new Map<string, number>();
  for (const { mode, schema } of uses) {
    for (const node of nodesBelow(schema)) {
      const key = shapeKey(mode, node);
      if (named.has(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const shapes = new Map<string, SharedShape>();
  const taken = new Set<string>();
  for (const [key, count] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (count < 2) continue;
    const { name, schema } = named.get(key)!;
    const mode: ShapeMode = key.startsWith("input:") ? "input" : "output";
    let exported = mode === "input" ? `${name}Argument` : name;
    for (let n = 2; taken.has(exported); n++) exported = `${mode === "input" ? `${name}Argument` : name}${n}`;
    taken.add(exported);
    shapes.set(key, { name: exported, mode, schema });
  }
  return shapes;
}
