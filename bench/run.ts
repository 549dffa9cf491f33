/**
 * npm run bench: builds (the npm script), then measures the built `tp-mcp serve` over real stdio
 * against the demo athlete on a local HTTP mock, prints a table with each target, and writes
 * bench/results.json. Environment: BENCH_COLD_RUNS (≥ 20, default 30), BENCH_CALLS per tool
 * (≥ 200, default 200), BENCH_MIXED_CALLS (default 1000).
 */
import { existsSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { childEnv } from "../test/support/stdio-process.js";
import { bareRoundTrip, measureEcho, measureLatency, measureSize, mockTimeByOperation } from "./calls.js";
import { BenchChild, killAllChildren } from "./children.js";
import { coldVariants, measureColdStart } from "./cold-start.js";
import { REQUESTS_PER_MINUTE, serverEnv, startBenchMock, type BenchMock } from "./mock.js";
import { CLI, MINIMAL_SERVER, RESULTS } from "./paths.js";
import { coldStartRows, latencyRows, machine, memoryRows, printTable, sizeRows, upstreamRows, wallRow, writeResults } from "./report.js";
import { rounded, round } from "./stats.js";
import { concurrentColdCalls, mixedRun } from "./upstream.js";
import { buildWorkload } from "./workload.js";

const DEADLINE_MS = 290_000;
const TOKEN_LIFETIME_S = 3600; // the demo's token (src/demo/profile.ts buildToken)

function setting(name: string, fallback: number, min: number): number {
  const value = Number(process.env[name] ?? fallback);
  return Number.isFinite(value) ? Math.max(min, Math.floor(value)) : fallback;
}

const config = {
  coldRuns: setting("BENCH_COLD_RUNS", 30, 20),
  callsPerTool: setting("BENCH_CALLS", 200, 200),
  warmupCallsPerTool: 20,
  /** Rounds skipped before the second, JIT-warm latency figures. */
  warmCallsPerTool: 200,
  mixedCalls: setting("BENCH_MIXED_CALLS", 1000, 1),
  refusedCalls: 50,
  concurrentCalls: 50,
  requestsPerMinute: REQUESTS_PER_MINUTE,
};

const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    killAllChildren();
    process.exit(130);
  });
}
const watchdog = setTimeout(() => {
  log(`still running after ${DEADLINE_MS / 1000} s: giving up`);
  killAllChildren();
  process.exit(1);
}, DEADLINE_MS);
watchdog.unref();

async function latencyAndSizes(mock: BenchMock, workload: ReturnType<typeof buildWorkload>) {
  const server = new BenchChild([CLI, "serve"], childEnv(serverEnv(mock)));
  try {
    await server.initialize();
    const first = await server.timedCallTool(workload.perTool[0]!.name, workload.perTool[0]!.args);
    if (first.result.isError) throw new Error(`the first call failed: ${first.result.content?.[0]?.text ?? "?"}`);
    const handledBefore = mock.handled.length;
    const latency = await measureLatency(server, mock, workload.perTool, config.callsPerTool, config.warmupCallsPerTool);
    // The per-operation handler figures cover the measured calls only (not the first, cold one).
    const mockOps = mockTimeByOperation(mock.handled.slice(handledBefore));
    // V8 keeps optimising for about a thousand calls more: the same figures once it is done.
    const warm = await measureLatency(server, mock, workload.perTool, config.callsPerTool, config.warmCallsPerTool);
    const callsBeforeWarm = (1 + config.warmupCallsPerTool + config.callsPerTool + config.warmCallsPerTool) * workload.perTool.length;
    const sizes = [];
    for (const call of [...workload.perTool, workload.workouts90]) sizes.push(await measureSize(server, mock, call));
    return { firstCallMs: first.ms, latency, warm, callsBeforeWarm, mockOps, sizes };
  } finally {
    await server.close();
  }
}

async function minimalEcho() {
  const server = new BenchChild([MINIMAL_SERVER], childEnv());
  try {
    await server.initialize();
    return await measureEcho(server, config.callsPerTool, config.warmupCallsPerTool);
  } finally {
    await server.close();
  }
}

async function main(): Promise<number> {
  if (!existsSync(CLI)) {
    log(`${CLI} is missing: run \`npm run bench\` (it builds first) or \`npm run build\``);
    return 1;
  }
  const started = performance.now();
  const mock = await startBenchMock();
  try {
    const workload = buildWorkload(mock.athlete);
    log(`mock on ${mock.url}; demo athlete's today ${workload.today}; TP_REQUESTS_PER_MINUTE=${config.requestsPerMinute} (pacing out of the way)`);

    log(`cold start: ${config.coldRuns} rounds of 4 variants, round-robin`);
    const coldMark = mock.mark();
    const cold = await measureColdStart(coldVariants(serverEnv(mock)), config.coldRuns);
    const coldRequests = mock.countsSince(coldMark).total;

    log(`per-call latency: ${config.callsPerTool} sequential calls × ${workload.perTool.length} tools (round-robin), then answer sizes`);
    const session = await latencyAndSizes(mock, workload);
    const bare = await bareRoundTrip(mock, 200);
    const echo = await minimalEcho();

    log(`memory and upstream: ${config.mixedCalls} mixed calls, ${config.refusedCalls} refused calls`);
    const mixed = await mixedRun(mock, workload, config.mixedCalls, config.refusedCalls);

    log(`${config.concurrentCalls} concurrent calls on a fresh server`);
    const concurrent = await concurrentColdCalls(mock, workload, config.concurrentCalls);

    const seconds = (performance.now() - started) / 1000;
    const rows = [
      ...coldStartRows(cold, coldRequests),
      ...latencyRows(session.latency, session.warm, session.callsBeforeWarm, session.mockOps, bare, echo, session.firstCallMs, config.requestsPerMinute),
      ...sizeRows(session.sizes),
      ...memoryRows(mixed),
      ...upstreamRows(mixed, concurrent, TOKEN_LIFETIME_S),
      wallRow(seconds),
    ];
    const host = machine();
    const header = [
      `trainingpeaks-mcp bench: ${host.cpu}, ${host.cores} cores, ${host.memoryGiB} GiB, Node ${host.node}, ${host.platform}, ${host.date}`,
      `upstream: demo athlete over HTTP on ${mock.url}; server env TP_AUTH_COOKIE=x (no keyring), TP_REQUESTS_PER_MINUTE=${config.requestsPerMinute} (so the pacer does not dominate)`,
      `latency = bench writes tools/call → bench parses the answer; overhead = latency − time inside the mock's handler during that call;`,
      `calls are sequential, the 5 tools round-robin, after ${config.warmupCallsPerTool} warm-up rounds (the target is judged there: a real session is short; the JIT-warm rows are for reference)`,
    ];
    console.log(printTable(rows, header));
    writeResults(RESULTS, {
      machine: host,
      config,
      wallSeconds: round(seconds, 1),
      coldStart: {
        runs: cold.runs,
        upstreamRequests: coldRequests,
        warmupRounds: cold.warmupRounds,
        variants: Object.fromEntries(
          Object.entries(cold.variants).map(([key, v]) => [key, { label: v.label, summary: rounded(v.summary), samples: v.samples.map((s) => round(s, 2)) }]),
        ),
        ratios: {
          oursOverMinimalMedian: round(cold.variants.ours!.summary.median / cold.variants.minimal!.summary.median, 3),
          demoOverMinimalMedian: round(cold.variants.oursDemo!.summary.median / cold.variants.minimal!.summary.median, 3),
        },
      },
      latency: session.latency.map((tool) => ({ ...tool, latency: rounded(tool.latency), mockMs: rounded(tool.mockMs), overhead: rounded(tool.overhead) })),
      latencyWarm: {
        afterCalls: session.callsBeforeWarm,
        tools: session.warm.map((tool) => ({ ...tool, latency: rounded(tool.latency), mockMs: rounded(tool.mockMs), overhead: rounded(tool.overhead) })),
      },
      firstCallMs: round(session.firstCallMs, 2),
      mockHandlerByOperation: Object.fromEntries(
        Object.entries(session.mockOps).map(([op, entry]) => [op, { count: entry.count, ms: rounded(entry.ms), bytes: rounded(entry.bytes, 0) }]),
      ),
      bareFetch: { total: rounded(bare.total), beyondHandler: rounded(bare.beyondHandler) },
      minimalEcho: rounded(echo),
      sizes: session.sizes,
      mixed: { ...mixed, seconds: round(mixed.seconds, 2), latency: rounded(mixed.latency) },
      concurrent: { ...concurrent, ms: round(concurrent.ms, 1) },
      rows,
    });
    log(`wrote ${RESULTS}`);
    return 0;
  } finally {
    await mock.close();
    killAllChildren();
  }
}

main().then(
  (code) => {
    clearTimeout(watchdog);
    process.exitCode = code;
  },
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    killAllChildren();
    process.exitCode = 1;
  },
);
