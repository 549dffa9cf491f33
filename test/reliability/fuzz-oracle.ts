/**
 * The fuzz suite's oracle and generators (see fuzz.test.ts), derived from the tool declarations
 * (openapi/tools/tp_*.yaml) and the input schemas the tools publish, never from the zod schemas
 * or from src/: adding a tool adds its fuzzing, and a tool with no arguments works too.
 *
 * - `toolModel()`: what a tool accepts: each property's published JSON Schema, the required
 *   ones, and the declaration's cross-field rules (`x-max-range-days-of`, `x-enum-by`).
 * - `problems()`: the fields at fault in an argument object: unknown keys, each property judged
 *   alone by ajv, missing required ones, then the cross-field rules, written here by hand.
 * - `toolArbitraries()`: valid argument objects, one-change mutations of them, arbitrary objects.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule, { type FormatsPlugin } from "ajv-formats";
import fc from "fast-check";
import { operationsById, type JsonSchema } from "../../scripts/generate/spec.js";

export type Args = Record<string, unknown>;
export const HUGE = 100_000;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic, written independently of src/.

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcDay(year: number, month: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, years 0–99 stay themselves
  return date;
}

/** The hand-written date check the oracle used before ajv; kept to prove that ajv agrees with it. */
export function isRealDate(value: unknown): value is string {
  const match = typeof value === "string" ? DATE_SHAPE.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = utcDay(year, month, day);
  // CalendarDate: from 1970 on, and its pattern stops at 2999.
  return year >= 1970 && year <= 2999 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
export const isIntIn = (value: unknown, min: number, max: number) => typeof value === "number" && Number.isSafeInteger(value) && value >= min && value <= max;

const dayIndex = (date: string) => utcDay(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))).getTime() / 86_400_000;
/** Days from start to end, both inclusive. */
export const dayCount = (start: string, end: string) => dayIndex(end) - dayIndex(start) + 1;
export const addDays = (date: string, days: number) => new Date((dayIndex(date) + days) * 86_400_000).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// The model of a tool, and the oracle.

export interface ToolModel {
  name: string;
  /** Each property's published JSON Schema (what tools/list shows). */
  properties: Record<string, JsonSchema>;
  required: string[];
  examples: Args[];
  /** `x-max-range-days-of` or `x-max-range-days`: start_date..end_date, inclusive, at most maxDays days. */
  range?: { start: string; end: string; maxDays: number };
  /** `x-enum-by`: the values of `property` allowed for each value of `by`. */
  enumBy: Array<{ property: string; by: string; values: Record<string, string[]> }>;
}

export function toolModel(
  name: string,
  published: { properties?: Record<string, JsonSchema>; required?: readonly string[] },
  declaration: { inputSchema: JsonSchema; examples: Args[] },
  spec: Record<string, unknown>,
): ToolModel {
  const declared = (declaration.inputSchema.properties ?? {}) as Record<string, JsonSchema>;
  const model: ToolModel = { name, properties: { ...published.properties }, required: [...(published.required ?? [])], examples: declaration.examples, enumBy: [] };
  const rangeOf = declaration.inputSchema["x-max-range-days-of"];
  if (rangeOf !== undefined) {
    const maxDays = operationsById(spec).get(String(rangeOf))?.["x-max-range-days"];
    if (typeof maxDays !== "number") throw new Error(`${name}: operation ${String(rangeOf)} has no x-max-range-days`);
    model.range = { start: "start_date", end: "end_date", maxDays };
  }
  const ownRange = declaration.inputSchema["x-max-range-days"];
  if (typeof ownRange === "number") model.range = { start: "start_date", end: "end_date", maxDays: ownRange };
  for (const [property, schema] of Object.entries(declared)) {
    const rule = schema["x-enum-by"] as { property: string; values: Record<string, { enum: string[] }> } | undefined;
    if (rule) model.enumBy.push({ property, by: rule.property, values: Object.fromEntries(Object.entries(rule.values).map(([key, sub]) => [key, sub.enum])) });
  }
  return model;
}

const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as FormatsPlugin;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const compiled = new WeakMap<JsonSchema, ValidateFunction>();
export function validates(schema: JsonSchema, value: unknown): boolean {
  let check = compiled.get(schema);
  if (!check) compiled.set(schema, (check = ajv.compile(schema)));
  return check(value);
}

/**
 * What a tool reads an argument as, by the rule the issue states (written here independently of
 * src/): an integer or number field takes plain decimal text ("30", "-1", "1.5", never "1e3" or
 * " 30"), and a string enum takes its values in any letter case. Everything else stays itself.
 */
export function leniently(schema: JsonSchema, value: unknown): unknown {
  if (typeof value !== "string") return value;
  // A union reads the value as its first branch that takes it ("123" as the id 123, "Riley" as a name).
  if (Array.isArray(schema.anyOf)) {
    for (const branch of schema.anyOf as JsonSchema[]) {
      const read = leniently(branch, value);
      if (validates(branch, read)) return read;
    }
    return value;
  }
  if ((schema.type === "integer" || schema.type === "number") && /^-?[0-9]+(\.[0-9]+)?$/.test(value)) return Number(value);
  if (Array.isArray(schema.enum)) return schema.enum.find((option) => typeof option === "string" && option.toLowerCase() === value.toLowerCase()) ?? value;
  return value;
}

/**
 * The fields at fault (empty: the call must succeed). An own `__proto__` key is not a fault: the
 * SDK's request schema (zod record) drops it before the tool sees the arguments.
 */
/** The declared arguments as the tool reads them (see `leniently`); unknown keys are left out. */
export function readArgs(model: ToolModel, given: Args): Args {
  const args: Args = {};
  for (const [key, schema] of Object.entries(model.properties)) if (Object.hasOwn(given, key)) args[key] = leniently(schema, given[key]);
  return args;
}

export function problems(model: ToolModel, given: Args): string[] {
  const found = Object.keys(given).filter((key) => key !== "__proto__" && !Object.hasOwn(model.properties, key));
  const valid = new Set<string>();
  const args = readArgs(model, given);
  for (const [key, schema] of Object.entries(model.properties)) {
    if (!Object.hasOwn(args, key)) {
      if (model.required.includes(key)) found.push(key);
    } else if (validates(schema, args[key])) valid.add(key);
    else found.push(key);
  }
  const { range } = model;
  if (range && valid.has(range.start) && valid.has(range.end)) {
    const days = dayCount(args[range.start] as string, args[range.end] as string);
    if (days < 1 || days > range.maxDays) found.push(range.end);
  }
  for (const rule of model.enumBy) {
    if (!valid.has(rule.property) || !valid.has(rule.by)) continue;
    const key = args[rule.by] as string;
    const allowed = Object.hasOwn(rule.values, key) ? rule.values[key] : undefined;
    if (allowed && !allowed.includes(args[rule.property] as string)) found.push(rule.property);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Adversarial values.

export const POLLUTERS = ["__proto__", "constructor", "prototype"];

/** Own properties, `__proto__` included (an object literal's `__proto__:` would set the prototype instead). */
export function withOwn(base: Args, key: string, value: unknown): Args {
  const copy: Args = { ...base };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}
const without = (base: Args, key: string): Args => Object.fromEntries(Object.entries(base).filter(([k]) => k !== key));

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const validDate = fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true }).map(isoDay);
const edgeDate = fc.constantFrom("1970-01-01", "2024-02-29", "2000-02-29", "2026-12-31", "2026-01-01", "2026-11-25", "2099-12-31");
const badDateString = fc.oneof(
  fc.constantFrom(
    "2026-02-30", "2025-13-01", "2026-00-10", "2026-04-31", "2025-02-29", "1900-02-29", "2026-01-00", "2026-01-32",
    "2026-01-01T00:00:00", "2026-01-01T00:00:00Z", "2026-01-01 00:00", "2026-01-01 ", " 2026-01-01", "2026-01-01\n",
    "2026-1-1", "26-01-01", "2026/01/01", "01/03/2026", "20260101", "+02026-01-01", "２０２６-01-01", "", "null", "today",
    "1969-12-31", "0099-12-31", "0000-01-01", "3000-01-01", "9999-12-31",
  ),
  fc.constant("2026-01-01".padEnd(HUGE, "x")),
  fc.constant("9".repeat(HUGE)),
  // Real dates before 1970, years 0000–0099 included (Date.UTC reads those as 1900–1999).
  fc.date({ min: new Date("0000-01-01T00:00:00Z"), max: new Date("1969-12-31T00:00:00Z"), noInvalidDate: true }).map(isoDay),
  validDate.map((d) => `${d}T12:00:00`),
  validDate.map((d) => ` ${d}`),
);
/** JSON values of the wrong type (and the number edge cases JSON can carry). */
const nonString = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -0, 1, -1, 1.5, 1e308, -1e308, 5e-324, MAX_SAFE + 1, [], {}, ["2026-01-01"], { polluted: "yes" }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);
export const anyDate = fc.oneof({ weight: 3, arbitrary: validDate }, edgeDate, badDateString, fc.string({ maxLength: 20 }), nonString);

const clampSafe = (n: number) => Math.min(MAX_SAFE, Math.max(-MAX_SAFE, n));
const validInt = (min: number, max: number, known: unknown[]) => fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, Math.min(min + 1, max), max, ...known));
/** An integer in [min, max] or, as often, just outside it, not an integer, or not a number. */
export const anyInt = (min: number, max: number, known: unknown[] = []) =>
  fc.oneof(
    { weight: 2, arbitrary: validInt(min, max, known) },
    fc.constantFrom<unknown>(min, max, min - 1, max + 1, min + 0.5, max - 0.5, 0, -0, -1, 1.5, 0.999, 1e308, -1e308, 5e-324, MAX_SAFE + 1, 2 ** 53 + 2, 1e21),
    fc.constantFrom<unknown>(String(min), String(max), "0x10", "1e3", "", "abc", "9".repeat(HUGE)),
    fc.integer({ min: clampSafe(min - 1e6), max: min }),
    fc.integer({ min: clampSafe(min - 10_000), max: clampSafe(max + 10_000) }),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: min - 10_000, max: max + 10_000 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    nonString,
  );
export const adversarialText = fc.oneof(
  fc.constantFrom("", " ", "__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "null", "x".repeat(HUGE)),
  fc.string({ maxLength: 20 }),
  nonString,
);
const flipFirst = (v: string) => (v[0] === v[0]?.toUpperCase() ? v.slice(0, 1).toLowerCase() : v.slice(0, 1).toUpperCase()) + v.slice(1);
/** Strings close to an enum's values: case changed, a space added, the last character cut. */
const nearMisses = (values: string[]) =>
  [...new Set(values.flatMap((v) => [v.toUpperCase(), v.toLowerCase(), flipFirst(v), `${v} `, ` ${v}`, v.slice(0, -1)]))].filter((v) => !values.includes(v));

export interface FieldArbitraries {
  valid: fc.Arbitrary<unknown>;
  any: fc.Arbitrary<unknown>;
}

/** Generators for one property, by its published schema; `known` are valid values (the examples'). */
export function fieldArbitraries(schema: JsonSchema, known: unknown[] = []): FieldArbitraries {
  const fits = (value: unknown) => validates(schema, value);
  const knownValid = known.filter(fits);
  const values = Array.isArray(schema.enum) ? (schema.enum as unknown[]) : [];
  if (values.length) {
    const misses = values.every((v) => typeof v === "string") ? nearMisses(values as string[]) : [];
    const valid = fc.constantFrom(...values);
    return { valid, any: fc.oneof({ weight: 3, arbitrary: valid }, ...(misses.length ? [fc.constantFrom(...misses)] : []), adversarialText) };
  }
  if (schema.type === "string" && schema.format === "date") {
    return { valid: fc.oneof({ weight: 3, arbitrary: validDate }, edgeDate, ...(knownValid.length ? [fc.constantFrom(...knownValid)] : [])).filter(fits), any: anyDate };
  }
  if (schema.type === "integer") {
    const bound = (inclusive: unknown, exclusive: unknown, step: number, fallback: number) =>
      typeof inclusive === "number" ? inclusive : typeof exclusive === "number" ? exclusive + step : fallback;
    const min = bound(schema.minimum, schema.exclusiveMinimum, 1, -MAX_SAFE);
    const max = bound(schema.maximum, schema.exclusiveMaximum, -1, MAX_SAFE);
    return { valid: validInt(min, max, knownValid).filter(fits), any: anyInt(min, max, knownValid) };
  }
  // Another shape: its valid values are the examples' or, failing those, generated ones it accepts.
  const candidates = [fc.jsonValue({ maxDepth: 2 }), fc.string(), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true })];
  const valid = knownValid.length ? fc.constantFrom(...knownValid) : fc.oneof(...candidates).filter(fits);
  return { valid, any: fc.oneof(valid, fc.jsonValue(), adversarialText) };
}

// ---------------------------------------------------------------------------------------------
// Argument objects.

/** Keys a caller might send by mistake: other tools' properties and their near misses, prototype keys. */
export function extraKeys(declared: string[]): fc.Arbitrary<string> {
  const variants = declared.flatMap((key) => [key, key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()), key.replace(/(^|_)([a-z])/g, (m) => m.toUpperCase()), `${key} `]);
  return fc.oneof(
    fc.constantFrom("athlete", "athleteId", ...variants),
    fc.constantFrom(...POLLUTERS, "toString", "hasOwnProperty", "valueOf", "__defineGetter__", "isPrototypeOf"),
    fc.string({ minLength: 1, maxLength: 12 }),
    fc.constant("k".repeat(HUGE)),
  );
}
const extraValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant({ polluted: "yes" }), fc.constant({ prototype: { polluted: "yes" } }));

export type Mutation = { op: "set"; key: string; value: unknown } | { op: "delete"; key: string } | { op: "span"; days: number } | { op: "keep" };

export function toolArbitraries(model: ToolModel, extraKey: fc.Arbitrary<string>) {
  const fields = Object.keys(model.properties);
  const field: Record<string, FieldArbitraries> = Object.fromEntries(
    fields.map((key) => [key, fieldArbitraries(model.properties[key]!, model.examples.filter((e) => Object.hasOwn(e, key)).map((e) => e[key]))]),
  );
  const maxDays = model.range?.maxDays ?? 1;

  /** Valid arguments: required fields always, optional ones sometimes, then fitted to the cross-field rules. */
  const valid = fc
    .record({
      values: fc.record(Object.fromEntries(fields.map((key) => [key, model.required.includes(key) ? field[key]!.valid : fc.option(field[key]!.valid, { nil: undefined })]))),
      // days - 1, clustered at the limits
      span: fc.oneof(fc.integer({ min: 0, max: maxDays - 1 }), fc.constantFrom(0, Math.max(0, maxDays - 2), maxDays - 1)),
      pick: fc.nat(),
    })
    .map(({ values, span, pick }) => {
      const args: Args = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
      const { range } = model;
      if (range && typeof args[range.start] === "string") args[range.end] = addDays(args[range.start] as string, span);
      for (const rule of model.enumBy) {
        const key = args[rule.by];
        const allowed = typeof key === "string" && Object.hasOwn(rule.values, key) ? rule.values[key]! : [];
        if (Object.hasOwn(args, rule.property) && allowed.length) args[rule.property] = allowed[pick % allowed.length];
      }
      return args;
    });

  /** One change to a valid object: a field set to a (valid or adversarial) value, removed, or an extra key. */
  const options: Array<fc.Arbitrary<Mutation>> = [
    fc.record({ key: extraKey, value: extraValue }).map(({ key, value }): Mutation => ({ op: "set", key, value })),
    fc.constant<Mutation>({ op: "keep" }),
  ];
  if (fields.length) {
    const setField = fc.constantFrom(...fields).chain((key) => field[key]!.any.map((value): Mutation => ({ op: "set", key, value })));
    options.push(setField, setField, fc.constantFrom(...fields).map((key): Mutation => ({ op: "delete", key })));
  }
  // Ranges around the limit, and ends before starts.
  if (model.range) {
    const reach = 4 * maxDays + 40;
    const span = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(-1, 0, 1, maxDays - 1, maxDays, maxDays + 1, maxDays + 2, 365) }, fc.integer({ min: -reach, max: reach }));
    options.push(...[1, 2].map(() => span.map((days): Mutation => ({ op: "span", days }))));
  }
  const apply = (base: Args, change: Mutation): Args => {
    switch (change.op) {
      case "set":
        return withOwn(base, change.key, change.value);
      case "delete":
        return without(base, change.key);
      case "span": {
        const start = model.range && base[model.range.start];
        return typeof start === "string" ? { ...base, [model.range!.end]: addDays(start, change.days - 1) } : base;
      }
      case "keep":
        return base;
    }
  };
  const almostValid = fc.tuple(valid, fc.oneof(...options)).map(([base, change]) => apply(base, change));

  /** Fully arbitrary objects: declared and adversarial keys, any JSON values. */
  const key = fields.length ? fc.oneof(fc.constantFrom(...fields), extraKey) : extraKey;
  const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), anyDate, anyInt(1, MAX_SAFE), ...fields.map((k) => field[k]!.any));
  // Object.fromEntries defines own properties, `__proto__` included.
  const arbitraryObject = fc.array(fc.tuple(key, value), { maxLength: 5 }).map((entries) => Object.fromEntries(entries) as Args);

  return { field, valid, almostValid, arbitraryObject };
}
