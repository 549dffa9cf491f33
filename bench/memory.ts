/**
 * Memory over a long session: the peak resident set (VmHWM) after given numbers of calls, and the
 * RSS after an idle pause, for our server and, over the same number of calls, for the minimal SDK
 * server (its echo tool): the floor any server on this SDK and Node pays.
 */
import { childEnv } from "../test/support/stdio-process.js";
import { BenchChild } from "./children.js";
import { MINIMAL_SERVER } from "./paths.js";

export interface MemoryCheckpoint {
  calls: number;
  /** VmHWM, or the highest RSS sampled where /proc is missing. */
  peakKb?: number;
  rssKb?: number;
  /** The RSS then, anonymous and file-backed (/proc only). */
  anonKb?: number;
  fileKb?: number;
}

export interface MemoryRun {
  afterStartKb?: number;
  checkpoints: MemoryCheckpoint[];
  idleMs: number;
  /** RSS after `idleMs` without calls, after the last checkpoint. */
  idleRssKb?: number;
  source: string;
}

/** Calls `call(i)` for i up to the last checkpoint, taking the memory figures at each. */
export async function runWithCheckpoints(server: BenchChild, checkpoints: number[], idleMs: number, call: (i: number) => Promise<void>): Promise<MemoryRun> {
  const start = server.memoryKb();
  const hasHwm = start.hwmKb !== undefined;
  let sampledPeakKb = start.rssKb ?? 0;
  const taken: MemoryCheckpoint[] = [];
  const last = Math.max(...checkpoints);
  for (let i = 0; i < last; i++) {
    await call(i);
    // Without /proc there is no high-water mark: sample the RSS (ps) every 100 calls instead.
    if (!hasHwm && i % 100 === 99) sampledPeakKb = Math.max(sampledPeakKb, server.memoryKb().rssKb ?? 0);
    if (checkpoints.includes(i + 1)) {
      const now = server.memoryKb();
      taken.push({ calls: i + 1, peakKb: now.hwmKb ?? Math.max(sampledPeakKb, now.rssKb ?? 0), rssKb: now.rssKb, anonKb: now.anonKb, fileKb: now.fileKb });
    }
  }
  await new Promise((resolve) => setTimeout(resolve, idleMs));
  const idle = server.memoryKb();
  return {
    afterStartKb: start.hwmKb ?? start.rssKb,
    checkpoints: taken,
    idleMs,
    idleRssKb: idle.rssKb,
    source: hasHwm ? "VmHWM (/proc/<pid>/status)" : "ps -o rss= sampled every 100 calls",
  };
}

/** The minimal SDK server over the same number of calls (echo). */
export async function minimalServerMemory(checkpoints: number[], idleMs: number): Promise<MemoryRun> {
  const server = new BenchChild([MINIMAL_SERVER], childEnv());
  try {
    await server.initialize();
    await server.request("tools/list");
    return await runWithCheckpoints(server, checkpoints, idleMs, async (i) => {
      const answer = await server.timedCallTool("echo", { text: `call ${i}` });
      if (answer.result.isError) throw new Error(`the minimal server's echo failed: ${answer.result.content?.[0]?.text ?? "?"}`);
    });
  } finally {
    await server.close();
  }
}
