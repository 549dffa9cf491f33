/**
 * Fitness (CTL), fatigue (ATL) and form (TSB) from daily TSS, with TrainingPeaks' formulas:
 *   ctl_t = ctl_{t-1} + (tss_t − ctl_{t-1}) / 42
 *   atl_t = atl_{t-1} + (tss_t − atl_{t-1}) / 7
 *   tsb_t = ctl_{t-1} − atl_{t-1}   (form is yesterday's fitness minus yesterday's fatigue)
 */
import { round } from "../core/numbers.js";
import { apiDay } from "../core/dates.js";
import type { DemoWorkout, PerformanceRow } from "./types.js";

export interface PerformanceOptions {
  /** Days; TrainingPeaks' defaults are 42 and 7. */
  ctlConstant?: number;
  atlConstant?: number;
  /** Values on the day before the first day. */
  ctlStart?: number;
  atlStart?: number;
}

export interface PerformancePoint {
  ctl: number;
  atl: number;
  tsb: number;
}

/** CTL, ATL and TSB for each day of `dailyTss` (index 0 = the first day of history). */
export function computePerformance(dailyTss: readonly number[], options: PerformanceOptions = {}): PerformancePoint[] {
  const ctlConstant = options.ctlConstant ?? 42;
  const atlConstant = options.atlConstant ?? 7;
  let ctl = options.ctlStart ?? 0;
  let atl = options.atlStart ?? 0;
  return dailyTss.map((tss) => {
    const tsb = ctl - atl;
    ctl += (tss - ctl) / ctlConstant;
    atl += (tss - atl) / atlConstant;
    return { ctl, atl, tsb };
  });
}

export interface DailyLoad {
  tssActual: number;
  tssPlanned: number;
  ifActual: number | null;
  ifPlanned: number | null;
}

/**
 * Daily load from `first` to `last` (day numbers): completed TSS up to today, and the
 * planned TSS counts towards fitness on days after today. `sports` filters by sport id.
 */
export function dailyLoads(
  workoutsByDay: ReadonlyMap<number, readonly DemoWorkout[]>,
  first: number,
  last: number,
  sports: ReadonlySet<number> | null,
): DailyLoad[] {
  const out: DailyLoad[] = [];
  for (let day = first; day <= last; day++) {
    let tssActual = 0;
    let tssPlanned = 0;
    let ifA = 0;
    let hoursA = 0;
    let ifP = 0;
    let hoursP = 0;
    for (const w of workoutsByDay.get(day) ?? []) {
      if (sports && !sports.has(w.workoutTypeValueId)) continue;
      tssActual += w.tssActual ?? 0;
      tssPlanned += w.tssPlanned ?? 0;
      if (w.if !== null && w.totalTime) {
        ifA += w.if * w.totalTime;
        hoursA += w.totalTime;
      }
      if (w.ifPlanned !== null && w.totalTimePlanned) {
        ifP += w.ifPlanned * w.totalTimePlanned;
        hoursP += w.totalTimePlanned;
      }
    }
    out.push({
      tssActual: round(tssActual, 2),
      tssPlanned: round(tssPlanned, 2),
      ifActual: hoursA > 0 ? round(ifA / hoursA, 3) : null,
      ifPlanned: hoursP > 0 ? round(ifP / hoursP, 3) : null,
    });
  }
  return out;
}

/**
 * The performance-data rows for `[start, end]`, always computed from the first day of history,
 * so a range is exactly the slice of the full-history series. Days before history carry the
 * start values and no load.
 */
export function performanceRows(
  workoutsByDay: ReadonlyMap<number, readonly DemoWorkout[]>,
  history: { first: number; today: number },
  start: number,
  end: number,
  options: PerformanceOptions & { sports?: ReadonlySet<number> | null } = {},
): PerformanceRow[] {
  const { first, today } = history;
  const loads = end >= first ? dailyLoads(workoutsByDay, first, end, options.sports ?? null) : [];
  const points = computePerformance(
    loads.map((l, i) => (first + i <= today ? l.tssActual : l.tssPlanned)),
    options,
  );
  const ctl0 = options.ctlStart ?? 0;
  const atl0 = options.atlStart ?? 0;
  const rows: PerformanceRow[] = [];
  for (let day = start; day <= end; day++) {
    const load = loads[day - first];
    const p = points[day - first] ?? { ctl: ctl0, atl: atl0, tsb: ctl0 - atl0 };
    rows.push({
      workoutDay: apiDay(day),
      tssActual: load?.tssActual ?? 0,
      tssPlanned: load?.tssPlanned ?? 0,
      ctl: p.ctl,
      atl: p.atl,
      tsb: p.tsb,
      ifActual: load?.ifActual ?? null,
      ifPlanned: load?.ifPlanned ?? null,
    });
  }
  return rows;
}
