/**
 * A stand-in for TrainingPeaks on 127.0.0.1 for the hostile stdio tests: the token exchange
 * issues a canary token, a test may take over any request (stall it, answer a huge body), and
 * everything else is answered from the demo athlete. It records when each request arrived and
 * whether its connection was cut before an answer, so tests assert on what the server sent.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { createDemoFetch } from "../../src/demo/index.js";

export const CANARY_COOKIE = `V001HOSTILECOOKIE_${"c".repeat(40)}`;
export const CANARY_TOKEN = `HOSTILETOKEN_${"t".repeat(32)}`;

/** Answers a request, or `undefined` to leave it to the demo. A promise that never settles stalls it. */
export type Override = (request: Request) => Response | Promise<Response> | undefined;

export interface UpstreamRequest {
  method: string;
  path: string;
  /** performance.now() on arrival. */
  at: number;
  /** Set when the client closed the connection before the answer was complete. */
  abortedAt?: number;
}

export interface FakeUpstream {
  url: string;
  requests: UpstreamRequest[];
  /** The environment for `tp-mcp serve` against this upstream, with the canary cookie. */
  env(extra?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

async function toRequest(message: IncomingMessage, base: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) if (typeof value === "string") headers.set(name, value);
  return new Request(new URL(message.url ?? "/", base), { method: message.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
}

export async function startFakeUpstream(override: Override = () => undefined): Promise<FakeUpstream> {
  const demo = createDemoFetch();
  const requests: UpstreamRequest[] = [];
  let base = "";
  const server = createServer((message, reply) => {
    const record: UpstreamRequest = { method: message.method ?? "GET", path: message.url ?? "/", at: performance.now() };
    requests.push(record);
    reply.on("close", () => {
      if (!reply.writableFinished) record.abortedAt = performance.now();
    });
    void (async () => {
      try {
        const request = await toRequest(message, base);
        const response =
          new URL(request.url).pathname === "/users/v3/token"
            ? Response.json({ success: true, token: { access_token: CANARY_TOKEN, token_type: "Bearer", expires_in: 3600 } })
            : await (override(request) ?? demo(request));
        const body = Buffer.from(await response.arrayBuffer());
        reply.writeHead(response.status, { "content-type": response.headers.get("content-type") ?? "application/json" });
        reply.end(body);
      } catch (error) {
        reply.writeHead(500, { "content-type": "application/json" });
        reply.end(JSON.stringify({ message: String(error) }));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    env: (extra = {}) => ({ TP_AUTH_COOKIE: CANARY_COOKIE, TP_API_BASE_URL: base, TP_PEAKSWARE_BASE_URL: base, TP_MCP_HOME: "/nonexistent/tp-mcp-hostile", ...extra }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Never settles: the request stalls until the client gives up or the fake closes. */
export const stall = (): Promise<Response> => new Promise<Response>(() => undefined);

export const isWorkoutList = (request: Request) => /\/workouts\/\d{4}-\d{2}-\d{2}\/\d{4}-\d{2}-\d{2}$/.test(new URL(request.url).pathname);
