/**
 * Child processes spoken to in raw JSON-RPC lines over stdio (the MCP stdio transport), timed
 * from the bench's side. Every child is tracked and killed when the bench exits, however it exits.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

const live = new Set<ChildProcessWithoutNullStreams>();

/** Kills every child still running (SIGKILL: the bench is ending). */
export function killAllChildren(): void {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
  live.clear();
}
process.on("exit", killAllChildren);

/** The environment every child gets: nothing of the bench's own TP_* settings leaks in. */
export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp" };
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
  content?: Array<{ type: string; text?: string }>;
}

interface Waiter {
  sentAt: number;
  resolve(answer: Answer): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

const STDERR_KEEP = 16_384;

export class McpChild {
  readonly child: ChildProcessWithoutNullStreams;
  /** performance.now() just before spawn(). */
  readonly spawnedAt: number;
  readonly exited: Promise<number | null>;
  stderr = "";
  private nextId = 1;
  private readonly waiting = new Map<number, Waiter>();
  private buffer = "";

  constructor(args: string[], env: Record<string, string>, cwd?: string) {
    this.spawnedAt = performance.now();
    // BENCH_NODE_FLAGS (e.g. "--max-semi-space-size=1") tries V8 settings on the servers.
    const flags = process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? [];
    this.child = spawn(process.execPath, [...flags, ...args], { env, cwd, stdio: ["pipe", "pipe", "pipe"] });
    live.add(this.child);
    this.child.stdout.setEncoding("utf8").on("data", (chunk: string) => this.onData(chunk));
    this.child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_KEEP);
    });
    // A child that went away must not crash the bench with EPIPE.
    this.child.stdin.on("error", () => undefined);
    this.exited = new Promise((resolve) => {
      this.child.on("exit", (code) => {
        live.delete(this.child);
        this.failAll(new Error(`the child exited (code ${code}) before answering; stderr:\n${this.stderr.slice(-2000)}`));
        resolve(code);
      });
      this.child.on("error", (error) => {
        live.delete(this.child);
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
        this.failAll(new Error(`the child wrote a line that is not JSON: ${line.slice(0, 200)}`));
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

  request(method: string, params: Record<string, unknown> = {}, timeoutMs = 30_000): Promise<Answer> {
    const id = this.nextId++;
    return new Promise<Answer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`${method} (id ${id}) got no answer in ${timeoutMs} ms; stderr:\n${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      this.waiting.set(id, { sentAt: performance.now(), resolve, reject, timer });
      this.child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`);
    });
  }

  notify(method: string, params: Record<string, unknown> = {}): void {
    this.child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", method, params })}\n`);
  }

  /** initialize, then the `initialized` notification, as an MCP client does. */
  async initialize(timeoutMs?: number): Promise<Answer> {
    const answer = await this.request(
      "initialize",
      { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "trainingpeaks-mcp-bench", version: "0.0.0" } },
      timeoutMs,
    );
    if (answer.message.error) throw new Error(`initialize failed: ${JSON.stringify(answer.message.error)}`);
    this.notify("notifications/initialized");
    return answer;
  }

  async callTool(name: string, args: Record<string, unknown>, timeoutMs?: number): Promise<Answer & { result: ToolResult }> {
    const answer = await this.request("tools/call", { name, arguments: args }, timeoutMs);
    if (answer.message.error) {
      // A protocol-level refusal: shaped as a tool error so the callers can count it alike.
      const error = answer.message.error as { message?: string };
      return { ...answer, result: { isError: true, content: [{ type: "text", text: error.message ?? "error" }] } };
    }
    return { ...answer, result: answer.message.result as ToolResult };
  }

  /** Peak resident set (VmHWM) and current RSS in kB from /proc, or RSS from `ps` elsewhere. */
  memoryKb(): { hwmKb?: number; rssKb?: number; source: string } {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, "utf8");
      const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, "m").exec(status)?.[1]);
      return { hwmKb: field("VmHWM"), rssKb: field("VmRSS"), source: "/proc/<pid>/status" };
    } catch {
      return { rssKb: psRssKb(this.pid), source: "ps -o rss=" };
    }
  }

  /** Ends stdin (as a client that quits) and waits for the exit; SIGKILL after `graceMs`. */
  async close(graceMs = 3_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill("SIGKILL"), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

function psRssKb(pid: number): number | undefined {
  try {
    // Synchronous and bounded: `ps` answers at once or the figure is skipped.
    const value = Number(execFileSync("ps", ["-o", "rss=", "-p", String(pid)], { encoding: "utf8", timeout: 2_000 }).trim());
    return Number.isFinite(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Spawns `node <args>` and resolves with the ms from just before spawn() to its exit. */
export function timeToExit(args: string[], env: Record<string, string>, timeoutMs = 10_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "ignore", "pipe"] }) as unknown as ChildProcessWithoutNullStreams;
    live.add(child);
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`node ${args.join(" ")} did not exit in ${timeoutMs} ms`));
    }, timeoutMs);
    child.on("exit", (code) => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      live.delete(child);
      if (code === 0) resolve(ms);
      else reject(new Error(`node ${args.join(" ")} exited with ${code}`));
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      live.delete(child);
      reject(error);
    });
  });
}
