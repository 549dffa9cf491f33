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

/**
 * What an operation does, in the user's words ("reading your workouts"), for messages: users
 * know what they asked for, not the API's operation ids. A request outside the spec names its path.
 */
export function activityOf(operation: string): string {
  return Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation as OperationId].activity : `requesting ${operation}`;
}

/** The environment variable that sets the base URL an operation is sent to. */
export function baseUrlVariableOf(operation: string | undefined): string {
  return operation && Object.hasOwn(OPERATIONS, operation) && OPERATIONS[operation as OperationId].server === "peakswaresb" ? "TP_PEAKSWARE_BASE_URL" : "TP_API_BASE_URL";
}
