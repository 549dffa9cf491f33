/** The printed table (figure, target, PASS/MISS) and bench/results.json. */
import { writeFileSync } from "node:fs";
import os from "node:os";
import type { AnswerSize, ToolLatency } from "./calls.js";
import type { ColdStartResult } from "./cold-start.js";
import type { ConcurrentResult, MixedRunResult } from "./upstream.js";
import { round } from "./stats.js";

export type Verdict = "PASS" | "MISS" | "";

export interface Row {
  section: string;
  figure: string;
  value: string;
  target: string;
  verdict: Verdict;
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
  };
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const kb = (bytes: number) => (bytes >= 10_240 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} B`);
const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;
const check = (ok: boolean): Verdict => (ok ? "PASS" : "MISS");

export const TARGETS = {
  coldRatio: 0.6,
  overheadMs: 2,
  workoutsStructuredShare: 0.15,
  peakRssMB: 80,
  seconds: 300,
};

export function coldStartRows(cold: ColdStartResult, upstreamRequests: number): Row[] {
  const v = cold.variants;
  const section = `1 cold start (n=${cold.runs})`;
  const rows: Row[] = Object.values(v).map((variant) => ({
    section,
    figure: `${variant.label}: median / p90`,
    value: `${ms(variant.summary.median)} / ${ms(variant.summary.p90)}`,
    target: "",
    verdict: "",
  }));
  rows.push({
    section,
    figure: "upstream requests during every cold start (spawn → tools/list)",
    value: String(upstreamRequests),
    target: "",
    verdict: "",
  });
  const minimal = v.minimal!.summary;
  const floor = v.floor!.summary;
  for (const key of ["ours", "oursDemo"] as const) {
    const ours = v[key]!.summary;
    const ratio = ours.median / minimal.median;
    rows.push({
      section,
      figure: `ratio ${key === "ours" ? "serve" : "serve --demo"} / minimal (median; p90)`,
      value: `${ratio.toFixed(2)}; ${(ours.p90 / minimal.p90).toFixed(2)}`,
      target: `≤ ${TARGETS.coldRatio}`,
      verdict: check(ratio <= TARGETS.coldRatio),
    });
    rows.push({
      section,
      figure: `  above the floor: ${key === "ours" ? "serve" : "serve --demo"} / minimal`,
      value: `${ms(ours.median - floor.median)} / ${ms(minimal.median - floor.median)} = ${((ours.median - floor.median) / (minimal.median - floor.median)).toFixed(2)}`,
      target: "",
      verdict: "",
    });
  }
  return rows;
}

export function latencyRows(
  latency: ToolLatency[],
  warm: ToolLatency[],
  callsBeforeWarm: number,
  mockOps: Record<string, { count: number; ms: { median: number; p99: number }; bytes: { median: number } }>,
  bare: { total: { median: number; p99: number }; beyondHandler: { median: number } },
  echo: { median: number; p99: number },
  firstCallMs: number,
  requestsPerMinute: number,
): Row[] {
  const section = `2 per-call latency (TP_REQUESTS_PER_MINUTE=${requestsPerMinute})`;
  const rows: Row[] = [];
  for (const [index, tool] of latency.entries()) {
    rows.push({
      section,
      figure: `${tool.label} (n=${tool.calls}): median / p99; requests/call`,
      value: `${ms(tool.latency.median)} / ${ms(tool.latency.p99)}; ${round(tool.requestsPerCall, 2)}`,
      target: "",
      verdict: "",
    });
    rows.push({
      section,
      figure: `  overhead = latency − mock time (${ms(tool.mockMs.median)}): median / p99`,
      value: `${ms(tool.overhead.median)} / ${ms(tool.overhead.p99)}`,
      target: `≤ ${TARGETS.overheadMs} ms median`,
      verdict: check(tool.overhead.median <= TARGETS.overheadMs),
    });
    const hot = warm[index];
    if (hot) {
      rows.push({
        section,
        figure: `  JIT-warm (after ${callsBeforeWarm} calls): latency / overhead median`,
        value: `${ms(hot.latency.median)} / ${ms(hot.overhead.median)}`,
        target: "",
        verdict: "",
      });
    }
  }
  for (const [operation, entry] of Object.entries(mockOps)) {
    rows.push({
      section,
      figure: `mock handler ${operation} (n=${entry.count}): median / p99`,
      value: `${ms(entry.ms.median)} / ${ms(entry.ms.p99)} (${kb(entry.bytes.median)})`,
      target: "",
      verdict: "",
    });
  }
  rows.push({
    section,
    figure: "bare fetch → mock, loopback: median / p99 (beyond handler)",
    value: `${ms(bare.total.median)} / ${ms(bare.total.p99)} (${ms(bare.beyondHandler.median)})`,
    target: "",
    verdict: "",
  });
  rows.push({
    section,
    figure: "reference: minimal SDK server, echo tools/call: median / p99",
    value: `${ms(echo.median)} / ${ms(echo.p99)}`,
    target: "",
    verdict: "",
  });
  rows.push({ section, figure: "first call of a session (token exchange + user lookup)", value: ms(firstCallMs), target: "", verdict: "" });
  return rows;
}

export function sizeRows(sizes: AnswerSize[]): Row[] {
  const section = "3 answer size (structured | text | raw API)";
  const rows: Row[] = [];
  for (const size of sizes) {
    const isList = size.workouts !== undefined;
    rows.push({
      section,
      figure: `${size.label}: structured | text | raw (${size.rawRequests} req)`,
      value: `${kb(size.structuredBytes)} | ${kb(size.textBytes)} | ${kb(size.rawBytes)}`,
      target: "",
      verdict: "",
    });
    rows.push({
      section,
      figure: `  structured / raw; text / raw; wire line`,
      value: `${pct(size.structuredBytes, size.rawBytes)}; ${pct(size.textBytes, size.rawBytes)}; ${kb(size.wireBytes)}`,
      target: isList ? `≤ ${TARGETS.workoutsStructuredShare * 100} %` : "",
      verdict: isList ? check(size.structuredBytes <= TARGETS.workoutsStructuredShare * size.rawBytes) : "",
    });
    if (isList && size.workouts) {
      const n = size.workouts;
      rows.push({
        section,
        figure: `  per workout (${n}): structured | text | raw`,
        value: `${Math.round(size.structuredBytes / n)} B | ${Math.round(size.textBytes / n)} B | ${Math.round(size.rawBytes / n)} B`,
        target: "",
        verdict: "",
      });
    }
  }
  return rows;
}

export function memoryRows(mixed: MixedRunResult): Row[] {
  const section = "4 memory";
  const mib = (kib: number | undefined) => (kib === undefined ? "n/a" : `${(kib / 1024).toFixed(1)} MiB`);
  const peak = mixed.memory.hwmKb;
  return [
    { section, figure: `RSS after initialize + tools/list`, value: mib(mixed.memory.afterStartKb), target: "", verdict: "" },
    {
      section,
      figure: `peak RSS after ${mixed.calls} mixed calls in ${mixed.seconds.toFixed(1)} s (${mixed.memory.source.startsWith("/proc") ? "VmHWM" : "ps samples"})`,
      value: `${mib(peak)} (now ${mib(mixed.memory.rssKb)})`,
      target: `≤ ${TARGETS.peakRssMB} MB (${((TARGETS.peakRssMB * 1e6) / 2 ** 20).toFixed(1)} MiB)`,
      verdict: peak === undefined ? "" : check(peak * 1024 <= TARGETS.peakRssMB * 1e6),
    },
    {
      section,
      figure: `mixed calls: median / p99 latency`,
      value: `${ms(mixed.latency.median)} / ${ms(mixed.latency.p99)}`,
      target: "",
      verdict: "",
    },
  ];
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
      verdict: check(c.exchangeToken === 1),
    },
    { section, figure: `user lookups / session`, value: String(c.getUser), target: "1", verdict: check(c.getUser === 1) },
    {
      section,
      figure: `API requests / ${mixed.calls} calls`,
      value: `${c.api} (${(c.api / mixed.calls).toFixed(2)} per call)`,
      target: "",
      verdict: "",
    },
    {
      section,
      figure: `refused calls (91-day range, 2026-02-30): requests reaching the mock`,
      value: `${mixed.refused.counts.total} (${mixed.refused.answeredAsErrors}/${mixed.refused.calls} answered isError)`,
      target: "0",
      verdict: check(mixed.refused.counts.total === 0 && mixed.refused.answeredAsErrors === mixed.refused.calls),
    },
    {
      section,
      figure: `${concurrent.calls} concurrent calls on a cold cache: exchanges`,
      value: `${concurrent.counts.exchangeToken} (user ${concurrent.counts.getUser}, api ${concurrent.counts.api}, failed ${concurrent.failed}, ${ms(concurrent.ms)})`,
      target: "1",
      verdict: check(concurrent.counts.exchangeToken === 1 && concurrent.failed === 0),
    },
    {
      section,
      figure: `${concurrent.calls} concurrent calls on a cold cache: user lookups`,
      value: String(concurrent.counts.getUser),
      target: "1",
      verdict: check(concurrent.counts.getUser === 1),
    },
  ];
}

export function wallRow(seconds: number): Row {
  return { section: "bench", figure: "wall time (build excluded)", value: `${seconds.toFixed(1)} s`, target: `< ${TARGETS.seconds} s`, verdict: check(seconds < TARGETS.seconds) };
}

export function printTable(rows: Row[], header: string[]): string {
  const columns = ["figure", "value", "target", "verdict"] as const;
  const width = (key: (typeof columns)[number]) => Math.max(key.length, ...rows.map((row) => row[key].length));
  const widths = columns.map(width);
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd();
  const out: string[] = [...header, ""];
  let section = "";
  for (const row of rows) {
    if (row.section !== section) {
      section = row.section;
      out.push("", `## ${section}`, line([...columns]));
    }
    out.push(line([row.figure, row.value, row.target, row.verdict]));
  }
  const misses = rows.filter((row) => row.verdict === "MISS").length;
  const passes = rows.filter((row) => row.verdict === "PASS").length;
  out.push("", `${passes} PASS, ${misses} MISS`);
  return out.join("\n");
}

export function writeResults(path: string, results: unknown): void {
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}
