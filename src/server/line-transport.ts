/**
 * The MCP stdio transport, newline-delimited JSON-RPC, in place of the SDK's StdioServerTransport,
 * which goes silent on bad input: a line over its 10 MiB buffer closes the transport for good
 * (the server stays alive and deaf), and a line that is not JSON, a batch, or `params: null` is
 * dropped with no answer, so the client waits for its own timeout. Here every such line gets a
 * JSON-RPC error (with the request's id when it can be found) and the session goes on.
 *
 * Every frame written is also scrubbed of the known secrets, after the tool results were: the
 * last line of defence covers protocol errors too.
 */
import type { Readable, Writable } from "node:stream";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { JSONRPCMessageSchema, type JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import { redact } from "../core/redact.js";
import { idOfLine } from "./line-id.js";
import type { Logger } from "./log.js";

/** The SDK's own limit (STDIO_DEFAULT_MAX_BUFFER_SIZE): no MCP request this server takes comes near it. */
export const MAX_LINE_BYTES = 10 * 1024 * 1024;

const PARSE_ERROR = -32700;
const INVALID_REQUEST = -32600;

export interface LineTransportOptions {
  stdin: Readable;
  stdout: Writable;
  logger: Logger;
  secrets: () => readonly string[];
  maxLineBytes?: number;
}

type Id = string | number | null;

export class LineTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private chunks: Buffer[] = [];
  private size = 0;
  /** The start of a line over the limit, kept to find its id; the rest is dropped as it comes. */
  private oversized: { head: Buffer; bytes: number } | undefined;
  /** Requests received and not answered yet, so shutdown can wait for the last answers. */
  private readonly unanswered = new Set<string | number>();
  private drainWaiters: Array<() => void> = [];
  private readonly maxLineBytes: number;

  constructor(private readonly options: LineTransportOptions) {
    this.maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
  }

  private readonly onData = (chunk: Buffer | string) => {
    const data = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let newline = data.indexOf(10, start); newline !== -1; newline = data.indexOf(10, start)) {
      this.take(data.subarray(start, newline));
      this.endLine();
      start = newline + 1;
    }
    if (start < data.length) this.take(data.subarray(start));
  };

  private readonly onStreamError = (error: Error) => this.onerror?.(error);

  async start(): Promise<void> {
    this.options.stdin.on("data", this.onData);
    this.options.stdin.on("error", this.onStreamError);
  }

  private take(part: Buffer): void {
    if (this.oversized) {
      this.oversized.bytes += part.length;
      return;
    }
    if (this.size + part.length <= this.maxLineBytes) {
      this.chunks.push(part);
      this.size += part.length;
      return;
    }
    const head = Buffer.concat([...this.chunks, part]).subarray(0, 64 * 1024);
    this.oversized = { head: Buffer.from(head), bytes: this.size + part.length };
    this.chunks = [];
    this.size = 0;
  }

  private endLine(): void {
    if (this.oversized) {
      const { head, bytes } = this.oversized;
      this.oversized = undefined;
      const id = idOfLine(head.toString("utf8"));
      const mib = (bytes / (1024 * 1024)).toFixed(1);
      this.options.logger.error(`refused a ${mib} MiB message (id ${JSON.stringify(id)}): the limit is ${this.maxLineBytes} bytes a line`);
      this.reply(id, INVALID_REQUEST, `Message too large: ${mib} MiB on one line, the limit is ${this.maxLineBytes / (1024 * 1024)} MiB. It was not read.`);
      return;
    }
    const line = Buffer.concat(this.chunks).toString("utf8").replace(/\r$/, "");
    this.chunks = [];
    this.size = 0;
    if (line.trim() !== "") this.handleLine(line);
  }

  private handleLine(line: string): void {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      this.reply(null, PARSE_ERROR, "Parse error: the line is not JSON. Send one JSON-RPC message per line.");
      return;
    }
    if (Array.isArray(value)) {
      // MCP 2025-06-18 removed JSON-RPC batching; the SDK would drop the whole array unanswered.
      this.reply(null, INVALID_REQUEST, "Invalid Request: batches are not supported; send one JSON-RPC message per line.");
      return;
    }
    const parsed = JSONRPCMessageSchema.safeParse(value);
    if (!parsed.success) {
      const record = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
      // An invalid answer from the client is not answered back: two peers must not bounce errors.
      if ("result" in record || "error" in record) {
        this.options.logger.error("ignored an invalid JSON-RPC response from the client");
        return;
      }
      const id = typeof record.id === "string" || typeof record.id === "number" ? record.id : null;
      const detail = "params" in record && (typeof record.params !== "object" || record.params === null) ? "params must be an object when present" : "not a JSON-RPC 2.0 message";
      this.reply(id, INVALID_REQUEST, `Invalid Request: ${detail}.`);
      return;
    }
    const message = parsed.data;
    if ("method" in message && "id" in message) this.unanswered.add(message.id);
    // A cancelled request gets no answer (the SDK drops it): stop waiting for one.
    if ("method" in message && message.method === "notifications/cancelled" && !("id" in message)) {
      const requestId = (message.params as { requestId?: string | number } | undefined)?.requestId;
      if (requestId !== undefined) this.answered(requestId);
    }
    this.onmessage?.(message);
  }

  private reply(id: Id, code: number, message: string): void {
    void this.write({ jsonrpc: "2.0", id, error: { code, message } });
  }

  private answered(id: string | number): void {
    this.unanswered.delete(id);
    if (this.unanswered.size === 0) for (const resolve of this.drainWaiters.splice(0)) resolve();
  }

  /** Resolves once every request received has been answered (or cancelled). */
  async allAnswered(): Promise<void> {
    if (this.unanswered.size === 0) return;
    await new Promise<void>((resolve) => this.drainWaiters.push(resolve));
  }

  send(message: JSONRPCMessage): Promise<void> {
    const sent = this.write(message);
    if (("result" in message || "error" in message) && message.id !== undefined && message.id !== null) this.answered(message.id);
    return sent;
  }

  private write(message: unknown): Promise<void> {
    const secrets = this.options.secrets();
    // Both spellings of each secret: as it is, and as JSON escapes it inside a string.
    const frame = redact(JSON.stringify(message), [...secrets, ...secrets.map((secret) => JSON.stringify(secret).slice(1, -1))]);
    const { stdout } = this.options;
    return new Promise((resolve) => {
      if (stdout.destroyed || stdout.writableEnded) return resolve();
      // A closed stdout never drains: do not wait on it (stdio.ts stops on its error).
      const done = () => {
        stdout.off("drain", done);
        stdout.off("close", done);
        resolve();
      };
      if (stdout.write(`${frame}\n`)) return resolve();
      stdout.on("drain", done);
      stdout.on("close", done);
    });
  }

  async close(): Promise<void> {
    this.options.stdin.off("data", this.onData);
    this.options.stdin.off("error", this.onStreamError);
    this.chunks = [];
    this.oversized = undefined;
    this.onclose?.();
  }
}
