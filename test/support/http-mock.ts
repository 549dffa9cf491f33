import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";

export type FetchHandler = (request: Request) => Response | Promise<Response>;

export interface MockHttpRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** performance.now() on arrival. */
  at: number;
  /** Set when the client closed the connection before the answer was complete. */
  abortedAt?: number;
}

export interface MockHttpServer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Every request received, in order. */
  requests: MockHttpRequest[];
  close(): Promise<void>;
}

async function toRequest(message: IncomingMessage, base: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  const body = chunks.length ? Buffer.concat(chunks) : undefined;
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  return new Request(new URL(message.url ?? "/", base), { method: message.method, headers, body });
}

/** A real HTTP server on 127.0.0.1 that answers with a fetch-style handler (the demo's, or a test's). */
export async function startMockHttpServer(handler: FetchHandler): Promise<MockHttpServer> {
  const requests: MockHttpServer["requests"] = [];
  let base = "http://127.0.0.1";
  const server = createServer((message, reply) => {
    const record: MockHttpRequest = { method: message.method ?? "GET", url: message.url ?? "/", headers: message.headers, at: performance.now() };
    requests.push(record);
    reply.on("close", () => {
      if (!reply.writableFinished) record.abortedAt = performance.now();
    });
    void (async () => {
      try {
        const response = await handler(await toRequest(message, base));
        const headers = Object.fromEntries(response.headers);
        // A handler's own reason phrase goes out as given (hostile tests echo secrets in one).
        if (response.statusText) reply.writeHead(response.status, response.statusText, headers);
        else reply.writeHead(response.status, headers);
        reply.end(Buffer.from(await response.arrayBuffer()));
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
