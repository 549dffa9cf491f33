/** The report's rows, section by section: each figure, its target and its reference from the same run. */
import type { AnswerBudget } from "./budgets.js";
import type { AnswerSize, ExampleFailure, ToolLatency, ToolsListSize } from "./calls.js";
import type { ColdStartResult } from "./cold-start.js";
import type { MemoryRun } from "./memory.js";
import { bytes, check, info, mib, ms, pct, type Row } from "./report.js";
import { round } from "./stats.js";
import type { ConcurrentResult, MixedRunResult } from "./upstream.js";

export const TARGETS = {
  /** (serve − bare node) ÷ (minimal server − bare node), medians. */
  coldAboveFloorRatio: 0.3,
  /** serve ÷ minimal server, medians: the floor that must hold on a slow machine too. */
  coldRatio: 0.6,
  overheadMs: 1,
  /** Peak RSS after so many mixed calls, MiB. */
  peakRssMiB: [
    { calls: 1000, mib: 80 },
    { calls: 5000, mib: 90 },
  ],
  /** "Flat thereafter": the peak may grow at most this much over the calls after the last target. */
  flatGrowthMiB: 2,
  seconds: 300,
};

export function coldStartRows(cold: ColdStartResult, upstreamRequests: number): Row[] {
  const v = cold.variants;
  const section = `1 start-up: spawn → initialize → tools/list (n=${cold.runs}, interleaved)`;
  const rows: Row[] = Object.values(v).map((variant) => info(section, `${variant.label}: median / p90`, `${ms(variant.summary.median)} / ${ms(variant.summary.p90)}`));
  rows.push(info(section, "upstream requests during every cold start", String(upstreamRequests)));
  const minimal = v.minimal!.summary.median;
  const floor = v.floor!.summary.median;
  for (const key of ["ours", "oursDemo"] as const) {
    const ours = v[key]!.summary.median;
    const name = key === "ours" ? "serve" : "serve --demo";
    const judged = key === "ours";
    const aboveFloor = (ours - floor) / (minimal - floor);
    rows.push({
      section,
      figure: `${name}: time above bare node ÷ the minimal server's`,
      value: `${ms(ours - floor)} ÷ ${ms(minimal - floor)} = ${aboveFloor.toFixed(2)}`,
      target: judged ? `≤ ${TARGETS.coldAboveFloorRatio}` : "",
      reference: `minimal ${ms(minimal - floor)} above node ${ms(floor)}`,
      verdict: judged ? check(aboveFloor <= TARGETS.coldAboveFloorRatio) : "",
    });
    rows.push({
      section,
      figure: `${name} ÷ minimal server (the floor)`,
      value: `${ms(ours)} ÷ ${ms(minimal)} = ${(ours / minimal).toFixed(2)}`,
      target: judged ? `≤ ${TARGETS.coldRatio}` : "",
      reference: `minimal ${ms(minimal)}`,
      verdict: judged ? check(ours / minimal <= TARGETS.coldRatio) : "",
    });
  }
  return rows;
}

export interface LatencyInputs {
  latency: ToolLatency[];
  warm: ToolLatency[];
  callsBeforeWarm: number;
  failures: ExampleFailure[];
  /** Tools declared but with no example the demo answers. */
  unmeasured: string[];
  mockOps: Record<string, { count: number; ms: { median: number; p99: number }; bytes: { median: number } }>;
  bare: { total: { median: number; p99: number }; beyondHandler: { median: number } };
  echo: { median: number; p99: number };
  firstCallMs: number;
}

/**
 * What a call costs on this machine before the server does any work of its own: the minimal
 * server's echo round trip, plus a bare loopback fetch (beyond the handler) per upstream request.
 */
export function callFloorMs(requestsPerCall: number, echoMs: number, bareBeyondHandlerMs: number): number {
  return echoMs + requestsPerCall * bareBeyondHandlerMs;
}

export function latencyRows(input: LatencyInputs): Row[] {
  const section = "2 per call (sequential, tools round-robin, each tool's examples in turn)";
  const echo = `minimal echo ${ms(input.echo.median)}`;
  const rows: Row[] = [];
  const beyondFloor: number[] = [];
  for (const [index, tool] of input.latency.entries()) {
    const floor = callFloorMs(tool.requestsPerCall, input.echo.median, input.bare.beyondHandler.median);
    beyondFloor.push(tool.overhead.median - floor);
    const perExample = tool.requestsPerExample.map((n) => String(round(n, 2))).join(", ");
    rows.push(
      info(section, `${tool.name} (${tool.examples} ex., n=${tool.calls}): latency median / p99`, `${ms(tool.latency.median)} / ${ms(tool.latency.p99)}`, echo),
      {
        section,
        figure: `  ${tool.name} overhead = latency − mock time (${ms(tool.mockMs.median)}): median / p99`,
        value: `${ms(tool.overhead.median)} / ${ms(tool.overhead.p99)}`,
        target: `≤ ${TARGETS.overheadMs} ms median`,
        reference: `floor ${ms(floor)} (echo + ${round(tool.requestsPerCall, 2)} × bare fetch)`,
        verdict: check(tool.overhead.median <= TARGETS.overheadMs),
      },
      info(section, `  upstream requests per call (per example)`, `${round(tool.requestsPerCall, 2)} (${perExample})`),
    );
    const hot = input.warm[index];
    if (hot) rows.push(info(section, `  JIT-warm (after ${input.callsBeforeWarm} calls): latency / overhead median`, `${ms(hot.latency.median)} / ${ms(hot.overhead.median)}`));
  }
  for (const failure of input.failures) {
    rows.push({ section, figure: `${failure.label} ${JSON.stringify(failure.args)} answered`, value: failure.message, target: "an answer", reference: "", verdict: "missed" });
  }
  for (const name of input.unmeasured) {
    rows.push({ section, figure: `${name}: overhead`, value: "not measured (no example answered)", target: `≤ ${TARGETS.overheadMs} ms median`, reference: "", verdict: "missed" });
  }
  for (const [operation, entry] of Object.entries(input.mockOps)) {
    rows.push(info(section, `mock handler ${operation} (n=${entry.count}): median / p99`, `${ms(entry.ms.median)} / ${ms(entry.ms.p99)} (${bytes(entry.bytes.median)})`));
  }
  if (beyondFloor.length > 0) {
    rows.push(
      info(
        section,
        "overhead beyond the floor (echo + a bare fetch per request), median per tool: least / most",
        `${ms(Math.min(...beyondFloor))} / ${ms(Math.max(...beyondFloor))}`,
        echo,
      ),
    );
  }
  rows.push(
    info(section, "bare fetch → mock, loopback: median / p99 (beyond handler)", `${ms(input.bare.total.median)} / ${ms(input.bare.total.p99)} (${ms(input.bare.beyondHandler.median)})`),
    info(section, "reference: minimal SDK server, echo tools/call: median / p99", `${ms(input.echo.median)} / ${ms(input.echo.p99)}`),
    info(section, "first call of a session (token exchange + user lookup)", ms(input.firstCallMs)),
  );
  return rows;
}

export type BudgetResult =
  | { budget: AnswerBudget; status: "measured"; size: AnswerSize }
  | { budget: AnswerBudget; status: "absent" | "unavailable" | "failed"; reason: string };

/** An answer's size as the model may read it: the larger of structuredContent and the text. */
export const answerBytes = (size: AnswerSize) => Math.max(size.structuredBytes, size.textBytes);

export function budgetRows(results: BudgetResult[], toolsList: ToolsListSize, toolsListBudget: number): Row[] {
  const section = "3 answer budgets (answer = max(structuredContent, text); raw = the API bodies it was built from)";
  const rows: Row[] = [];
  for (const result of results) {
    const { budget } = result;
    const target = "maxBytes" in budget.limit ? `≤ ${bytes(budget.limit.maxBytes)}` : `≤ ${budget.limit.maxShareOfRaw * 100} % of raw`;
    if (result.status !== "measured") {
      const value = result.status === "absent" ? "not measured (tool absent)" : `not measured (${result.reason})`;
      rows.push({ section, figure: budget.label, value, target, reference: "", verdict: result.status === "absent" ? "" : "missed" });
      continue;
    }
    const { size } = result;
    const answer = answerBytes(size);
    const ok = "maxBytes" in budget.limit ? answer <= budget.limit.maxBytes : answer <= budget.limit.maxShareOfRaw * size.rawBytes;
    rows.push({
      section,
      figure: `${budget.label}: answer (structured | text)`,
      value: `${bytes(answer)} = ${pct(answer, size.rawBytes)} of raw (${bytes(size.structuredBytes)} | ${bytes(size.textBytes)})`,
      target,
      reference: `raw ${bytes(size.rawBytes)} in ${size.rawRequests} req`,
      verdict: check(ok),
    });
    if (size.workouts) {
      const n = size.workouts;
      rows.push(info(section, `  per workout (${n}): structured | text | raw`, `${Math.round(size.structuredBytes / n)} B | ${Math.round(size.textBytes / n)} B | ${Math.round(size.rawBytes / n)} B`));
    }
  }
  rows.push({
    section,
    figure: `tools/list with all ${toolsList.tools} tools`,
    value: bytes(toolsList.bytes),
    target: `≤ ${bytes(toolsListBudget)}`,
    reference: `${bytes(Math.round(toolsList.bytes / Math.max(1, toolsList.tools)))} per tool`,
    verdict: check(toolsList.bytes <= toolsListBudget),
  });
  const largest = Object.entries(toolsList.parts).sort(([, a], [, b]) => b - a);
  rows.push(
    info(section, `  where tools/list's bytes go`, largest.map(([part, n]) => `${part} ${pct(n, toolsList.bytes)}`).join(", ")),
    info(section, `  descriptions inside the output schemas`, `${bytes(toolsList.outputDescriptions)} = ${pct(toolsList.outputDescriptions, toolsList.bytes)}`),
  );
  return rows;
}

/** Every tool's first example: answer and raw sizes, for reading the budgets. */
export function sizeRows(sizes: AnswerSize[]): Row[] {
  const section = "3b answer sizes, every tool (first example): structured | text | raw API";
  return sizes.map((size) =>
    info(section, `${size.label} (${size.rawRequests} req)`, `${bytes(size.structuredBytes)} | ${bytes(size.textBytes)} | ${bytes(size.rawBytes)}`, `max = ${pct(answerBytes(size), size.rawBytes)} of raw`),
  );
}

export function memoryRows(mixed: MixedRunResult, minimal: MemoryRun): Row[] {
  const section = `4 memory (${mixed.memory.source}; reference: the minimal SDK server over as many echo calls)`;
  const ours = mixed.memory;
  const checkpointAt = (run: MemoryRun, calls: number) => run.checkpoints.find((c) => c.calls === calls);
  const peakAt = (run: MemoryRun, calls: number) => checkpointAt(run, calls)?.peakKb;
  const split = (run: MemoryRun, calls: number) => {
    const at = checkpointAt(run, calls);
    return at?.anonKb === undefined ? undefined : `${mib(at.anonKb)} · ${mib(at.fileKb)}`;
  };
  const rows: Row[] = [info(section, "RSS after initialize + tools/list", mib(ours.afterStartKb), `minimal ${mib(minimal.afterStartKb)}`)];
  for (const { calls, mib: limit } of TARGETS.peakRssMiB) {
    const peak = peakAt(ours, calls);
    rows.push({
      section,
      figure: `peak RSS after ${calls} mixed calls`,
      value: mib(peak),
      target: `≤ ${limit} MiB`,
      reference: `minimal ${mib(peakAt(minimal, calls))}`,
      verdict: peak === undefined ? "" : check(peak <= limit * 1024),
    });
    const oursSplit = split(ours, calls);
    if (oursSplit) rows.push(info(section, `  RSS then: anonymous (own) · file-backed (node binary, libraries)`, oursSplit, `minimal ${split(minimal, calls) ?? "?"}`));
  }
  const lastTarget = Math.max(...TARGETS.peakRssMiB.map((t) => t.calls));
  const last = ours.checkpoints.at(-1);
  const base = peakAt(ours, lastTarget);
  if (last && base !== undefined && last.calls > lastTarget && last.peakKb !== undefined) {
    const growth = last.peakKb - base;
    const minimalGrowth = (peakAt(minimal, last.calls) ?? NaN) - (peakAt(minimal, lastTarget) ?? NaN);
    rows.push({
      section,
      figure: `peak growth from ${lastTarget} to ${last.calls} calls (flat thereafter)`,
      value: mib(growth),
      target: `≤ ${TARGETS.flatGrowthMiB} MiB`,
      reference: `minimal ${mib(minimalGrowth)}`,
      verdict: check(growth <= TARGETS.flatGrowthMiB * 1024),
    });
  }
  rows.push(
    info(section, `RSS now / after ${ours.idleMs / 1000} s idle`, `${mib(last?.rssKb)} / ${mib(ours.idleRssKb)}`, `minimal ${mib(minimal.checkpoints.at(-1)?.rssKb)} / ${mib(minimal.idleRssKb)}`),
    info(section, `mixed calls: median / p99 latency (${mixed.calls} in ${mixed.seconds.toFixed(1)} s)`, `${ms(mixed.latency.median)} / ${ms(mixed.latency.p99)}`),
  );
  if (mixed.failed > 0) rows.push(info(section, `mixed calls answered with an error`, `${mixed.failed}: ${mixed.failure}`));
  return rows;
}

export function upstreamRows(mixed: MixedRunResult, concurrent: ConcurrentResult, tokenLifetimeS: number): Row[] {
  const section = "5 upstream requests";
  const c = mixed.counts;
  return [
    {
      section,
      figure: `token exchanges / session (${mixed.calls} calls, ${mixed.seconds.toFixed(1)} s; token ${tokenLifetimeS} s)`,
      value: String(c.exchangeToken),
      target: "1",
      reference: "",
      verdict: check(c.exchangeToken === 1),
    },
    { section, figure: `user lookups / session`, value: String(c.getUser), target: "1", reference: "", verdict: check(c.getUser === 1) },
    info(section, `API requests / ${mixed.calls} calls`, `${c.api} (${(c.api / mixed.calls).toFixed(2)} per call)`),
    {
      section,
      figure: `request bodies sent without a Content-Length (chunked)`,
      value: `${c.chunked} of ${c.withBody}`,
      target: "0",
      reference: "",
      verdict: check(c.chunked === 0 && c.withBody > 0),
    },
    {
      section,
      figure: `refused calls (91-day range, 2026-02-30): requests reaching the mock`,
      value: `${mixed.refused.counts.total} (${mixed.refused.answeredAsErrors}/${mixed.refused.calls} answered isError)`,
      target: "0",
      reference: "",
      verdict: check(mixed.refused.counts.total === 0 && mixed.refused.answeredAsErrors === mixed.refused.calls),
    },
    {
      section,
      figure: `${concurrent.calls} concurrent calls on a cold cache: exchanges`,
      value: `${concurrent.counts.exchangeToken} (user ${concurrent.counts.getUser}, api ${concurrent.counts.api}, failed ${concurrent.failed}, ${ms(concurrent.ms)})`,
      target: "1",
      reference: "",
      verdict: check(concurrent.counts.exchangeToken === 1 && concurrent.failed === 0),
    },
    {
      section,
      figure: `${concurrent.calls} concurrent calls on a cold cache: user lookups`,
      value: String(concurrent.counts.getUser),
      target: "1",
      reference: "",
      verdict: check(concurrent.counts.getUser === 1),
    },
  ];
}

export function wallRow(seconds: number, buildSeconds: number | undefined): Row {
  const total = seconds + (buildSeconds ?? 0);
  return {
    section: "bench",
    figure: buildSeconds === undefined ? "wall time (build not timed)" : `wall time, build (${buildSeconds.toFixed(1)} s) included`,
    value: `${total.toFixed(1)} s`,
    target: `< ${TARGETS.seconds} s`,
    reference: "",
    verdict: check(total < TARGETS.seconds),
  };
}
