/**
 * A scriptable TrainingPeaks stand-in for the fault-injection suite: a real node:http server on
 * 127.0.0.1 that answers each API operation from a per-operation script of faults (statuses, bodies,
 * stalls, socket resets), then from a fetch-style fallback (the demo athlete). Socket-level faults
 * need the raw request and socket, which test/support/http-mock.ts (fetch-style only) cannot give.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { operationOfRequest } from "../../src/client/routes.js";

export type FetchHandler = (request: Request) => Response | Promise<Response>;

/** One canned answer to one request. */
export type FaultAction =
  /** An HTTP answer: a status, headers and a body (sent whole, with its Content-Length). */
  | { kind: "answer"; status: number; headers?: Record<string, string>; body?: string }
  /** Never answers: the request hangs until the client gives up and closes the socket. */
  | { kind: "stall" }
  /** Destroys the socket without sending a byte (the client sees a reset / "other side closed"). */
  | { kind: "reset" }
  /** Sends the status, headers and the start of the body, then stalls or resets mid-body. */
  | { kind: "partial"; status: number; headers: Record<string, string>; body: string; declaredLength: number; then: "stall" | "reset" }
  /** Sends the status and headers, then one byte of `body` every `everyMs`, for as long as the socket stays open. */
  | { kind: "trickle"; status: number; headers: Record<string, string>; body: string; everyMs: number }
  /** Sends the status and headers, then `chunk` over and over, as fast as the socket takes it, until it closes. */
  | { kind: "endless"; status: number; headers: Record<string, string>; chunk: string }
  /** An HTTP answer with raw bytes for a body (a gzip stream, with its content-encoding header). */
  | { kind: "bytes"; status: number; headers: Record<string, string>; body: Buffer }
  /** The fallback handler answers (the demo athlete). */
  | { kind: "pass" };

export interface RecordedRequest {
  /** The API operation (getWorkouts, exchangeToken, …), else "METHOD /path". */
  operation: string;
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
  /** What the script did with it. */
  action: FaultAction["kind"];
  /** performance.now() when it arrived. */
  at: number;
  /** performance.now() when its connection closed, once it has (a client that gave up closes it). */
  closedAt?: number;
}

interface Script {
  queue: FaultAction[];
  then: FaultAction;
}

export interface FaultServer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Every request since the last clear(), in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** How many requests for `operation` arrived since the last clear(). */
  count(operation: string): number;
  /**
   * The next answers to `operation`, in order; once they are used up, `then` answers every further
   * request (default: the fallback handler).
   */
  script(operation: string, actions: FaultAction[], then?: FaultAction): void;
  /** Forgets every script and the request log: every operation is answered by the fallback again. */
  clear(): void;
  close(): Promise<void>;
}

/** Shorthands for scripts. */
export const answer = (status: number, body = "", headers: Record<string, string> = {}): FaultAction => ({ kind: "answer", status, headers, body });
export const json = (status: number, value: unknown, headers: Record<string, string> = {}): FaultAction =>
  answer(status, JSON.stringify(value), { "content-type": "application/json; charset=utf-8", ...headers });
export const stall: FaultAction = { kind: "stall" };
export const reset: FaultAction = { kind: "reset" };
export const pass: FaultAction = { kind: "pass" };

async function readBody(message: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function toRequest(message: IncomingMessage, url: URL, body: Buffer): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  const method = message.method ?? "GET";
  return new Request(url, { method, headers, body: method === "GET" || method === "HEAD" || body.length === 0 ? undefined : new Uint8Array(body) });
}

async function sendResponse(reply: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  reply.writeHead(response.status, { ...Object.fromEntries(response.headers), "content-length": String(body.length) });
  reply.end(body);
}

export async function startFaultServer(fallback: FetchHandler): Promise<FaultServer> {
  let requests: RecordedRequest[] = [];
  const scripts = new Map<string, Script>();
  let base = "http://127.0.0.1";

  const next = (operation: string): FaultAction => {
    const script = scripts.get(operation);
    if (!script) return pass;
    return script.queue.shift() ?? script.then;
  };

  const handle = async (message: IncomingMessage, reply: ServerResponse) => {
    const url = new URL(message.url ?? "/", base);
    const method = message.method ?? "GET";
    const body = await readBody(message);
    const operation = operationOfRequest(new Request(url, { method })) ?? `${method} ${url.pathname}`;
    const action = next(operation);
    const recorded: RecordedRequest = { operation, method, path: url.pathname + url.search, headers: message.headers, body: body.toString("utf8"), action: action.kind, at: performance.now() };
    requests.push(recorded);
    reply.on("close", () => (recorded.closedAt = performance.now()));
    switch (action.kind) {
      case "answer": {
        const bytes = Buffer.from(action.body ?? "", "utf8");
        reply.writeHead(action.status, { ...action.headers, "content-length": String(bytes.length) });
        reply.end(bytes);
        return;
      }
      case "stall":
        // Nothing: the client's timeout closes the socket; close() closes what is left.
        return;
      case "reset":
        message.socket.destroy();
        return;
      case "partial":
        reply.writeHead(action.status, { ...action.headers, "content-length": String(action.declaredLength) });
        reply.write(action.body);
        if (action.then === "reset") setTimeout(() => message.socket.destroy(), 20);
        return;
      case "trickle": {
        reply.writeHead(action.status, action.headers);
        let sent = 0;
        const timer = setInterval(() => {
          if (reply.destroyed) clearInterval(timer);
          else reply.write(action.body[sent++ % action.body.length]!);
        }, action.everyMs);
        reply.on("close", () => clearInterval(timer));
        return;
      }
      case "endless": {
        reply.writeHead(action.status, action.headers);
        const chunk = Buffer.from(action.chunk, "utf8");
        // Write while the socket takes it, resume on drain: memory stays at one socket buffer.
        const pump = () => {
          while (!reply.destroyed && reply.write(chunk));
        };
        reply.on("drain", pump);
        pump();
        return;
      }
      case "bytes":
        reply.writeHead(action.status, { ...action.headers, "content-length": String(action.body.length) });
        reply.end(action.body);
        return;
      case "pass":
        try {
          await sendResponse(reply, await fallback(toRequest(message, url, body)));
        } catch (error) {
          reply.writeHead(500, { "content-type": "application/json" });
          reply.end(JSON.stringify({ message: `fault-server fallback failed: ${String(error)}` }));
        }
        return;
    }
  };

  const server = createServer((message, reply) => void handle(message, reply));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    get requests() {
      return requests;
    },
    count: (operation) => requests.filter((request) => request.operation === operation).length,
    script(operation, actions, then = pass) {
      scripts.set(operation, { queue: [...actions], then });
    },
    clear() {
      scripts.clear();
      requests = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
