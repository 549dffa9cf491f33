import { describe, expect, it } from "vitest";
import { createDemoAthlete } from "../../src/demo/athlete.js";
import { fromDay, toDay } from "../../src/core/dates.js";
import { createDemoFetch } from "../../src/demo/fetch.js";
import { bestWindowMeans, HR_PEAKS, POWER_PEAKS, SPEED_PEAKS, type Peaks } from "../../src/demo/peaks.js";
import { Rng } from "../../src/demo/random.js";
import { PR_TYPES_BY_SPORT as PR_TYPES } from "../../src/generated/constants.js";
import type { DemoWorkout, PersonalRecord } from "../../src/demo/types.js";

const TODAY = "2026-11-20";
const athlete = createDemoAthlete({ today: TODAY });
const demoFetch = createDemoFetch({ athlete });
const byId = new Map(athlete.workouts.map((w) => [w.workoutId, w]));
const get = async <T>(path: string): Promise<T> => {
  const res = await demoFetch(`https://tpapi.trainingpeaks.com${path}`);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
};
const ranked = (sport: "Bike" | "Run", prType: string, start: string, end: string) =>
  get<PersonalRecord[]>(`/personalrecord/v2/athletes/1000001/${sport}?prType=${prType}&startDate=${start}T00:00:00&endDate=${end}T00:00:00`);

describe("bestWindowMeans", () => {
  /** Brute force on a 1-unit grid: integer lengths, integer widths. */
  function brute(lengths: number[], values: number[], width: number, mode: "max" | "min"): number | undefined {
    const samples = lengths.flatMap((l, i) => Array.from({ length: l }, () => values[i]!));
    if (width > samples.length) return undefined;
    let best: number | undefined;
    for (let x = 0; x + width <= samples.length; x++) {
      const mean = samples.slice(x, x + width).reduce((a, b) => a + b, 0) / width;
      if (best === undefined || (mode === "max" ? mean > best : mean < best)) best = mean;
    }
    return best;
  }

  it("equals a brute-force sliding window on random recordings", () => {
    const rng = new Rng(99);
    for (let trial = 0; trial < 200; trial++) {
      const n = rng.int(1, 12);
      const lengths = Array.from({ length: n }, () => rng.int(1, 30));
      const values = Array.from({ length: n }, () => rng.range(50, 400));
      const widths = [1, 5, 17, 40, 120];
      const mode = trial % 2 === 0 ? "max" : "min";
      bestWindowMeans(lengths, values, widths, mode).forEach((got, i) => {
        const want = brute(lengths, values, widths[i]!, mode);
        if (want === undefined) expect(got).toBeUndefined();
        else expect(got).toBeCloseTo(want, 9);
      });
    }
  });

  it.each([
    ["one flat segment", [600], [200], 300, 200],
    ["an effort between easy parts", [300, 60, 300], [100, 400, 100], 60, 400],
    ["a window wider than the effort", [300, 60, 300], [100, 400, 100], 120, 250],
    ["exactly the whole recording", [10, 10], [1, 3], 20, 2],
  ] as const)("%s", (_title, lengths, values, width, want) => {
    expect(bestWindowMeans(lengths, values, [width], "max")[0]).toBeCloseTo(want, 9);
  });

  it("is undefined for a window longer than the recording", () => {
    expect(bestWindowMeans([10, 10], [1, 2], [21], "max")).toEqual([undefined]);
  });
});

describe("per-workout peaks", () => {
  const completed = athlete.workouts.filter((w) => w.totalTime !== null);
  const peaksOf = (w: DemoWorkout): Peaks | undefined => athlete.peaks[w.workoutId];

  it("exist for every analysed bike and run workout, and only those", () => {
    for (const w of athlete.workouts) {
      const analysed = w.totalTime !== null && (w.workoutTypeValueId === 2 || w.workoutTypeValueId === 3);
      const pending = athlete.workoutPrs[w.workoutId]?.calcsPending === true;
      expect(peaksOf(w) !== undefined).toBe(analysed && !pending);
    }
  });

  it("never rise with a longer duration or distance, and stay within the workout", () => {
    for (const w of completed) {
      const p = peaksOf(w);
      if (!p) continue;
      const tables = w.workoutTypeValueId === 2 ? [POWER_PEAKS, HR_PEAKS] : [SPEED_PEAKS, HR_PEAKS];
      for (const table of tables) {
        const values = table.map(([t]) => p[t]).filter((v): v is number => v !== undefined);
        for (let i = 1; i < values.length; i++) expect(values[i]!).toBeLessThanOrEqual(values[i - 1]!);
      }
      for (const [t, seconds] of [...POWER_PEAKS, ...HR_PEAKS]) {
        if (seconds > w.totalTime! * 3600 + 1) expect(p[t]).toBeUndefined();
      }
      for (const [t, metres] of SPEED_PEAKS) expect(p[t] !== undefined).toBe(metres <= w.distance! + 1e-6 && w.workoutTypeValueId === 3);
      expect(p.hR5sec!).toBeLessThanOrEqual(w.heartRateMaximum!);
      if (w.workoutTypeValueId === 2) {
        expect(p.power5sec!).toBeLessThanOrEqual(w.powerMaximum!);
        expect(p.power5sec!).toBeGreaterThan(w.normalizedPowerActual!);
        // The best 20 minutes of a 20-minute-plus ride are at least its average power.
        if (w.totalTime! >= 1 / 3) expect(p.power20min!).toBeGreaterThanOrEqual(w.powerAverage! - 1);
        if (w.if! >= 0.85 && w.totalTime! <= 1.5) expect(p.power20min!).toBeGreaterThanOrEqual(0.9 * w.normalizedPowerActual!);
      }
    }
  });

  it("give plausible run speeds (5K between 3.3 and 5 m/s among the best)", async () => {
    const fives = await ranked("Run", "speed5K", "2025-11-20", TODAY);
    expect(fives.length).toBeGreaterThan(3);
    for (const r of fives) {
      expect(r.value).toBeGreaterThan(3.3);
      expect(r.value).toBeLessThan(5);
    }
    const marathon = await ranked("Run", "speedMarathon", athlete.firstDay, TODAY);
    expect(marathon).toEqual([]); // no run that long
  });
});

describe("ranked peaks", () => {
  it("rank the best 20-min power of the last 365 days from a real ride in the range", async () => {
    const start = fromDay(toDay(TODAY) - 365);
    const list = await ranked("Bike", "power20min", start, TODAY);
    expect(list.length).toBe(10);
    list.forEach((r, i) => {
      expect(r).toMatchObject({ athleteId: 1000001, workoutTypeId: 2, class: "Power", type: "power20min", timeFrame: { name: "All Time" }, invalid: false, rank: i + 1, eventName: null });
      if (i > 0) expect(r.value).toBeLessThanOrEqual(list[i - 1]!.value);
    });
    const best = list[0]!;
    const w = byId.get(best.workoutId)!;
    expect(w.workoutTypeValueId).toBe(2);
    expect(w.totalTime).not.toBeNull();
    expect(toDay(w.workoutDay)).toBeGreaterThanOrEqual(toDay(start));
    expect(toDay(w.workoutDay)).toBeLessThanOrEqual(toDay(TODAY));
    expect(best.workoutDate).toBe(w.workoutDay);
    expect(best.workoutTitle).toBe(w.title);
    expect(athlete.peaks[w.workoutId]!.power20min).toBe(best.value);
    // Nothing in the range beats it.
    for (const other of athlete.workouts) {
      const day = toDay(other.workoutDay);
      if (day < toDay(start) || day > toDay(TODAY)) continue;
      expect(athlete.peaks[other.workoutId]?.power20min ?? 0).toBeLessThanOrEqual(best.value);
    }
  });

  it.each([
    ["Bike", "power5sec", 500, 1200],
    ["Bike", "power60min", 180, 265],
    ["Bike", "hR5min", 150, 188],
    ["Run", "speed400Meter", 4, 6],
    ["Run", "speedHalfMarathon", 3.3, 4.2],
    ["Run", "hR20min", 150, 188],
  ] as const)("%s %s: the year's best lies in a plausible range", async (sport, prType, lo, hi) => {
    const [best] = await ranked(sport, prType, fromDay(toDay(TODAY) - 365), TODAY);
    expect(best!.value).toBeGreaterThanOrEqual(lo);
    expect(best!.value).toBeLessThanOrEqual(hi);
    expect(best!.class).toBe(prType.startsWith("power") ? "Power" : prType.startsWith("hR") ? "HeartRate" : "Speed");
  });

  it("respect the date range", async () => {
    const list = await ranked("Run", "speed1K", "2026-10-01", "2026-10-31");
    expect(list.length).toBeGreaterThan(0);
    for (const r of list) expect(r.workoutDate >= "2026-10-01" && r.workoutDate < "2026-11-01").toBe(true);
  });
});

describe("workout PRs", () => {
  it("agree with each workout's personalRecordCount", async () => {
    const withPrs = athlete.workouts.filter((w) => w.personalRecordCount > 0);
    expect(withPrs.length).toBeGreaterThan(50);
    for (const w of [...withPrs.slice(0, 20), ...withPrs.slice(-20), athlete.workouts.find((x) => x.workoutTypeValueId === 1 && x.totalTime !== null)!]) {
      const answer = await get<{ calcsPending: boolean; workoutId: number; personalRecordCount: number; personalRecords: PersonalRecord[] }>(
        `/personalrecord/v2/athletes/1000001/workouts/${w.workoutId}?displayPeaksForBasic=true`,
      );
      expect(answer.workoutId).toBe(w.workoutId);
      expect(answer.personalRecordCount).toBe(w.personalRecordCount);
      expect(answer.personalRecords).toHaveLength(w.personalRecordCount);
      for (const r of answer.personalRecords) {
        expect(r.workoutId).toBe(w.workoutId);
        expect(r.rank).toBeGreaterThanOrEqual(1);
        expect(r.rank).toBeLessThanOrEqual(3);
        expect(["All Time", "Year"]).toContain(r.timeFrame.name);
        expect(r.value).toBe(athlete.peaks[w.workoutId]![r.type as keyof Peaks]);
      }
    }
  });

  it("follow the rule: top 3 of all earlier workouts, or of the 365 days before", () => {
    const bikes = athlete.workouts.filter((w) => athlete.peaks[w.workoutId]?.power5min !== undefined);
    for (const w of bikes.slice(-60)) {
      const value = athlete.peaks[w.workoutId]!.power5min!;
      const earlier = bikes.filter((o) => o.workoutId < w.workoutId);
      const rankAll = 1 + earlier.filter((o) => athlete.peaks[o.workoutId]!.power5min! > value).length;
      const inYear = earlier.filter((o) => toDay(o.workoutDay) > toDay(w.workoutDay) - 365);
      const rankYear = 1 + inYear.filter((o) => athlete.peaks[o.workoutId]!.power5min! > value).length;
      const records = athlete.workoutPrs[w.workoutId]?.personalRecords.filter((r) => r.type === "power5min") ?? [];
      expect(records.find((r) => r.timeFrame.name === "All Time")?.rank).toBe(rankAll <= 3 ? rankAll : undefined);
      expect(records.find((r) => r.timeFrame.name === "Year")?.rank).toBe(rankYear <= 3 ? rankYear : undefined);
    }
  });

  it("report calcsPending for today's fresh workout, with no records yet", () => {
    const pending = Object.values(athlete.workoutPrs).filter((p) => p.calcsPending);
    expect(pending).toHaveLength(1);
    const w = byId.get(pending[0]!.workoutId)!;
    expect(w.workoutDay).toBe(`${TODAY}T00:00:00`);
    expect(pending[0]).toMatchObject({ personalRecordCount: 0, personalRecords: [] });
    expect(w.personalRecordCount).toBe(0);
  });

  // The demo tour asks for "the PRs of my last long ride / long run": there must be some,
  // whatever the weekday the demo runs on.
  it.each([0, 1, 2, 3, 4, 5, 6])("the latest long ride and long run set PRs (today = 2026-11-16 + %i)", (offset) => {
    const a = offset === 4 ? athlete : createDemoAthlete({ today: fromDay(toDay("2026-11-16") + offset) });
    const done = a.workouts.filter((w) => w.totalTime !== null);
    const ride = done.filter((w) => w.workoutTypeValueId === 2 && /^(Long ride|Race simulation)/.test(w.title ?? "")).at(-1)!;
    const run = done.filter((w) => w.workoutTypeValueId === 3 && /^Long run/.test(w.title ?? "")).at(-1)!;
    expect(toDay(a.today) - toDay(ride.workoutDay)).toBeLessThan(7);
    expect(toDay(a.today) - toDay(run.workoutDay)).toBeLessThan(7);
    expect(ride.personalRecordCount).toBeGreaterThan(0);
    expect(run.personalRecordCount).toBeGreaterThan(0);
  });

  it("list the PR types per sport as the API names them", () => {
    expect(PR_TYPES.Bike).toEqual([...POWER_PEAKS, ...HR_PEAKS].map(([t]) => t));
    expect(PR_TYPES.Run).toEqual([...SPEED_PEAKS, ...HR_PEAKS].map(([t]) => t));
    expect(PR_TYPES.Run).toContain("speedHalfMarathon");
    expect(PR_TYPES.Bike).toContain("hR90min");
  });
});
