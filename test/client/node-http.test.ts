/**
 * The node:http fetch (src/client/transport/node-http.ts) against a real node:http server on
 * 127.0.0.1: what reaches the wire, what comes back, and that it fails the way undici's fetch does
 * wherever the resilient transport tells faults apart.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { UpstreamError } from "../../src/client/errors.js";
import { createResilientFetch } from "../../src/client/transport.js";
import { isNetworkError, networkErrorCode } from "../../src/client/transport/faults.js";
import { createNodeHttpFetch } from "../../src/client/transport/node-http.js";

type Handler = (request: IncomingMessage, response: ServerResponse, body: Buffer) => void;

/** What the server saw: each request (with its raw header pairs and body), each connection. */
interface Seen {
  method: string | undefined;
  path: string | undefined;
  rawHeaders: string[];
  body: Buffer;
  socket: Socket;
}

let server: Server;
let base: string;
let handler: Handler;
let seen: Seen[] = [];
let connections: Socket[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: request.method, path: request.url, rawHeaders: request.rawHeaders, body, socket: request.socket });
      handler(request, response, body);
    });
  });
  server.on("connection", (socket: Socket) => connections.push(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => {
  server.closeAllConnections();
  seen = [];
  connections = [];
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const text = (body: string, headers: Record<string, string | string[]> = {}): Handler => (_request, response) => {
  response.writeHead(200, { "content-type": "text/plain", ...headers });
  response.end(body);
};
const header = (entry: Seen, name: string) => {
  const at = entry.rawHeaders.findIndex((value, i) => i % 2 === 0 && value.toLowerCase() === name);
  return at < 0 ? undefined : entry.rawHeaders[at + 1];
};
/** Resolves once the server saw `count` requests. */
const requestsSeen = async (count: number) => {
  while (seen.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
};
const closed = (socket: Socket) => new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once("close", () => resolve())));

describe("what goes on the wire", () => {
  it("a GET: method, path, headers; no body, no Content-Length, no Transfer-Encoding; compression offered", async () => {
    handler = text("hello");
    const response = await createNodeHttpFetch()(new Request(`${base}/users/v3/user?x=1&y=%20`, { headers: { authorization: "Bearer t" } }));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("hello");
    const [entry] = seen;
    expect(entry).toMatchObject({ method: "GET", path: "/users/v3/user?x=1&y=%20" });
    expect(header(entry!, "authorization")).toBe("Bearer t");
    expect(header(entry!, "accept-encoding")).toBe("gzip, deflate, br");
    expect(header(entry!, "content-length")).toBeUndefined();
    expect(header(entry!, "transfer-encoding")).toBeUndefined();
  });

  it("a POST: the body once, with its Content-Length, never chunked", async () => {
    handler = text("ok");
    const payload = JSON.stringify({ athleteId: 1, note: "é".repeat(10) });
    const request = new Request(`${base}/fitness`, { method: "POST", headers: { "content-type": "application/json" }, body: payload });
    await (await createNodeHttpFetch()(request)).text();
    const [entry] = seen;
    expect(entry!.method).toBe("POST");
    expect(entry!.body.toString()).toBe(payload);
    expect(header(entry!, "content-length")).toBe(String(Buffer.byteLength(payload)));
    expect(header(entry!, "transfer-encoding")).toBeUndefined();
    expect(header(entry!, "content-type")).toBe("application/json");
  });

  it("an Accept-Encoding the caller set is kept", async () => {
    handler = text("plain");
    await (await createNodeHttpFetch()(new Request(base, { headers: { "accept-encoding": "identity" } }))).text();
    expect(header(seen[0]!, "accept-encoding")).toBe("identity");
  });
});

describe("what comes back", () => {
  const json = JSON.stringify({ workouts: Array.from({ length: 200 }, (_, id) => ({ id, title: "Endurance ride" })) });
  it.each([
    { coding: "gzip", encode: gzipSync },
    { coding: "deflate", encode: deflateSync },
    { coding: "br", encode: brotliCompressSync },
  ])("a $coding body is decoded; the headers stay as received", async ({ coding, encode }) => {
    const encoded = encode(json);
    handler = (_request, response) => {
      response.writeHead(200, { "content-encoding": coding, "content-length": encoded.byteLength });
      response.end(encoded);
    };
    const response = await createNodeHttpFetch()(new Request(base));
    expect(response.headers.get("content-encoding")).toBe(coding);
    expect(response.headers.get("content-length")).toBe(String(encoded.byteLength));
    expect(await response.text()).toBe(json);
  });

  it("a 307 comes back as it is: never followed", async () => {
    handler = (_request, response) => {
      response.writeHead(307, { location: "/elsewhere" });
      response.end("moved");
    };
    const response = await createNodeHttpFetch()(new Request(`${base}/here`));
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("/elsewhere");
    expect(await response.text()).toBe("moved");
    expect(seen.map((entry) => entry.path)).toEqual(["/here"]);
  });

  it("several Set-Cookie headers stay several", async () => {
    handler = text("", { "set-cookie": ["a=1; Path=/", "b=2; HttpOnly"] });
    const response = await createNodeHttpFetch()(new Request(base));
    expect(response.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; HttpOnly"]);
  });

  it.each([
    { name: "a 204", request: () => new Request(base), status: 204 },
    { name: "a HEAD", request: () => new Request(base, { method: "HEAD" }), status: 200 },
  ])("$name has a null body, and its socket serves the next request", async ({ request, status }) => {
    handler = (_request, response) => {
      if (status === 204) response.writeHead(204).end();
      else response.writeHead(status, { "content-length": 5 }).end();
    };
    const fetch = createNodeHttpFetch();
    const response = await fetch(request());
    expect(response.status).toBe(status);
    expect(response.body).toBeNull();
    await fetch(request());
    expect(connections).toHaveLength(1);
  });

  it("the body streams with backpressure: a body nobody reads stops the server's writes", async () => {
    const total = 32 * 1024 * 1024;
    let finished = false;
    handler = (_request, response) => {
      response.writeHead(200, { "content-length": total });
      const chunk = Buffer.alloc(64 * 1024, 97);
      let sent = 0;
      const write = () => {
        while (sent < total) {
          sent += chunk.byteLength;
          if (!response.write(chunk)) return void response.once("drain", write);
        }
        response.end(() => (finished = true));
      };
      write();
    };
    const response = await createNodeHttpFetch()(new Request(base));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(finished).toBe(false);
    expect((await response.arrayBuffer()).byteLength).toBe(total);
  });
});

describe("aborts", () => {
  it("before sending: rejects with the signal's reason, nothing sent", async () => {
    const controller = new AbortController();
    const reason = new Error("cancelled by the caller");
    controller.abort(reason);
    await expect(createNodeHttpFetch()(new Request(base, { signal: controller.signal }))).rejects.toBe(reason);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(connections).toHaveLength(0);
  });

  it("while waiting for the headers: rejects with the reason and closes the connection", async () => {
    handler = () => undefined; // never answers
    const controller = new AbortController();
    const reason = new DOMException("gone", "AbortError");
    const pending = createNodeHttpFetch()(new Request(base, { signal: controller.signal }));
    await requestsSeen(1);
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await closed(seen[0]!.socket);
  });

  it("while the body streams: the read rejects with the reason and the connection closes", async () => {
    handler = (_request, response) => {
      response.writeHead(200, { "content-length": 1000 });
      response.write("first part");
    };
    const controller = new AbortController();
    const reason = new Error("cancelled mid-body");
    const response = await createNodeHttpFetch()(new Request(base, { signal: controller.signal }));
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("first part");
    controller.abort(reason);
    await expect(reader.read()).rejects.toBe(reason);
    await closed(seen[0]!.socket);
  });
});

describe("network failures, as undici reports them", () => {
  it("connection refused: TypeError 'fetch failed' with the socket error as cause", async () => {
    const spare = createServer();
    await new Promise<void>((resolve) => spare.listen(0, "127.0.0.1", resolve));
    const { port } = spare.address() as AddressInfo;
    await new Promise<void>((resolve) => spare.close(() => resolve()));
    const error = await createNodeHttpFetch()(new Request(`http://127.0.0.1:${port}/`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe("fetch failed");
    expect((error as Error).cause).toMatchObject({ code: "ECONNREFUSED" });
    expect(isNetworkError(error)).toBe(true);
    expect(networkErrorCode(error)).toBe("ECONNREFUSED");
  });

  it("the server resets mid-body: the body read rejects with TypeError 'terminated'", async () => {
    handler = (request, response) => {
      response.writeHead(200, { "content-length": 1000 });
      response.write("partial", () => setTimeout(() => request.socket.destroy(), 20));
    };
    const response = await createNodeHttpFetch()(new Request(base));
    const error = await response.text().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe("terminated");
    expect(isNetworkError(error)).toBe(true);
  });
});

describe("sockets", () => {
  it("keep-alive: sequential requests share one connection", async () => {
    handler = text("again");
    const fetch = createNodeHttpFetch();
    for (let i = 0; i < 5; i++) expect(await (await fetch(new Request(base))).text()).toBe("again");
    expect(seen).toHaveLength(5);
    expect(connections).toHaveLength(1);
  });

  it("an idle socket is closed after idleTimeoutMs", async () => {
    handler = text("once");
    const fetch = createNodeHttpFetch({ idleTimeoutMs: 200 });
    const started = Date.now();
    await (await fetch(new Request(base))).text();
    await closed(connections[0]!);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("a server's Keep-Alive: timeout shortens the idle time (a second early, so as not to race its close)", async () => {
    handler = text("once", { "keep-alive": "timeout=2" });
    const started = Date.now();
    await (await createNodeHttpFetch({ idleTimeoutMs: 60_000 })(new Request(base))).text();
    await closed(connections[0]!);
    expect(Date.now() - started).toBeLessThan(1_800);
  });

  it.each([
    { name: "maxSockets 3", options: { maxSockets: 3 }, most: 3 },
    { name: "the default, 10", options: {}, most: 10 },
  ])("$name: at most so many at once; the rest wait for a free one", async ({ options, most }) => {
    const held: ServerResponse[] = [];
    let busiest = 0;
    handler = (_request, response) => {
      held.push(response);
      busiest = Math.max(busiest, held.length);
    };
    const fetch = createNodeHttpFetch(options);
    const calls = Array.from({ length: most + 4 }, () => fetch(new Request(base)).then((response) => response.text()));
    await requestsSeen(most);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toHaveLength(most);
    while (seen.length < most + 4 || held.length > 0) {
      held.shift()?.end("done");
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await Promise.all(calls)).toEqual(Array(most + 4).fill("done"));
    expect(busiest).toBe(most);
    expect(connections).toHaveLength(most);
  });
});

describe("behind the resilient transport", () => {
  it("a 503 is retried on the same kept-alive connection, then the answer", async () => {
    let answered = 0;
    handler = (_request, response) => {
      answered += 1;
      response.writeHead(answered === 1 ? 503 : 200, { "content-type": "application/json" });
      response.end(answered === 1 ? "busy" : '{"ok":true}');
    };
    const tpFetch = createResilientFetch(createNodeHttpFetch(), { random: () => 0, sleep: () => Promise.resolve() });
    const response = await tpFetch(new Request(`${base}/fitness`));
    expect(await response.json()).toEqual({ ok: true });
    expect(seen).toHaveLength(2);
    expect(connections).toHaveLength(1);
  });

  it("no headers within timeoutMs: each attempt's connection is closed, then an UpstreamError", async () => {
    handler = () => undefined;
    const tpFetch = createResilientFetch(createNodeHttpFetch(), { timeoutMs: 300, maxRetries: 1, sleep: () => Promise.resolve() });
    const error = await tpFetch(new Request(`${base}/fitness`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toMatch(/failed after 2 attempts: 127\.0\.0\.1:\d+ did not answer within 300 ms\./);
    await Promise.all(connections.map(closed));
    expect(connections).toHaveLength(2);
  });

  it("a body that stalls past the deadline: an UpstreamError, and the connection is closed", async () => {
    handler = (_request, response) => {
      response.writeHead(200, { "content-length": 1000 });
      response.write("[{");
    };
    const response = await createResilientFetch(createNodeHttpFetch(), { timeoutMs: 300 })(new Request(`${base}/fitness`));
    const error = await response.text().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toMatch(/stopped sending its answer for 300 ms/);
    await closed(seen[0]!.socket);
  });

  it("connection refused: retried, then an UpstreamError that names ECONNREFUSED", async () => {
    const spare = createServer();
    await new Promise<void>((resolve) => spare.listen(0, "127.0.0.1", resolve));
    const { port } = spare.address() as AddressInfo;
    await new Promise<void>((resolve) => spare.close(() => resolve()));
    const tpFetch = createResilientFetch(createNodeHttpFetch(), { maxRetries: 2, sleep: () => Promise.resolve() });
    const error = await tpFetch(new Request(`http://127.0.0.1:${port}/fitness`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toMatch(/after 3 attempts: .*ECONNREFUSED/);
  });
});
