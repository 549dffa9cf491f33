/** The printed table (figure, value, target, reference, met/missed) and bench/results.json. */
import { writeFileSync } from "node:fs";
import os from "node:os";
import { round } from "./stats.js";

/** Beside every target: met or missed; "" for a figure without one. */
export type Verdict = "met" | "missed" | "";

export interface Row {
  section: string;
  figure: string;
  value: string;
  target: string;
  /** The same figure for a reference (the minimal SDK server, bare node) from the same run. */
  reference: string;
  verdict: Verdict;
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    /** 1-minute load average when the bench ended: other work on the machine skews the figures. */
    loadAverage: round(os.loadavg()[0] ?? NaN, 2),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
  };
}

export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
export const bytes = (value: number) => (value >= 10_240 ? `${(value / 1024).toFixed(1)} KiB` : `${value} B`);
export const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;
export const mib = (kib: number | undefined) => (kib === undefined ? "n/a" : `${(kib / 1024).toFixed(1)} MiB`);
export const check = (ok: boolean): Verdict => (ok ? "met" : "missed");

/** A row without a target. */
export const info = (section: string, figure: string, value: string, reference = ""): Row => ({ section, figure, value, target: "", reference, verdict: "" });

export function printTable(rows: Row[], header: string[]): string {
  const columns = ["figure", "value", "target", "reference", "verdict"] as const;
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
    out.push(line([row.figure, row.value, row.target, row.reference, row.verdict]));
  }
  const missed = rows.filter((row) => row.verdict === "missed");
  const met = rows.filter((row) => row.verdict === "met").length;
  out.push("", `${met} met, ${missed.length} missed`);
  for (const row of missed) out.push(`  missed: ${row.figure.trim()}: ${row.value} (target ${row.target})`);
  return out.join("\n");
}

export function writeResults(path: string, results: unknown): void {
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}
