import { operationsById, type JsonSchema } from "./spec.js";

const json = (value: unknown) => JSON.stringify(value, null, 2);

function schemasOf(spec: Record<string, unknown>): Record<string, JsonSchema> {
  return (spec.components as { schemas: Record<string, JsonSchema> }).schemas;
}

function enumOf(spec: Record<string, unknown>, name: string): string[] {
  const values = schemasOf(spec)[name]?.enum;
  if (!Array.isArray(values)) throw new Error(`#/components/schemas/${name}: expected an enum`);
  return values as string[];
}

function prTypesBySport(spec: Record<string, unknown>): Record<string, string[]> {
  return { Bike: enumOf(spec, "BikePrType"), Run: enumOf(spec, "RunPrType") };
}

/**
 * The lists constants.ts exports, by their JSON, with the expression that names each. Generated
 * tool code refers to a list it meets by this name instead of spelling it out again.
 */
export function namedLists(spec: Record<string, unknown>): Map<string, string> {
  const bySport = prTypesBySport(spec);
  const lists = new Map<string, string>();
  lists.set(JSON.stringify(enumOf(spec, "RecordSport")), "RECORD_SPORTS");
  for (const sport of Object.keys(bySport)) lists.set(JSON.stringify(bySport[sport]), `PR_TYPES_BY_SPORT.${sport}`);
  // The same union, in the same order, that PR_TYPES computes below.
  lists.set(JSON.stringify([...new Set(Object.values(bySport).flat())]), "PR_TYPES");
  return lists;
}

/** src/generated/constants.ts: facts of the API that the spec states once. */
export function emitConstants(spec: Record<string, unknown>): string {
  const maxRangeDays: Record<string, number> = {};
  for (const [id, operation] of operationsById(spec)) {
    const days = operation["x-max-range-days"];
    if (typeof days === "number") maxRangeDays[id] = days;
  }
  const schemas = schemasOf(spec);
  const sportNames = schemas.WorkoutTypeId?.["x-enum-names"];
  const runDistances = schemas.RunPrType?.["x-distance-m"];
  if (!sportNames || !runDistances) throw new Error("WorkoutTypeId x-enum-names and RunPrType x-distance-m are required");
  const operationTable: Record<string, { method: string; path: string; server: string; activity: string }> = {};
  const paths = spec.paths as Record<string, Record<string, { operationId?: string; servers?: { url: string }[]; "x-activity"?: unknown }>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!operation.operationId) continue;
      const server = operation.servers?.[0]?.url.includes("peakswaresb") ? "peakswaresb" : "tpapi";
      const activity = operation["x-activity"];
      if (typeof activity !== "string" || activity.trim() === "") throw new Error(`${operation.operationId}: every operation needs an x-activity ("reading your workouts")`);
      operationTable[operation.operationId] = { method: method.toUpperCase(), path, server, activity };
    }
  }
  return `/** Every operation: its method, path, the server (tpapi or peakswaresb) that serves it, and what it does in the user's words. */
export const OPERATIONS = ${json(operationTable)} as const;
export type OperationId = keyof typeof OPERATIONS;

/** The longest date range (days, inclusive) each operation accepts (x-max-range-days). */
export const MAX_RANGE_DAYS = ${json(maxRangeDays)} as const;

/** The sports that keep peaks. */
export const RECORD_SPORTS = ${json(enumOf(spec, "RecordSport"))} as const;
export type RecordSport = (typeof RECORD_SPORTS)[number];

/** The record types each sport accepts (BikePrType, RunPrType). */
export const PR_TYPES_BY_SPORT = ${json(prTypesBySport(spec))} as const;
export type PrType = (typeof PR_TYPES_BY_SPORT)[RecordSport][number];

/** Every record type of any sport, each once (heart-rate types belong to both). */
export const PR_TYPES: readonly PrType[] = [...new Set(Object.values(PR_TYPES_BY_SPORT).flat())];

/** The distance, in metres, a run speed record covers (RunPrType x-distance-m). */
export const RUN_RECORD_DISTANCE_M: Readonly<Record<string, number>> = ${json(runDistances)};

/** Sport names by workoutTypeValueId (WorkoutTypeId x-enum-names). */
export const SPORT_NAMES: Readonly<Record<number, string>> = ${json(sportNames)};
`;
}
