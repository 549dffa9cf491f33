/**
 * The exchange behind createNodeHttpFetch (node-http.ts, which says what it does and why): a
 * module of its own so that node:http, node:https (and with it TLS) load with the first request,
 * not at start-up, as the global fetch's undici does.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type RequestOptions } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { finished, pipeline, type Readable, type Transform } from "node:stream";
import { constants, createBrotliDecompress, createGunzip, createInflate } from "node:zlib";

export interface AgentOptions {
  maxSockets: number;
  maxFreeSockets: number;
  /** Idle time before a kept-alive socket is closed, ms. */
  timeout: number;
}

export interface Agents {
  http: HttpAgent;
  https: HttpsAgent;
}

export function createAgents(options: AgentOptions): Agents {
  const agentOptions = { ...options, keepAlive: true, scheduling: "lifo" as const };
  return { http: new HttpAgent(agentOptions), https: new HttpsAgent(agentOptions) };
}

/** Statuses whose response has no body (fetch's null body statuses). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** Bytes decoded but not yet read, before the socket is paused. */
const BODY_HIGH_WATER_MARK = 64 * 1024;

type Decoder = Transform;

const fetchFailed = (cause: unknown) => new TypeError("fetch failed", { cause });

/**
 * The decoders for a Content-Encoding, in the order to apply them (the last coding applied is
 * undone first); none for an unknown coding, whose bytes then pass through as they are (as in fetch).
 * Truncated gzip and deflate streams are flushed rather than refused, as undici does.
 */
function decodersFor(contentEncoding: string | undefined): Decoder[] {
  if (!contentEncoding) return [];
  const codings = contentEncoding.toLowerCase().split(",").map((coding) => coding.trim()).filter(Boolean);
  const decoders: Decoder[] = [];
  const lenient = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };
  for (const coding of codings.reverse()) {
    if (coding === "gzip" || coding === "x-gzip") decoders.push(createGunzip(lenient));
    else if (coding === "deflate") decoders.push(createInflate(lenient));
    else if (coding === "br") decoders.push(createBrotliDecompress({ flush: constants.BROTLI_OPERATION_FLUSH, finishFlush: constants.BROTLI_OPERATION_FLUSH }));
    else if (coding !== "identity") {
      for (const decoder of decoders) decoder.destroy();
      return [];
    }
  }
  return decoders;
}

/** The response headers as received, a repeated one (set-cookie) as several entries. */
function headersOf(response: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = response.rawHeaders;
  try {
    for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  } catch (error) {
    // Headers' own message quotes the value: only its kind goes on.
    throw fetchFailed(new Error(`The response carried a header fetch refuses (${error instanceof Error ? error.name : "error"}).`));
  }
  return headers;
}

/**
 * The body as a web stream fed from the (decoded) message: pushed while the reader keeps up, the
 * socket paused once BODY_HIGH_WATER_MARK bytes wait unread, resumed when the reader pulls again.
 * An abort of `signal` errors it with the signal's reason; `destroy` then closes the connection.
 */
function bodyStream(message: IncomingMessage, decoders: Decoder[], signal: AbortSignal, destroy: () => void): ReadableStream<Uint8Array> {
  const source: Readable = decoders.length > 0 ? decoders[decoders.length - 1]! : message;
  let settled = false;
  let output: ReadableStreamDefaultController<Uint8Array> | undefined;
  /** Ends the stream once: closed without a reason, errored with one (and the connection dropped). */
  const finish = (error?: unknown) => {
    if (settled) return;
    settled = true;
    signal.removeEventListener("abort", onAbort);
    if (error === undefined) {
      output?.close();
      return;
    }
    output?.error(error);
    destroy();
  };
  const onAbort = () => finish(signal.reason);
  const broke = (error: unknown) => {
    if (error) finish(new TypeError("terminated", { cause: error }));
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        output = controller;
        // pipeline destroys every stage when one fails; finished() below then reports it.
        if (decoders.length > 0) pipeline([message, ...decoders], () => undefined);
        source.on("data", (chunk: Buffer) => {
          if (settled) return;
          controller.enqueue(chunk);
          if ((controller.desiredSize ?? 0) <= 0) source.pause();
        });
        finished(message, broke);
        finished(source, (error) => (error ? broke(error) : finish()));
        if (signal.aborted) onAbort();
        else signal.addEventListener("abort", onAbort, { once: true });
      },
      pull() {
        source.resume();
      },
      cancel() {
        // The reader dropped the body (the transport's discard): release the connection.
        if (settled) return;
        settled = true;
        signal.removeEventListener("abort", onAbort);
        destroy();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: BODY_HIGH_WATER_MARK }),
  );
}

/** What one request needs: the body read, the headers copied. */
interface Prepared {
  url: URL;
  options: RequestOptions;
  body: Buffer | undefined;
  signal: AbortSignal;
}

async function prepare(request: Request, agents: Agents): Promise<Prepared> {
  request.signal.throwIfAborted();
  const url = new URL(request.url);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw fetchFailed(new Error(`Unsupported protocol ${url.protocol}`));
  const headers: Record<string, string> = {};
  for (const [name, value] of request.headers) headers[name] = value;
  headers["accept"] ??= "*/*";
  headers["user-agent"] ??= "node";
  headers["accept-encoding"] ??= "gzip, deflate, br";
  let body: Buffer | undefined;
  if (request.body !== null) {
    body = Buffer.from(await request.arrayBuffer());
    delete headers["transfer-encoding"];
    headers["content-length"] = String(body.byteLength);
  }
  request.signal.throwIfAborted();
  const options: RequestOptions = {
    method: request.method,
    hostname: url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname,
    port: url.port || undefined,
    path: `${url.pathname}${url.search}`,
    headers,
    agent: url.protocol === "https:" ? agents.https : agents.http,
  };
  return { url, options, body, signal: request.signal };
}

/** Sends once; resolves with the response as soon as its headers are in. */
function sendPrepared(prepared: Prepared): Promise<Response> {
  const { url, options, body, signal } = prepared;
  return new Promise((resolve, reject) => {
    /** Until the headers are in (or it failed): afterwards the body stream reports what happens. */
    let waiting = true;
    const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(options);
    const fail = (error: unknown) => {
      if (!waiting) return;
      waiting = false;
      signal.removeEventListener("abort", onAbort);
      request.destroy();
      reject(error);
    };
    const onAbort = () => fail(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });

    // A kept-alive socket the server closed as we reused it fails here too, not sent again: the
    // server may have read the request (a reset after it does look the same), and the transport's
    // retries are counted. The idle timeout below keeps such sockets rare.
    request.on("error", (error) => fail(fetchFailed(error)));
    request.on("response", (message) => {
      if (!waiting) {
        message.destroy();
        return;
      }
      const status = message.statusCode ?? 0;
      let headers: Headers;
      try {
        if (status < 200 || status > 599) throw fetchFailed(new Error(`The response status ${status} is not one fetch accepts.`));
        headers = headersOf(message);
      } catch (error) {
        fail(error);
        return;
      }
      waiting = false;
      signal.removeEventListener("abort", onAbort);
      const init = { status, statusText: message.statusMessage ?? "", headers };
      if (NULL_BODY_STATUSES.has(status) || options.method === "HEAD") {
        // Read to the end (nothing) so the socket goes back to the pool.
        message.resume();
        resolve(new Response(null, init));
        return;
      }
      const decoders = decodersFor(message.headers["content-encoding"]);
      const destroy = () => {
        request.destroy();
        for (const decoder of decoders) decoder.destroy();
      };
      resolve(new Response(bodyStream(message, decoders, signal, destroy), init));
    });
    request.end(body);
  });
}

/** One request through `agents`: the Response as soon as its headers are in. */
export async function send(request: Request, agents: Agents): Promise<Response> {
  return sendPrepared(await prepare(request, agents));
}
