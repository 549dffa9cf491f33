/**
 * The bench's children: servers driven over stdio by the tests' driver, each tracked and killed
 * when the bench exits, however it exits, plus the figures only the bench takes of them.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { StdioProcess, type RequestOptions } from "../test/support/stdio-process.js";
import { ROOT } from "./paths.js";

const live = new Set<ChildProcess>();

function track(child: ChildProcess): void {
  live.add(child);
  child.on("exit", () => live.delete(child));
  child.on("error", () => live.delete(child));
}

/** Kills every child still running (SIGKILL: the bench is ending). */
export function killAllChildren(): void {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
  live.clear();
}
process.on("exit", killAllChildren);

/**
 * `node <args>` from the repository root, keeping only the tail of its stderr. A refusal at the
 * protocol level is counted like a tool's error answer: the bench reports both, it asserts neither.
 */
export class BenchChild extends StdioProcess {
  constructor(args: string[], env: Record<string, string>) {
    // BENCH_NODE_FLAGS (e.g. "--max-semi-space-size=1") tries V8 settings on the servers.
    const flags = process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? [];
    super([...flags, ...args], { env, cwd: ROOT, transcript: "tail" });
    track(this.child);
  }

  override initialize(options: RequestOptions = {}) {
    return super.initialize({ clientName: "trainingpeaks-mcp-bench", ...options });
  }

  override timedCallTool(name: string, args: Record<string, unknown>, options: RequestOptions = {}) {
    return super.timedCallTool(name, args, { protocolErrorsAsResults: true, ...options });
  }

  memoryKb() {
    return memoryKb(this.pid);
  }

  /** Ends stdin (as a client that quits) and waits for the exit; SIGKILL after `graceMs`. */
  async close(graceMs = 3_000): Promise<void> {
    await this.end(graceMs);
  }
}

/**
 * Peak resident set (VmHWM) and current RSS in kB from /proc, or RSS from `ps` elsewhere. From
 * /proc also the current RSS split: anonymous (the process's own: heaps, stacks) and file-backed
 * (pages of the node binary and its libraries, shared with every other node process).
 */
export function memoryKb(pid: number): { hwmKb?: number; rssKb?: number; anonKb?: number; fileKb?: number; source: string } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, "m").exec(status)?.[1]);
    return { hwmKb: field("VmHWM"), rssKb: field("VmRSS"), anonKb: field("RssAnon"), fileKb: field("RssFile"), source: "/proc/<pid>/status" };
  } catch {
    return { rssKb: psRssKb(pid), source: "ps -o rss=" };
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
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    track(child);
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`node ${args.join(" ")} did not exit in ${timeoutMs} ms`));
    }, timeoutMs);
    child.on("exit", (code) => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      if (code === 0) resolve(ms);
      else reject(new Error(`node ${args.join(" ")} exited with ${code}`));
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
