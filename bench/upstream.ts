/**
 * Sessions of the real server against the mock that count what reaches upstream: a long mixed run
 * (memory afterwards, exchanges and user lookups per session), refused input (nothing may reach
 * the mock), and a burst of concurrent calls on a cold cache (one exchange, one user lookup).
 */
import { performance } from "node:perf_hooks";
import { timedCall } from "./calls.js";
import { serverEnv, type BenchMock, type RequestCounts } from "./mock.js";
import { childEnv } from "../test/support/stdio-process.js";
import { BenchChild } from "./children.js";
import { CLI } from "./paths.js";
import { summarize, type Summary } from "./stats.js";
import type { Workload } from "./workload.js";

export interface MixedRunResult {
  calls: number;
  seconds: number;
  latency: Summary;
  counts: RequestCounts;
  /** hwmKb: VmHWM, or the highest RSS sampled where /proc is missing (see source). */
  memory: { afterStartKb?: number; hwmKb?: number; rssKb?: number; source: string };
  refused: { calls: number; answeredAsErrors: number; counts: RequestCounts; sample: string };
}

export interface ConcurrentResult {
  calls: number;
  failed: number;
  ms: number;
  counts: RequestCounts;
}

function startServer(mock: BenchMock): BenchChild {
  return new BenchChild([CLI, "serve"], childEnv(serverEnv(mock)));
}

export async function mixedRun(mock: BenchMock, workload: Workload, calls: number, refusedCalls: number): Promise<MixedRunResult> {
  const server = startServer(mock);
  try {
    const mark = mock.mark();
    await server.initialize();
    await server.request("tools/list");
    const afterStart = server.memoryKb();
    const started = performance.now();
    const latency: number[] = [];
    // Without /proc there is no high-water mark: sample the RSS (ps) every 100 calls instead.
    let sampledPeakKb = afterStart.rssKb ?? 0;
    for (let i = 0; i < calls; i++) {
      latency.push((await timedCall(server, mock, workload.mixed[i % workload.mixed.length]!)).ms);
      if (afterStart.hwmKb === undefined && i % 100 === 99) sampledPeakKb = Math.max(sampledPeakKb, server.memoryKb().rssKb ?? 0);
    }
    const seconds = (performance.now() - started) / 1000;
    const counts = mock.countsSince(mark);
    const end = server.memoryKb();
    const memory = {
      afterStartKb: afterStart.hwmKb ?? afterStart.rssKb,
      ...end,
      hwmKb: end.hwmKb ?? Math.max(sampledPeakKb, end.rssKb ?? 0),
      source: end.hwmKb === undefined ? "ps -o rss= sampled every 100 calls" : end.source,
    };

    const refusedMark = mock.mark();
    let answeredAsErrors = 0;
    let sample = "";
    for (let i = 0; i < refusedCalls; i++) {
      const call = workload.refused[i % workload.refused.length]!;
      const answer = await server.timedCallTool(call.name, call.args);
      if (answer.result.isError) answeredAsErrors += 1;
      sample ||= (answer.result.content?.[0]?.text ?? "").slice(0, 160);
    }
    // Give a stray request (if any) the time to arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = { calls: refusedCalls, answeredAsErrors, counts: mock.countsSince(refusedMark), sample };
    return { calls, seconds, latency: summarize(latency), counts, memory, refused };
  } finally {
    await server.close();
  }
}

export async function concurrentColdCalls(mock: BenchMock, workload: Workload, calls: number): Promise<ConcurrentResult> {
  const server = startServer(mock);
  try {
    await server.initialize();
    const mark = mock.mark();
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: calls }, (_, i) => {
        const call = workload.perTool[i % workload.perTool.length]!;
        return server.timedCallTool(call.name, call.args);
      }),
    );
    const ms = performance.now() - started;
    return { calls, failed: answers.filter((answer) => answer.result.isError).length, ms, counts: mock.countsSince(mark) };
  } finally {
    await server.close();
  }
}
