/**
 * A child `node` process spoken to in raw JSON-RPC lines over stdio (the MCP stdio transport), so
 * a test sees every byte it writes and the bench can time each answer from its own side. The one
 * driver for both: the end-to-end tests and bench/ import it from here.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { DEFAULT_REQUEST_TIMEOUT_MSEC } from "@modelcontextprotocol/sdk/shared/protocol.js";

export const CLI = fileURLToPath(new URL("../../dist/bin.cjs", import.meta.url));

/**
 * How long a request waits for its answer unless told otherwise: what an MCP client on the SDK
 * waits (Claude Desktop, the Inspector, `tp-mcp call`), so no answer a user would get in time
 * fails here. A caller wanting a quicker verdict passes `timeoutMs`, through the same timer.
 */
export const DEFAULT_TIMEOUT_MS = DEFAULT_REQUEST_TIMEOUT_MSEC;

/** The environment every child gets: nothing of this process's own TP_* settings leaks in. */
export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? "/tmp",
    // serve's code cache (src/cli/code-cache.ts) goes here, not into the user's own cache directory.
    XDG_CACHE_HOME: join(tmpdir(), "tp-mcp-test-cache"),
  };
  if (process.env.TZ) env.TZ = process.env.TZ;
  return { ...env, ...extra };
}

export interface Answer {
  message: Record<string, unknown>;
  /** Bytes of the JSON-RPC line on the wire (without the newline). */
  bytes: number;
  /** From writing the request to parsing its answer, in ms. */
  ms: number;
  /** performance.now() when the answer was parsed. */
  at: number;
}

export interface ToolResult {
  isError?: boolean;
  structuredContent?: Record<string, unknown>;
  content: Array<{ type: string; text?: string }>;
}

export interface RequestOptions {
  timeoutMs?: number;
}

export interface StdioProcessOptions {
  env: Record<string, string>;
  cwd?: string;
  /**
   * "full" keeps every byte of stdout and stderr (the tests scan them for secrets); "tail" keeps
   * only the end of stderr, for error messages, so a bench of thousands of calls holds nothing.
   */
  transcript?: "full" | "tail";
}

interface Waiter {
  method: string;
  sentAt: number;
  resolve(answer: Answer): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

const STDERR_TAIL = 16_384;

export class StdioProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** performance.now() just before spawn(). */
  readonly spawnedAt: number;
  readonly exited: Promise<number | null>;
  stdout = "";
  stderr = "";
  private nextId = 1;
  private readonly waiting = new Map<number, Waiter>();
  private buffer = "";
  /** Set once stdout carried something other than JSON-RPC: every later request fails with it. */
  private broken: Error | undefined;

  /** The built `tp-mcp` with these arguments, as a user starts it. */
  static cli(args: string[], env: Record<string, string>): StdioProcess {
    return new StdioProcess([CLI, ...args], { env: childEnv(env) });
  }

  /** Spawns `node <nodeArgs>`. */
  constructor(nodeArgs: string[], options: StdioProcessOptions) {
    const full = (options.transcript ?? "full") === "full";
    this.spawnedAt = performance.now();
    this.child = spawn(process.execPath, nodeArgs, { env: options.env, cwd: options.cwd, stdio: ["pipe", "pipe", "pipe"] });
    this.child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      if (full) this.stdout += chunk;
      this.onData(chunk);
    });
    this.child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      this.stderr = full ? this.stderr + chunk : (this.stderr + chunk).slice(-STDERR_TAIL);
    });
    // A child that went away must not crash its parent with EPIPE: its requests fail instead.
    this.child.stdin.on("error", () => undefined);
    this.exited = new Promise((resolve) => {
      this.child.on("exit", (code) => {
        this.failAll(new Error(`the child exited (code ${code}) before answering; stderr:\n${this.stderr.slice(-2000)}`));
        resolve(code);
      });
      this.child.on("error", (error) => {
        this.failAll(error);
        resolve(null);
      });
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  private onData(chunk: string): void {
    const at = performance.now();
    this.buffer += chunk;
    let newline: number;
    while ((newline = this.buffer.indexOf("\n")) >= 0) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + 1);
      if (line.trim() === "") continue;
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(line) as Record<string, unknown>;
      } catch {
        this.broken = new Error(`the child wrote a line that is not JSON: ${line.slice(0, 200)}`);
        this.failAll(this.broken);
        continue;
      }
      const waiter = typeof message.id === "number" ? this.waiting.get(message.id) : undefined;
      if (!waiter) continue;
      this.waiting.delete(message.id as number);
      clearTimeout(waiter.timer);
      waiter.resolve({ message, bytes: Buffer.byteLength(line), ms: at - waiter.sentAt, at });
    }
  }

  private failAll(error: Error): void {
    for (const [id, waiter] of this.waiting) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
      this.waiting.delete(id);
    }
  }

  /** Sends a request and resolves with its answer, timed; rejects if none comes within the timeout. */
  send(method: string, params: Record<string, unknown> = {}, options: RequestOptions = {}): Promise<Answer> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextId++;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise<Answer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`${method} (id ${id}) got no answer in ${timeoutMs} ms; stderr:\n${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      this.waiting.set(id, { method, sentAt: performance.now(), resolve, reject, timer });
      this.child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`);
    });
  }

  /** The answer's JSON-RPC message alone. */
  async request(method: string, params: Record<string, unknown> = {}, options?: RequestOptions): Promise<Record<string, unknown>> {
    return (await this.send(method, params, options)).message;
  }

  notify(method: string, params: Record<string, unknown> = {}): void {
    this.child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", method, params })}\n`);
  }

  /** initialize, then the `initialized` notification, as an MCP client does. */
  async initialize(options?: RequestOptions & { clientName?: string }): Promise<Record<string, unknown>> {
    const clientInfo = { name: options?.clientName ?? "e2e", version: "0.0.0" };
    const answer = await this.request("initialize", { protocolVersion: "2025-06-18", capabilities: {}, clientInfo }, options);
    if (answer.error) throw new Error(`initialize failed: ${JSON.stringify(answer.error)}`);
    this.notify("notifications/initialized");
    return answer;
  }

  /**
   * tools/call, timed. A JSON-RPC error (not a tool's own error result) rejects: a caller that
   * wants to count refusals alike says so with `protocolErrorsAsResults`.
   */
  async timedCallTool(name: string, args: Record<string, unknown>, options?: RequestOptions & { protocolErrorsAsResults?: boolean }): Promise<Answer & { result: ToolResult }> {
    const answer = await this.send("tools/call", { name, arguments: args }, options);
    const error = answer.message.error as { message?: string } | undefined;
    if (error) {
      if (!options?.protocolErrorsAsResults) throw new Error(`tools/call ${name} answered a JSON-RPC error: ${JSON.stringify(error)}`);
      return { ...answer, result: { isError: true, content: [{ type: "text", text: error.message ?? "error" }] } };
    }
    return { ...answer, result: answer.message.result as ToolResult };
  }

  async callTool(name: string, args: Record<string, unknown>, options?: RequestOptions): Promise<ToolResult> {
    return (await this.timedCallTool(name, args, options)).result;
  }

  /**
   * Closes stdin, as an MCP client does when it quits, and resolves with the exit code; a child
   * still running after `graceMs` is killed and resolves "killed".
   */
  async end(graceMs?: number): Promise<number | null | "killed"> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.exited;
    this.child.stdin.end();
    if (graceMs === undefined) return this.exited;
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      this.child.kill("SIGKILL");
    }, graceMs);
    const code = await this.exited;
    clearTimeout(timer);
    return killed ? "killed" : code;
  }
}
