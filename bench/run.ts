/**
 * npm run bench: builds, then measures the built `tp-mcp serve` over real stdio against the demo
 * athlete on a local HTTP mock — every tool in toolDefinitions, on its declared examples — prints
 * each figure with its target, met or missed, beside its reference from the same run, and writes
 * bench/results.json. Environment: BENCH_COLD_RUNS (≥ 20, default 30), BENCH_CALLS per tool
 * (≥ 200, default 200), BENCH_SKIP_BUILD=1 (dist/ is already built), BENCH_NODE_FLAGS.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { toolDefinitions } from "../src/generated/tools.js";
import { childEnv } from "../test/support/stdio-process.js";
import { ANSWER_BUDGETS, isDeclared, TOOLS_LIST_BUDGET_BYTES } from "./budgets.js";
import { bareRoundTrip, measureEcho, measureLatency, measureSize, measureToolsList, mockTimeByOperation, preflight } from "./calls.js";
import { BenchChild, killAllChildren } from "./children.js";
import { coldVariants, measureColdStart } from "./cold-start.js";
import { minimalServerMemory } from "./memory.js";
import { REQUESTS_PER_MINUTE, serverEnv, startBenchMock, type BenchMock } from "./mock.js";
import { CLI, MINIMAL_SERVER, RESULTS, ROOT } from "./paths.js";
import { machine, printTable, writeResults } from "./report.js";
import { budgetRows, coldStartRows, latencyRows, memoryRows, sizeRows, upstreamRows, wallRow, type BudgetResult } from "./rows.js";
import { rounded, round } from "./stats.js";
import { concurrentColdCalls, mixedRun } from "./upstream.js";
import { buildWorkload, type ToolCall, type Workload } from "./workload.js";

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
  /**
   * Rounds skipped before the second, JIT-warm latency figures, and rounds kept for them: a
   * reference row, so fewer than the judged figures (the whole bench must stay under 5 minutes).
   */
  warmCallsPerTool: 100,
  warmMeasuredCallsPerTool: 100,
  /** Memory is read after so many mixed calls: the targets' 1,000 and 5,000, then 7,000 for "flat thereafter". */
  memoryCheckpoints: [1000, 5000, 7000],
  idleMs: 5_000,
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

/** `npm run build`, timed: "from a clean checkout in under five minutes" includes it. */
function build(): number | undefined {
  if (process.env.BENCH_SKIP_BUILD === "1") return undefined;
  const started = performance.now();
  const result = spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`npm run build failed (${result.status ?? result.signal})`);
  return (performance.now() - started) / 1000;
}

async function perCallAndSizes(mock: BenchMock, workload: Workload) {
  const server = new BenchChild([CLI, "serve"], childEnv(serverEnv(mock)));
  try {
    await server.initialize();
    const toolsList = await measureToolsList(server);
    const first = workload.tools[0]!.calls[0]!;
    const firstCall = await server.timedCallTool(first.name, first.args);
    const checked = await preflight(server, workload.tools);
    const unmeasured = workload.tools.filter((tool) => !checked.tools.some((kept) => kept.name === tool.name)).map((tool) => tool.name);
    const handledBefore = mock.handled.length;
    const latency = await measureLatency(server, mock, checked.tools, config.callsPerTool, config.warmupCallsPerTool);
    // The per-operation handler figures cover the measured calls only (not the first, cold one).
    const mockOps = mockTimeByOperation(mock.handled.slice(handledBefore));
    // V8 keeps optimising for about a thousand calls more: the same figures once it is done.
    const warm = await measureLatency(server, mock, checked.tools, config.warmMeasuredCallsPerTool, config.warmCallsPerTool);
    const calls = checked.tools.reduce((sum, tool) => sum + tool.calls.length, 0);
    const callsBeforeWarm = 1 + calls + (config.warmupCallsPerTool + config.callsPerTool + config.warmCallsPerTool) * checked.tools.length;
    const sizes = [];
    for (const tool of checked.tools) sizes.push(await measureSize(server, mock, tool.calls[0]!));
    const budgets: BudgetResult[] = [];
    for (const budget of ANSWER_BUDGETS) {
      if (!isDeclared(budget.tool)) {
        budgets.push({ budget, status: "absent", reason: "tool absent" });
        continue;
      }
      const call = budget.call(workload);
      if ("unavailable" in call) {
        budgets.push({ budget, status: "unavailable", reason: call.unavailable });
        continue;
      }
      try {
        budgets.push({ budget, status: "measured", size: await measureSize(server, mock, call) });
      } catch (error) {
        budgets.push({ budget, status: "failed", reason: error instanceof Error ? error.message.slice(0, 200) : String(error) });
      }
    }
    return { toolsList, firstCallMs: firstCall.ms, failures: checked.failures, unmeasured, kept: checked.tools, latency, warm, callsBeforeWarm, mockOps, sizes, budgets };
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
  const buildSeconds = build();
  if (!existsSync(CLI)) {
    log(`${CLI} is missing: run \`npm run build\``);
    return 1;
  }
  const watchdog = setTimeout(() => {
    log(`still running after ${DEADLINE_MS / 1000} s: giving up`);
    killAllChildren();
    process.exit(1);
  }, DEADLINE_MS - (buildSeconds ?? 0) * 1000);
  watchdog.unref();
  const started = performance.now();
  const mock = await startBenchMock();
  try {
    const workload = buildWorkload(mock.athlete);
    const toolCount = Object.keys(toolDefinitions).length;
    log(`mock on ${mock.url}; demo athlete's today ${workload.today}; ${toolCount} tools declared; TP_REQUESTS_PER_MINUTE=${config.requestsPerMinute} (pacing out of the way)`);

    log(`start-up: ${config.coldRuns} rounds of 4 variants, interleaved`);
    const coldMark = mock.mark();
    const cold = await measureColdStart(coldVariants(serverEnv(mock), toolCount), config.coldRuns);
    const coldRequests = mock.countsSince(coldMark).total;

    log(`per call: ${config.callsPerTool} sequential calls × ${toolCount} tools (round-robin, examples in turn), then answer sizes and budgets`);
    const session = await perCallAndSizes(mock, workload);
    const bare = await bareRoundTrip(mock, 200);
    const echo = await minimalEcho();

    // Only the examples the demo answered, ids rotating: a tool it cannot serve is reported above.
    const answered = new Set(session.kept.flatMap((tool) => tool.calls.map((call) => call.label)));
    const rotation: ToolCall[] = workload.mixed.filter((call) => answered.has(call.label));
    log(`memory: ${config.memoryCheckpoints.join(", ")} mixed calls (ours), as many echo calls (minimal server); upstream counts`);
    const mixed = await mixedRun(mock, workload, rotation, config.memoryCheckpoints, config.idleMs, config.refusedCalls);
    const minimalMemory = await minimalServerMemory(config.memoryCheckpoints, config.idleMs);

    log(`${config.concurrentCalls} concurrent calls on a fresh server`);
    const concurrent = await concurrentColdCalls(mock, rotation, config.concurrentCalls);

    const seconds = (performance.now() - started) / 1000;
    const rows = [
      ...coldStartRows(cold, coldRequests),
      ...latencyRows({ ...session, bare, echo }),
      ...budgetRows(session.budgets, session.toolsList, TOOLS_LIST_BUDGET_BYTES),
      ...sizeRows(session.sizes),
      ...memoryRows(mixed, minimalMemory),
      ...upstreamRows(mixed, concurrent, TOKEN_LIFETIME_S),
      wallRow(seconds, buildSeconds),
    ];
    const host = machine();
    const header = [
      `trainingpeaks-mcp bench: ${host.cpu}, ${host.cores} cores, ${host.memoryGiB} GiB, Node ${host.node}, ${host.platform}, load average ${host.loadAverage}, ${host.date}`,
      `upstream: demo athlete over HTTP on ${mock.url}; server env TP_AUTH_COOKIE=x (no keyring), TP_REQUESTS_PER_MINUTE=${config.requestsPerMinute} (so the pacer does not dominate)`,
      `latency = bench writes tools/call → bench parses the answer; overhead = latency − time inside the mock's handler during that call;`,
      `calls are sequential, the ${session.latency.length} tools round-robin, after ${config.warmupCallsPerTool} warm-up rounds (the target is judged there: a real session is short; the JIT-warm rows are for reference)`,
    ];
    console.log(printTable(rows, header));
    const summaries = (tools: typeof session.latency) =>
      tools.map((tool) => ({ ...tool, latency: rounded(tool.latency), mockMs: rounded(tool.mockMs), overhead: rounded(tool.overhead) }));
    writeResults(RESULTS, {
      machine: host,
      config,
      wallSeconds: round(seconds, 1),
      buildSeconds: buildSeconds === undefined ? null : round(buildSeconds, 1),
      coldStart: {
        runs: cold.runs,
        upstreamRequests: coldRequests,
        warmupRounds: cold.warmupRounds,
        variants: Object.fromEntries(
          Object.entries(cold.variants).map(([key, v]) => [key, { label: v.label, summary: rounded(v.summary), samples: v.samples.map((s) => round(s, 2)) }]),
        ),
      },
      latency: summaries(session.latency),
      latencyWarm: { afterCalls: session.callsBeforeWarm, tools: summaries(session.warm) },
      exampleFailures: session.failures,
      unmeasuredTools: session.unmeasured,
      firstCallMs: round(session.firstCallMs, 2),
      mockHandlerByOperation: Object.fromEntries(
        Object.entries(session.mockOps).map(([op, entry]) => [op, { count: entry.count, ms: rounded(entry.ms), bytes: rounded(entry.bytes, 0) }]),
      ),
      bareFetch: { total: rounded(bare.total), beyondHandler: rounded(bare.beyondHandler) },
      minimalEcho: rounded(echo),
      toolsList: session.toolsList,
      budgets: session.budgets.map(({ budget, ...result }) => ({ label: budget.label, tool: budget.tool, limit: budget.limit, ...result })),
      sizes: session.sizes,
      mixed: { ...mixed, seconds: round(mixed.seconds, 2), latency: rounded(mixed.latency) },
      minimalMemory,
      concurrent: { ...concurrent, ms: round(concurrent.ms, 1) },
      rows,
    });
    log(`wrote ${RESULTS}`);
    clearTimeout(watchdog);
    return 0;
  } finally {
    await mock.close();
    killAllChildren();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    killAllChildren();
    process.exitCode = 1;
  },
);
