import { describe, expect, it } from "vitest";
import type { components } from "../../src/generated/api.js";
import { downsample } from "../../src/tools/analysis-metrics.js";
import { channelMean, movingSeconds, normalizedPower, readRecording } from "../../src/tools/analysis-samples.js";

type Charts = components["schemas"]["AnalysisCharts"];
type Row = NonNullable<NonNullable<Charts["data"]>[number]>;

const charts = (data: Row[], metadata: Charts["metadata"] = {}): Charts => ({ metadata, data });
const read = (data: Row[], metadata?: Charts["metadata"]) => readRecording(charts(data, metadata))!;

describe("readRecording", () => {
  it("has no recording without a sample", () => {
    expect(readRecording(charts([]))).toBeUndefined();
    expect(readRecording({ metadata: null, data: null })).toBeUndefined();
  });

  it("keeps a missing value as missing: means skip it, a dropped power counts as 0 W in NP", () => {
    const rows = Array.from({ length: 60 }, (_, t) => ({ time: t, Power: t < 30 ? 300 : null, HeartRate: t % 2 === 0 ? 150 : null }));
    const recording = read(rows);
    expect(Number.isNaN(recording.channels.hr![1]!)).toBe(true);
    expect(channelMean(recording, "hr")).toBe(150);
    expect(channelMean(recording, "power")).toBe(300);
    // 30 s at 300 W then 30 s at 0: the 30-s rolling averages fall from 300 to 0 in 30 steps.
    const rolling = Array.from({ length: 31 }, (_, k) => (300 * (30 - k)) / 30);
    const expected = (rolling.reduce((sum, p) => sum + p ** 4, 0) / rolling.length) ** 0.25;
    expect(normalizedPower(recording)).toBeCloseTo(expected, 9);
    expect(recording.channels.cadence).toBeUndefined();
  });

  it("counts a pause as one ordinary step, and only moving samples as moving time", () => {
    // 1-s samples, a 10-minute stop between the 5th and the 6th, the last two at a standstill.
    const times = [0, 1, 2, 3, 4, 604, 605, 606, 607, 608];
    const rows = times.map((time, i) => ({ time, Speed: i >= 8 ? 0 : 5 }));
    const recording = read(rows);
    expect([...recording.weight]).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect([...recording.moving]).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 0, 0]);
    expect(movingSeconds(recording)).toBe(8);
  });

  it("reads times in milliseconds, and speeds in km/h and min/km, as the units they are", () => {
    const kmh = read([0, 1000, 2000].map((time) => ({ time, Speed: 36 })), { Speed: { unit: "km/h" } });
    expect([...kmh.time]).toEqual([0, 1, 2]);
    expect([...kmh.channels.speed!]).toEqual([10, 10, 10]);
    const pace = read([0, 1, 2].map((time) => ({ time, Speed: time === 2 ? 0 : 5 })), { Speed: { unit: "min/km" } });
    expect([...pace.channels.speed!].map((v) => Math.round(v * 1000) / 1000)).toEqual([3.333, 3.333, 0]);
  });

  it("numbers the samples that have no time", () => {
    expect([...read([{ Power: 100 }, { Power: 110 }, { Power: 120 }]).time]).toEqual([0, 1, 2]);
  });
});

describe("downsample", () => {
  it("averages each bucket by time, repeats the value before where a channel has none, and skips empty buckets", () => {
    const rows = Array.from({ length: 20 }, (_, t) => ({
      // A gap from 10 s to 15 s: the bucket [10, 15) has no sample.
      time: t < 10 ? t : t + 5,
      Power: t < 5 ? 100 : 200,
      HeartRate: t >= 5 && t < 10 ? null : 140 + t,
    }));
    const series = downsample(read(rows), 5);
    expect(series.interval_s).toBe(5);
    expect(series.time_s).toEqual([0, 5, 15, 20]);
    expect(series.power_w).toEqual([100, 200, 200, 200]);
    // The second bucket has no heart rate: it repeats the first's mean (140..144 → 142).
    expect(series.hr_bpm).toEqual([142, 142, 152, 157]);
  });

  it("widens the buckets so that no more than 300 points come out", () => {
    const rows = Array.from({ length: 3600 }, (_, t) => ({ time: t, Power: 200 }));
    const series = downsample(read(rows), 1);
    expect(series.interval_s).toBe(12);
    expect(series.time_s).toHaveLength(300);
  });

  it("puts a sample timed before the first in the first bucket", () => {
    const series = downsample(read([{ time: 10, Power: 100 }, { time: 5, Power: 300 }, { time: 11, Power: 100 }]), 5);
    expect(series.time_s[0]).toBe(0);
    expect(series.power_w?.[0]).toBeGreaterThan(100);
  });
});
