import { OPERATIONS, type OperationId } from "../generated/constants.js";

/** "GET /fitness/v6/athletes/{athleteId}/workouts/{workoutId}" → "getWorkout". */
const OPERATION_BY_ROUTE = new Map(
  Object.entries(OPERATIONS).map(([id, { method, path }]) => [`${method} ${path}`, id as OperationId]),
);

/** The operation openapi-fetch sent, from its method and the spec path it was given. */
export function operationOf(method: string, schemaPath: string): string {
  return OPERATION_BY_ROUTE.get(`${method.toUpperCase()} ${schemaPath}`) ?? schemaPath;
}

/** The operation a concrete request is for; literal path segments win over parameters. */
const ROUTE_PATTERNS = Object.entries(OPERATIONS)
  .map(([id, { method, path }]) => ({
    id,
    method,
    pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`),
    parameters: (path.match(/\{/g) ?? []).length,
  }))
  .sort((a, b) => a.parameters - b.parameters);

export function operationOfRequest(request: Request): string | undefined {
  const { pathname } = new URL(request.url);
  return ROUTE_PATTERNS.find((route) => route.method === request.method && route.pattern.test(pathname))?.id;
}
