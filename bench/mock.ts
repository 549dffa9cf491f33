/**
 * The upstream for the bench: the demo athlete's raw API answers (createDemoFetch) served over real
 * HTTP on 127.0.0.1 (the tests' startMockHttpServer), instrumented: the handler's own time per
 * request and operation, the bytes it answered, optionally the bodies, and the request log by path.
 */
import { performance } from "node:perf_hooks";
import { operationOfRequest } from "../src/client/routes.js";
import { createDemoAthlete, createDemoFetch, type DemoAthlete } from "../src/demo/index.js";
import { startMockHttpServer } from "../test/support/http-mock.js";

export interface Handled {
  operation: string;
  /** Time inside the handler: the demo answering plus reading its body, ms. */
  ms: number;
  bytes: number;
  status: number;
}

export type PathKind = "exchangeToken" | "getUser" | "api";

export interface RequestCounts {
  exchangeToken: number;
  getUser: number;
  api: number;
  total: number;
  /** Requests with a body (POSTs) and those of them sent without a Content-Length (chunked). */
  withBody: number;
  chunked: number;
}

export interface BenchMock {
  url: string;
  athlete: DemoAthlete;
  /** Every request the handler answered, in order. */
  handled: Handled[];
  /** The handler's time summed over every request, ms (read before and after a sequential call). */
  readonly handlerMs: number;
  /** While set, response bodies are kept in `captured` (the answer-size measurements). */
  capture: boolean;
  captured: Array<{ operation: string; body: Buffer }>;
  /** How many requests the HTTP server has received so far (a mark for `countsSince`). */
  mark(): number;
  /** Requests received since `mark`, counted by path. */
  countsSince(mark: number): RequestCounts;
  close(): Promise<void>;
}

export function kindOfPath(url: string): PathKind {
  const path = url.split("?")[0]!.replace(/\/+$/, "");
  if (path.endsWith("/users/v3/token")) return "exchangeToken";
  if (path.endsWith("/users/v3/user")) return "getUser";
  return "api";
}

export async function startBenchMock(): Promise<BenchMock> {
  const athlete = createDemoAthlete();
  const demo = createDemoFetch({ athlete });
  // The demo builds its indexes on the first request: do it now, outside every measurement.
  await (await demo(new Request("http://127.0.0.1/users/v3/user"))).arrayBuffer();

  const handled: Handled[] = [];
  let handlerMs = 0;
  const state = { capture: false, captured: [] as Array<{ operation: string; body: Buffer }> };
  const server = await startMockHttpServer(async (request) => {
    const operation = operationOfRequest(request) ?? `unknown ${request.method} ${new URL(request.url).pathname}`;
    const started = performance.now();
    const response = await demo(request);
    const body = Buffer.from(await response.arrayBuffer());
    const ms = performance.now() - started;
    handlerMs += ms;
    handled.push({ operation, ms, bytes: body.length, status: response.status });
    if (state.capture) state.captured.push({ operation, body });
    return new Response(body, { status: response.status, headers: response.headers });
  });

  return {
    url: server.url,
    athlete,
    handled,
    get handlerMs() {
      return handlerMs;
    },
    get capture() {
      return state.capture;
    },
    set capture(value: boolean) {
      state.capture = value;
    },
    get captured() {
      return state.captured;
    },
    set captured(value) {
      state.captured = value;
    },
    mark: () => server.requests.length,
    countsSince(mark) {
      const counts: RequestCounts = { exchangeToken: 0, getUser: 0, api: 0, total: 0, withBody: 0, chunked: 0 };
      for (const request of server.requests.slice(mark)) {
        counts[kindOfPath(request.url)] += 1;
        counts.total += 1;
        if (request.method === "POST" || request.headers["transfer-encoding"] !== undefined) {
          counts.withBody += 1;
          if (request.headers["content-length"] === undefined) counts.chunked += 1;
        }
      }
      return counts;
    },
    close: () => server.close(),
  };
}

/** The environment that points `tp-mcp serve` at the mock: no keyring, no pacing to speak of. */
export const REQUESTS_PER_MINUTE = 1_000_000;
export function serverEnv(mock: BenchMock): Record<string, string> {
  return {
    TP_AUTH_COOKIE: "x",
    TP_API_BASE_URL: mock.url,
    TP_PEAKSWARE_BASE_URL: mock.url,
    TP_REQUESTS_PER_MINUTE: String(REQUESTS_PER_MINUTE),
  };
}
