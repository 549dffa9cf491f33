import { describe, expect, it } from "vitest";
import { createDemoAthlete, workoutsByDay } from "../../src/demo/athlete.js";
import { apiDay, toDay } from "../../src/core/dates.js";
import { createDemoFetch } from "../../src/demo/fetch.js";
import { computePerformance, performanceRows } from "../../src/demo/fitness.js";
import type { PerformanceRow } from "../../src/demo/types.js";

describe("computePerformance", () => {
  it.each([
    ["no load", [0, 0, 0], { ctl: 0, atl: 0, tsb: 0 }],
    ["one day of 42 TSS", [42], { ctl: 1, atl: 6, tsb: 0 }],
    ["two days of 42 TSS", [42, 42], { ctl: 1 + 41 / 42, atl: 6 + 36 / 7, tsb: 1 - 6 }],
    ["a rest day after a hard one", [70, 0], { ctl: (70 / 42) * (41 / 42), atl: 10 * (6 / 7), tsb: 70 / 42 - 10 }],
  ] as const)("%s", (_title, tss, want) => {
    const last = computePerformance(tss).at(-1)!;
    expect(last.ctl).toBeCloseTo(want.ctl, 12);
    expect(last.atl).toBeCloseTo(want.atl, 12);
    expect(last.tsb).toBeCloseTo(want.tsb, 12);
  });

  it("converges to a constant load, with form tending to zero", () => {
    const last = computePerformance(Array.from({ length: 2000 }, () => 80)).at(-1)!;
    expect(last.ctl).toBeCloseTo(80, 6);
    expect(last.atl).toBeCloseTo(80, 6);
    expect(last.tsb).toBeCloseTo(0, 6);
  });

  it("honours other constants and start values", () => {
    const [first] = computePerformance([100], { ctlConstant: 10, atlConstant: 2, ctlStart: 50, atlStart: 60 });
    expect(first).toEqual({ ctl: 55, atl: 80, tsb: -10 });
  });
});

describe("the athlete's fitness", () => {
  const TODAY = "2026-11-20";
  const athlete = createDemoAthlete({ today: TODAY });
  const fetch = createDemoFetch({ athlete });
  const performance = async (start: string, end: string, workoutTypes: number[] = []): Promise<PerformanceRow[]> => {
    const res = await fetch(`https://tpapi.trainingpeaks.com/fitness/v1/athletes/1000001/reporting/performancedata/${start}/${end}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ atlConstant: 7, atlStart: 0, ctlConstant: 42, ctlStart: 0, workoutTypes }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as PerformanceRow[];
  };

  /** Independent recomputation: daily TSS straight from the workouts, the textbook recurrences. */
  function recompute(sports?: number[]) {
    const today = toDay(TODAY);
    const tss = new Map<string, number>();
    for (const w of athlete.workouts) {
      if (sports && !sports.includes(w.workoutTypeValueId)) continue;
      const value = toDay(w.workoutDay) <= today ? (w.tssActual ?? 0) : (w.tssPlanned ?? 0);
      tss.set(w.workoutDay, (tss.get(w.workoutDay) ?? 0) + value);
    }
    const out = new Map<string, { ctl: number; atl: number; tsb: number }>();
    let ctl = 0;
    let atl = 0;
    for (let d = toDay(athlete.firstDay); d <= toDay(athlete.lastDay); d++) {
      const load = tss.get(apiDay(d)) ?? 0;
      const tsb = ctl - atl;
      ctl = ctl + (load - ctl) / 42;
      atl = atl + (load - atl) / 7;
      out.set(apiDay(d), { ctl, atl, tsb });
    }
    return out;
  }

  it("matches an independent recomputation on the last day and today (to 1e-9)", async () => {
    const want = recompute();
    const rows = await performance("2026-11-01", athlete.lastDay);
    for (const day of [athlete.lastDay, TODAY]) {
      const row = rows.find((r) => r.workoutDay === `${day}T00:00:00`)!;
      const w = want.get(`${day}T00:00:00`)!;
      expect(Math.abs(row.ctl - w.ctl)).toBeLessThan(1e-9);
      expect(Math.abs(row.atl - w.atl)).toBeLessThan(1e-9);
      expect(Math.abs(row.tsb - w.tsb)).toBeLessThan(1e-9);
    }
  });

  it("answers a range with exactly the slice of the full history", async () => {
    const full = await performance(athlete.firstDay, athlete.lastDay);
    const slice = await performance("2026-06-01", "2026-06-30");
    expect(full).toHaveLength(toDay(athlete.lastDay) - toDay(athlete.firstDay) + 1);
    expect(slice).toEqual(full.filter((r) => r.workoutDay >= "2026-06-01" && r.workoutDay < "2026-07-01"));
    expect(full).toEqual(athlete.performance);
  });

  it("carries actual TSS up to today and planned TSS after", async () => {
    const rows = await performance(TODAY, athlete.lastDay);
    const future = rows.filter((r) => toDay(r.workoutDay) > toDay(TODAY));
    expect(future).toHaveLength(rows.length - 1);
    expect(future.every((r) => r.tssActual === 0)).toBe(true);
    expect(future.some((r) => r.tssPlanned > 0)).toBe(true);
    const pastWeek = await performance("2026-11-10", "2026-11-16");
    expect(pastWeek.some((r) => r.tssActual > 0 && r.ifActual !== null)).toBe(true);
  });

  it("filters by sport when workoutTypes is given", async () => {
    const bikeOnly = await performance(TODAY, TODAY, [2]);
    const want = recompute([2]).get(`${TODAY}T00:00:00`)!;
    expect(bikeOnly[0]!.ctl).toBeCloseTo(want.ctl, 9);
    const all = await performance(TODAY, TODAY);
    expect(bikeOnly[0]!.ctl).toBeLessThan(all[0]!.ctl);
  });

  it("gives days before history no load", () => {
    const rows = performanceRows(workoutsByDay(athlete.workouts), { first: toDay(athlete.firstDay), today: toDay(TODAY) }, toDay(athlete.firstDay) - 3, toDay(athlete.firstDay));
    expect(rows.slice(0, 3).map((r) => [r.tssActual, r.ctl, r.atl, r.tsb])).toEqual([[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]);
    expect(rows[3]!.workoutDay).toBe(`${athlete.firstDay}T00:00:00`);
  });

  it("looks like a triathlete five weeks out from a 70.3: fit and a little tired", () => {
    const row = athlete.performance.find((r) => r.workoutDay === `${TODAY}T00:00:00`)!;
    expect(row.ctl).toBeGreaterThan(65);
    expect(row.ctl).toBeLessThan(100);
    expect(row.tsb).toBeLessThan(5);
    expect(row.tsb).toBeGreaterThan(-35);
  });
});
