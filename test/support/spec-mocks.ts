/**
 * Mocks and checks built from openapi/trainingpeaks.yaml, so tests never restate the API.
 *
 * - `loadTestSpec()`: the spec, loaded once (`{ raw, dereferenced }`).
 * - `specOperations(spec)`: every operation with its method, path, server and response schemas.
 * - `specExamples(spec)`: every response example, with the schema it claims to follow.
 * - `createSpecHandlers(options)`: msw handlers for every operation, answering the operation's
 *   first 200 example, with a log (`recorded`) of the requests they received.
 * - `setupSpecServer()`: an msw server for a test file (`onUnhandledRequest: "error"`) whose
 *   `use(options)` installs a fresh set of spec handlers.
 * - `createValidator(spec)`: ajv (JSON Schema 2020-12, formats) → `validate(schema, value)`.
 * - `rejectionOf(promise)`: what a call rejected with (fails when it resolves).
 *
 * Specs are the dereferenced document (`(await loadTestSpec()).dereferenced`). Its objects are
 * shared between every place that `$ref`s them: clone before changing anything.
 */
import { fileURLToPath } from "node:url";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import addFormatsModule, { type FormatsPlugin } from "ajv-formats";
import { http, HttpResponse, type HttpHandler, type PathParams } from "msw";
import { setupServer, type SetupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import { loadSpec, type JsonSchema, type LoadedSpec } from "../../scripts/generate/spec.js";
import type { OperationId } from "../../src/generated/constants.js";

export type SpecDocument = Record<string, unknown>;
export type ServerName = "tpapi" | "peakswaresb";

export const SPEC_FILE = fileURLToPath(new URL("../../openapi/trainingpeaks.yaml", import.meta.url));
/** Test hosts: never the real ones, which also proves the base URLs are configurable. */
export const TEST_BASE_URL = "https://tpapi.test";
export const TEST_PEAKSWARE_BASE_URL = "https://peakswaresb.test";

let cached: Promise<LoadedSpec> | undefined;

/** The spec, loaded and dereferenced once per test file. */
export function loadTestSpec(): Promise<LoadedSpec> {
  cached ??= loadSpec(SPEC_FILE);
  return cached;
}

// Loaded at import so that createSpecHandlers can stay synchronous.
const defaultSpec = (await loadTestSpec()).dereferenced;

export interface SpecOperation {
  operationId: OperationId;
  /** Upper case: GET, POST. */
  method: string;
  /** As the spec writes it, e.g. /fitness/v6/athletes/{athleteId}/workouts/{workoutId}. */
  path: string;
  server: ServerName;
  /** The JSON schema of each response status that has JSON content. */
  responseSchemas: Record<string, JsonSchema>;
  /** The operation object itself (dereferenced). */
  operation: Record<string, unknown>;
}

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

type MediaType = { schema?: JsonSchema; example?: unknown; examples?: Record<string, { value?: unknown }> };
type ResponseObject = { content?: Record<string, MediaType> };

function jsonContent(response: ResponseObject | undefined): MediaType | undefined {
  const content = response?.content ?? {};
  const type = Object.keys(content).find((name) => /\bjson\b/i.test(name));
  return type === undefined ? undefined : content[type];
}

/** Every operation of the spec, in spec order. */
export function specOperations(spec: SpecDocument = defaultSpec): SpecOperation[] {
  const rootServers = (spec.servers ?? []) as Array<{ url: string }>;
  const operations: SpecOperation[] = [];
  for (const [path, item] of Object.entries((spec.paths ?? {}) as Record<string, Record<string, unknown>>)) {
    for (const [method, value] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method)) continue;
      const operation = value as Record<string, unknown> & { operationId: OperationId; servers?: Array<{ url: string }> };
      const serverUrl = (operation.servers ?? (item.servers as Array<{ url: string }> | undefined) ?? rootServers)[0]?.url ?? "";
      const responses = (operation.responses ?? {}) as Record<string, ResponseObject>;
      const responseSchemas: Record<string, JsonSchema> = {};
      for (const [status, response] of Object.entries(responses)) {
        const schema = jsonContent(response)?.schema;
        if (schema) responseSchemas[status] = schema;
      }
      operations.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        server: serverUrl.includes("peakswaresb") ? "peakswaresb" : "tpapi",
        responseSchemas,
        operation,
      });
    }
  }
  return operations;
}

/** One operation by id; throws when the spec has no such operation. */
export function specOperation(operationId: OperationId, spec: SpecDocument = defaultSpec): SpecOperation {
  const found = specOperations(spec).find((operation) => operation.operationId === operationId);
  if (!found) throw new Error(`the spec has no operation ${operationId}`);
  return found;
}

export interface SpecExample {
  operationId: OperationId;
  method: string;
  path: string;
  server: ServerName;
  /** The response status, e.g. "200", "401". */
  status: string;
  /** The example's name (its key under `examples`, or "example"). */
  name: string;
  value: unknown;
  schema: JsonSchema;
}

/** Every response example of every operation, in spec order. */
export function specExamples(spec: SpecDocument = defaultSpec): SpecExample[] {
  const examples: SpecExample[] = [];
  for (const { operationId, method, path, server, operation } of specOperations(spec)) {
    for (const [status, response] of Object.entries((operation.responses ?? {}) as Record<string, ResponseObject>)) {
      const media = jsonContent(response);
      if (!media?.schema) continue;
      const named: Array<[string, unknown]> = Object.entries(media.examples ?? {}).map(([name, example]) => [
        name,
        example.value,
      ]);
      if ("example" in media) named.push(["example", media.example]);
      for (const [name, value] of named) {
        examples.push({ operationId, method, path, server, status, name, value, schema: media.schema });
      }
    }
  }
  return examples;
}

/** The value of an operation's example: the named one, else the first 200 example. */
export function exampleValue(operationId: OperationId, name?: string, spec: SpecDocument = defaultSpec): unknown {
  const example = specExamples(spec).find(
    (candidate) =>
      candidate.operationId === operationId && (name === undefined ? candidate.status === "200" : candidate.name === name),
  );
  if (!example) throw new Error(`the spec has no example ${name ?? "(200)"} of ${operationId}`);
  return structuredClone(example.value);
}

export interface RecordedRequest {
  operationId: OperationId;
  method: string;
  url: URL;
  headers: Headers;
  /** The JSON body, parsed; the raw text when it is not JSON; undefined when empty. */
  body: unknown;
}

export type OperationResolver = (info: { request: Request; params: PathParams }) => Response | Promise<Response>;

export interface SpecHandlerOptions {
  /** Default https://tpapi.test. */
  baseUrl?: string;
  /** Default https://peakswaresb.test. */
  peakswareBaseUrl?: string;
  /** Answers that replace an operation's example (called for every request to it). */
  overrides?: Partial<Record<OperationId, OperationResolver>>;
  /** Default: the spec of the repository. */
  spec?: SpecDocument;
}

export interface SpecHandlers {
  handlers: HttpHandler[];
  /** Every request the handlers received, in order (before any override answered it). */
  recorded: RecordedRequest[];
}

/**
 * msw answers with the first handler that matches, and `/workouts/{workoutId}/details` also
 * matches `/workouts/{startDate}/{endDate}`: order routes so a literal segment comes before a
 * parameter at the same position.
 */
function specificityKey(path: string): string {
  return path
    .split("/")
    .map((segment) => (segment.startsWith("{") ? "1" : "0"))
    .join("");
}

async function bodyOf(request: Request): Promise<unknown> {
  const text = await request.clone().text();
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** msw handlers for every operation of the spec, answering its first 200 example unless overridden. */
export function createSpecHandlers(options: SpecHandlerOptions = {}): SpecHandlers {
  const spec = options.spec ?? defaultSpec;
  const bases: Record<ServerName, string> = {
    tpapi: (options.baseUrl ?? TEST_BASE_URL).replace(/\/+$/, ""),
    peakswaresb: (options.peakswareBaseUrl ?? TEST_PEAKSWARE_BASE_URL).replace(/\/+$/, ""),
  };
  const recorded: RecordedRequest[] = [];
  const examples = specExamples(spec);
  const handlerOf = (operation: SpecOperation) => {
    const example = examples.find((candidate) => candidate.operationId === operation.operationId && candidate.status === "200");
    const route = `${bases[operation.server]}${operation.path.replace(/\{([^}]+)\}/g, ":$1")}`;
    const method = operation.method.toLowerCase() as "get" | "post" | "put" | "patch" | "delete" | "head" | "options";
    return http[method](route, async ({ request, params }) => {
      recorded.push({
        operationId: operation.operationId,
        method: request.method,
        url: new URL(request.url),
        headers: new Headers(request.headers),
        body: await bodyOf(request),
      });
      const override = options.overrides?.[operation.operationId];
      if (override) return override({ request, params });
      if (!example) {
        return HttpResponse.json({ message: `the spec has no 200 example of ${operation.operationId}` }, { status: 501 });
      }
      return HttpResponse.json(example.value as never);
    });
  };
  const handlers = specOperations(spec)
    .sort((a, b) => specificityKey(a.path).localeCompare(specificityKey(b.path)))
    .map(handlerOf);
  return { handlers, recorded };
}

export interface SpecServer {
  server: SetupServer;
  /**
   * Installs a fresh set of spec handlers for the current test (in front of any installed before;
   * all are dropped after the test) and returns them, with their `recorded` log.
   */
  use(options?: SpecHandlerOptions): SpecHandlers;
}

/**
 * An msw server for the calling test file: listens before all tests (unhandled requests are
 * errors), drops per-test handlers after each, closes after all. Call `use()` in each test.
 */
export function setupSpecServer(): SpecServer {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return {
    server,
    use(options) {
      const mock = createSpecHandlers(options);
      server.use(...mock.handlers);
      return mock;
    },
  };
}

export interface SchemaValidator {
  /**
   * The errors of `value` against `schema` (a dereferenced JSON Schema, or the name of one of
   * the spec's `components.schemas`); empty when it is valid.
   */
  validate(schema: JsonSchema | string, value: unknown): string[];
  ajv: Ajv2020;
}

// ajv-formats is CommonJS: depending on the loader the default import is the plugin or its module.
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as FormatsPlugin;

function describeError(error: ErrorObject): string {
  return `${error.instancePath || "(root)"} ${error.message ?? error.keyword} ${JSON.stringify(error.params)}`;
}

/**
 * A JSON Schema 2020-12 validator for the spec's schemas. Not strict: the spec carries vendor
 * keywords (`x-…`, `errorMessage`) that ajv would otherwise refuse.
 */
export function createValidator(spec: SpecDocument = defaultSpec): SchemaValidator {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const components = ((spec.components ?? {}) as { schemas?: Record<string, JsonSchema> }).schemas ?? {};
  return {
    ajv,
    validate(schema, value) {
      const resolved = typeof schema === "string" ? components[schema] : schema;
      if (!resolved) throw new Error(`the spec has no schema ${String(schema)}`);
      const check = ajv.compile(resolved);
      return check(value) ? [] : (check.errors ?? []).map(describeError);
    },
  };
}

export { rejectionOf } from "./rejection.js";
