/**
 * Sessions of the real server against the mock that count what reaches upstream: a long mixed run
 * (memory afterwards, exchanges and user lookups per session), refused input (nothing may reach
 * the mock), and a burst of concurrent calls on a cold cache (one exchange, one user lookup).
 */
import { performance } from "node:perf_hooks";
import { serverEnv, type BenchMock, type RequestCounts } from "./mock.js";
import { childEnv } from "../test/support/stdio-process.js";
import { BenchChild } from "./children.js";
import { CLI } from "./paths.js";
import { runWithCheckpoints, type MemoryRun } from "./memory.js";
import { summarize, type Summary } from "./stats.js";
import type { ToolCall, Workload } from "./workload.js";

export interface MixedRunResult {
  calls: number;
  /** Mixed calls answered with an error (an id the demo cannot serve for that tool), and the first. */
  failed: number;
  failure: string;
  seconds: number;
  latency: Summary;
  counts: RequestCounts;
  memory: MemoryRun;
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

/** Mixed calls up to the last checkpoint (memory at each), then refused calls on the same session. */
export async function mixedRun(mock: BenchMock, workload: Workload, calls: ToolCall[], checkpoints: number[], idleMs: number, refusedCalls: number): Promise<MixedRunResult> {
  const server = startServer(mock);
  try {
    const mark = mock.mark();
    await server.initialize();
    await server.request("tools/list");
    const started = performance.now();
    const latency: number[] = [];
    let failed = 0;
    let failure = "";
    const memory = await runWithCheckpoints(server, checkpoints, idleMs, async (i) => {
      const call = calls[i % calls.length]!;
      const answer = await server.timedCallTool(call.name, call.args);
      latency.push(answer.ms);
      if (answer.result.isError) {
        failed += 1;
        failure ||= `${call.label} ${JSON.stringify(call.args)}: ${(answer.result.content?.[0]?.text ?? "?").slice(0, 160)}`;
      }
    });
    const seconds = (performance.now() - started - idleMs) / 1000;
    const counts = mock.countsSince(mark);

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
    return { calls: latency.length, failed, failure, seconds, latency: summarize(latency), counts, memory, refused };
  } finally {
    await server.close();
  }
}

export async function concurrentColdCalls(mock: BenchMock, rotation: ToolCall[], calls: number): Promise<ConcurrentResult> {
  const server = startServer(mock);
  try {
    await server.initialize();
    const mark = mock.mark();
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: calls }, (_, i) => {
        const call = rotation[i % rotation.length]!;
        return server.timedCallTool(call.name, call.args);
      }),
    );
    const ms = performance.now() - started;
    return { calls, failed: answers.filter((answer) => answer.result.isError).length, ms, counts: mock.countsSince(mark) };
  } finally {
    await server.close();
  }
}
