/**
 * A fetch for the transport on node:http / node:https instead of Node's global fetch (undici).
 *
 * Why: `tp-mcp serve` sends every upstream request through it, and on loopback undici cost
 * 0.73–0.99 ms a request against 0.46–0.55 ms for node:http, and about 6 MiB more RSS (its HTTP
 * parser is WebAssembly) (issue 14). It does only what src/client/transport.ts relies on:
 * - the body is read once and sent with a Content-Length, never chunked; a GET sends none;
 * - redirects are never followed (the transport follows same-origin ones itself): a 3xx comes back;
 * - gzip, deflate and br bodies are decoded, the headers kept as received (content-encoding too);
 * - the Response resolves with the headers; its body streams with backpressure;
 * - a failure to talk to the server rejects with `TypeError("fetch failed", { cause })` and a
 *   break mid-body errors the body with `TypeError("terminated", { cause })`, as undici does, so
 *   transport/faults.ts tells them apart the same way; an abort rejects with the signal's reason.
 * Nothing here logs, and no header value (a cookie, a token) ever goes into an error.
 */
import type { Agents } from "./node-http-exchange.js";

export interface NodeHttpFetchOptions {
  /** Sockets open at once per origin; more requests wait for one. Default 10 (the pacer's burst). */
  maxSockets?: number;
  /** Idle sockets kept per origin for the next request. Default 10. */
  maxFreeSockets?: number;
  /**
   * How long an idle socket is kept, in ms (shortened by a server's `Keep-Alive: timeout=…`).
   * Default 4_000, undici's: an idle server holds no connection for long.
   */
  idleTimeoutMs?: number;
}

export const NODE_HTTP_DEFAULTS = { maxSockets: 10, maxFreeSockets: 10, idleTimeoutMs: 4_000 } as const;

function check(name: string, value: number, min: number): number {
  if (!Number.isFinite(value) || value < min) throw new RangeError(`NodeHttpFetchOptions.${name} must be a number of at least ${min}, not ${value}.`);
  return value;
}

/** A fetch on node:http / node:https with its own keep-alive agents, for `createTrainingPeaksClient({ fetch })`. */
export function createNodeHttpFetch(options: NodeHttpFetchOptions = {}): (request: Request) => Promise<Response> {
  const agentOptions = {
    maxSockets: check("maxSockets", options.maxSockets ?? NODE_HTTP_DEFAULTS.maxSockets, 1),
    maxFreeSockets: check("maxFreeSockets", options.maxFreeSockets ?? NODE_HTTP_DEFAULTS.maxFreeSockets, 0),
    timeout: check("idleTimeoutMs", options.idleTimeoutMs ?? NODE_HTTP_DEFAULTS.idleTimeoutMs, 1),
  };
  // Loaded with the first request: node:http and node:https (TLS) cost about 15 ms at start-up.
  let exchange: Promise<{ send: (request: Request, agents: Agents) => Promise<Response>; agents: Agents }> | undefined;
  return async function nodeHttpFetch(request: Request): Promise<Response> {
    exchange ??= import("./node-http-exchange.js").then((module) => ({ send: module.send, agents: module.createAgents(agentOptions) }));
    const { send, agents } = await exchange;
    return send(request, agents);
  };
}
