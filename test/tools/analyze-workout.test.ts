import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { createTrainingPeaksClient } from "../../src/client/client.js";
import { createDemoAthlete } from "../../src/demo/athlete.js";
import type { components } from "../../src/generated/api.js";
import type { ToolOutput } from "../../src/generated/tools.js";
import { answerText, EXAMPLE_ATHLETE } from "../support/mcp.js";
import { exampleValue } from "../support/spec-mocks.js";
import { setupToolCalls, TOOL_TEST_TODAY } from "../support/tool-calls.js";

const tools = setupToolCalls();
type Answer = ToolOutput<"tp_analyze_workout">;
type Schemas = components["schemas"];
const ID = 3300000123;

async function analyse(args: Record<string, unknown> = {}) {
  const result = await tools.call("tp_analyze_workout", { workout_id: ID, ...args });
  return { result, answer: result.structuredContent as Answer, text: answerText(result) };
}
const json = (body: unknown) => () => HttpResponse.json(body as never);
const notFound = () => HttpResponse.json({ message: "Not found." }, { status: 404 });
const round2 = (value: number) => Math.round(value * 100) / 100;
const sumOf = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const zoneSeconds = (times: NonNullable<Answer["zones"]>["power"]) => sumOf(times!.zones.map((z) => z.seconds));
const zonePct = (times: NonNullable<Answer["zones"]>["power"]) => sumOf(times!.zones.map((z) => z.pct));

/** The spec's completed ride, with other numbers. */
const workoutWith = (changes: Record<string, unknown>) => json({ ...(exampleValue("getWorkout") as object), ...changes });

/**
 * A steady two-hour ride sampled every second at 200 W, its heart rate drifting from 140 to 147
 * bpm in the second hour (5 % less power per beat), cut into 20 laps of six minutes.
 */
function steadyRide(seconds = 7200, laps = 20): { charts: Schemas["AnalysisCharts"]; laps: Schemas["AnalysisLaps"] } {
  const data = Array.from({ length: seconds }, (_, t) => ({
    time: t,
    Power: t % 2 === 0 ? 195 : 205,
    HeartRate: t < seconds / 2 ? 140 : 147,
    Cadence: 90,
    Speed: 8.5,
    Distance: 8.5 * t,
  }));
  const length = seconds / laps;
  return {
    charts: {
      metadata: {
        Power: { unit: "W", zones: null },
        // Seven speed zones with long names: the biggest answer a ride gives.
        Speed: { unit: "m/s", zones: Array.from({ length: 7 }, (_, i) => ({ label: `Zone ${i + 1}: Speed band number ${i + 1}`, min: 1.5 * i, max: 1.5 * (i + 1) })) },
      },
      data,
    },
    laps: {
      columnMetadata: {},
      data: Array.from({ length: laps }, (_, i) => ({
        Name: `Lap ${i + 1}`,
        startOffsetSeconds: i * (length + 15),
        TotalElapsedTime: length + 15,
        TotalTimerTime: length + 15,
        TotalMovingTime: length,
        TotalDistance: 8.5 * length,
        AveragePower: 200,
        MaximumPower: 205,
        NormalizedPower: 200,
        AverageHeartRate: i < laps / 2 ? 140 : 147,
        MaximumHeartRate: i < laps / 2 ? 141 : 148,
        AverageCadence: 90,
        AverageSpeed: 8.5,
        Intensity: "Active",
      })),
    },
  };
}

describe("tp_analyze_workout on the spec's examples", () => {
  it("answers the laps, and the time in the athlete's zones from the samples", async () => {
    const { result, answer, text } = await analyse();
    expect(result.isError).toBeFalsy();
    expect(answer).toMatchObject({ workout_id: ID, date: "2026-09-13", sport: "Bike", title: "Threshold 3x20", status: "analysed", moving_time_s: 10 });
    expect(answer.laps).toEqual([
      { name: "Lap 1", start_s: 0, duration_s: 1200, elapsed_s: 1260, distance_m: 9850, avg_power_w: 188, max_power_w: 402, np_w: 196, avg_hr_bpm: 128, max_hr_bpm: 141, avg_cadence_rpm: 87, avg_speed_mps: 8.21, intensity: "Warmup" },
      { name: "Lap 2", start_s: 1260, duration_s: 1200, distance_m: 10840, avg_power_w: 252, max_power_w: 301, np_w: 254, avg_hr_bpm: 158, max_hr_bpm: 167, avg_cadence_rpm: 92, avg_speed_mps: 9.03, intensity: "Active" },
    ]);
    // Powers 180 196 205 221 243 262 312 0 150 171 W against the settings' zones (FTP 262 W).
    expect(answer.zones?.power).toMatchObject({ source: "settings", threshold: 262 });
    expect(answer.zones?.power?.zones.map((z) => [z.label, z.seconds, z.pct])).toEqual([
      ["Recovery", 1, 10],
      ["Endurance", 4, 40],
      ["Tempo", 2, 20],
      ["Threshold", 2, 20],
      ["VO2 Max", 1, 10],
      ["Anaerobic", 0, 0],
    ]);
    // 138 | 139 bpm: a value between two whole-number zones counts in the lower one.
    expect(answer.zones?.heart_rate?.zones.map((z) => z.seconds)).toEqual([3, 7, 0, 0, 0]);
    // Run speed zones say nothing of a ride, and the recording attached none to its speed.
    expect(answer.zones).not.toHaveProperty("speed");
    expect(answer.decoupling_skipped).toBe("shorter than 30 minutes");
    expect(answer).not.toHaveProperty("series");
    expect(text).toContain("2 laps:");
    expect(text).toContain("Power zones (the athlete's settings): Recovery 0:01 (10%), Endurance 0:04 (40%)");
    for (const operation of ["analyzeWorkoutCharts", "analyzeWorkoutLaps"]) {
      expect(tools.sent(operation).map((r) => [r.method, r.url.origin, r.body])).toEqual([["POST", "https://peakswaresb.test", { workoutId: ID }]]);
    }
  });

  it("falls back on the zones attached to the recording when the settings cannot be read", async () => {
    await tools.start({ overrides: { getAthleteSettings: notFound } });
    const { answer } = await analyse();
    expect(answer.zones?.power).toMatchObject({ source: "analysis" });
    expect(answer.zones?.power).not.toHaveProperty("threshold");
    expect(answer.zones?.power?.zones.map((z) => [z.label, z.seconds])).toEqual([
      ["Recovery", 1],
      ["Endurance", 4],
      ["Tempo", 2],
      ["Threshold", 2],
      ["VO2 Max", 1],
    ]);
    expect(answer.zones?.heart_rate?.zones.map((z) => z.label)).toEqual(["Zone 1", "Zone 2", "Zone 3"]);
  });

  it("answers plainly that a workout without a file has nothing to analyse: an answer, not an error", async () => {
    await tools.start({ overrides: { analyzeWorkoutCharts: notFound, analyzeWorkoutLaps: notFound } });
    const { result, answer, text } = await analyse({ include_series: true });
    expect(result.isError).toBeFalsy();
    expect(answer).toEqual({
      athlete: EXAMPLE_ATHLETE,
      workout_id: ID,
      date: "2026-09-13",
      sport: "Bike",
      title: "Threshold 3x20",
      status: "nothing_to_analyse",
      note: expect.stringContaining("no device file"),
    });
    expect(text).toMatch(/^2026-09-13 #3300000123 Bike "Threshold 3x20": nothing to analyse\./);
  });

  it("keeps the laps when only the samples are missing", async () => {
    await tools.start({ overrides: { analyzeWorkoutCharts: notFound } });
    const { answer } = await analyse({ include_series: true });
    expect(answer).toMatchObject({ status: "analysed", note: expect.stringContaining("laps only") });
    expect(answer.laps).toHaveLength(2);
    expect(answer).not.toHaveProperty("zones");
    expect(answer).not.toHaveProperty("series");
  });

  it("reads lap times in milliseconds when they add up to far more than the workout (1.5 h)", async () => {
    const laps = { data: [{ TotalElapsedTime: 2_700_000, TotalMovingTime: 2_690_000 }, { startOffsetSeconds: 2700, TotalElapsedTime: 2_712_000 }] };
    await tools.start({ overrides: { analyzeWorkoutLaps: json(laps) } });
    const { answer } = await analyse();
    expect(answer.laps).toEqual([
      { name: "Lap 1", start_s: 0, duration_s: 2690, elapsed_s: 2700 },
      { name: "Lap 2", start_s: 2700, duration_s: 2712 },
    ]);
  });

  it("lists at most 50 laps, and says how many there were", async () => {
    const lap = (exampleValue("analyzeWorkoutLaps") as Schemas["AnalysisLaps"]).data![1]!;
    const many = Array.from({ length: 80 }, (_, i) => ({ ...lap, Name: `Lap ${i + 1}`, startOffsetSeconds: i * 1200 }));
    await tools.start({ overrides: { analyzeWorkoutLaps: json({ data: many }) } });
    const { answer } = await analyse();
    expect(answer.laps).toHaveLength(50);
    expect(answer.laps!.at(-1)).toMatchObject({ name: "Lap 50", start_s: 49 * 1200 });
    expect(answer.note).toBe("The first 50 of 80 laps.");
  });

  it("is an error when the workout itself does not exist", async () => {
    await tools.start({ overrides: { getWorkout: notFound } });
    const { result, text } = await analyse();
    expect(result.isError).toBe(true);
    expect(text).toMatch(/no such item/i);
  });

  it("reads milliseconds, km/h, km, numeric strings and h:mm:ss as the units they are", async () => {
    const charts = {
      metadata: { Speed: { unit: "km/h", zones: [{ label: 1, min: 0, max: 30 }, { label: 2, min: 30, max: 80 }] } },
      data: Array.from({ length: 60 }, (_, i) => ({ time: i * 1000, Speed: i < 20 ? 36 : 18, HeartRate: 150 })),
    };
    const laps = {
      columnMetadata: { TotalDistance: { unit: "km" }, AverageSpeed: { unit: "km/h" } },
      data: [{ Name: "Lap 1", TotalElapsedTime: "0:01:00", TotalDistance: "0.4", AverageSpeed: "24", AveragePower: "210" }],
    };
    await tools.start({ overrides: { analyzeWorkoutCharts: json(charts), analyzeWorkoutLaps: json(laps), getAthleteSettings: notFound } });
    const { answer } = await analyse();
    expect(answer.moving_time_s).toBe(60);
    expect(answer.laps).toEqual([{ name: "Lap 1", start_s: 0, duration_s: 60, distance_m: 400, avg_power_w: 210, avg_speed_mps: 6.67 }]);
    // 36 km/h = 10 m/s for 20 s, 18 km/h = 5 m/s for 40 s; the zones' ends in m/s too.
    expect(answer.zones?.speed?.zones).toEqual([
      { label: "1", min: 0, max: 8.33, seconds: 40, pct: 66.7 },
      { label: "2", min: 8.33, max: 22.22, seconds: 20, pct: 33.3 },
    ]);
  });
});

describe("tp_analyze_workout on a two-hour ride with 20 laps", () => {
  const ride = steadyRide();

  it("answers within 8 KB without the series, with Pw:HR decoupling and the efficiency factor", async () => {
    await tools.start({ overrides: { analyzeWorkoutCharts: json(ride.charts), analyzeWorkoutLaps: json(ride.laps), getWorkout: workoutWith({ if: 0.72, totalTime: 2 }) } });
    const { answer } = await analyse();
    expect(JSON.stringify(answer).length).toBeLessThan(8 * 1024);
    expect(answer.laps).toHaveLength(20);
    expect(answer.moving_time_s).toBe(7200);
    expect(zoneSeconds(answer.zones?.power)).toBe(7200);
    expect(zoneSeconds(answer.zones?.heart_rate)).toBe(7200);
    expect(answer.zones?.speed?.zones.map((z) => z.seconds)).toEqual([0, 0, 0, 0, 0, 7200, 0]);
    expect(answer.laps![19]).toMatchObject({ start_s: 19 * 375, duration_s: 360, elapsed_s: 375 });
    // NP (200 W) per beat: 200/140 in the first hour, 200/147 in the second, 5 % less.
    expect(answer.decoupling).toEqual({ kind: "Pw:HR", pct: 4.8, first_half_ef: 1.43, second_half_ef: 1.36 });
    expect(answer.efficiency_factor).toBe(round2(200 / 143.5));
  });

  it("judges a steady run by its pace (Pa:HR), with the pace of each lap", async () => {
    const run = { ...ride.charts, data: ride.charts.data!.map(({ Power: _power, ...s }) => ({ ...s, Speed: 3.5 })) };
    const laps = { ...ride.laps, data: ride.laps.data!.map((l) => ({ ...l, AverageSpeed: 3.5, AveragePower: null })) };
    await tools.start({ overrides: { analyzeWorkoutCharts: json(run), analyzeWorkoutLaps: json(laps), getWorkout: workoutWith({ workoutTypeValueId: 3, if: 0.75 }) } });
    const { answer } = await analyse();
    expect(answer.decoupling).toEqual({ kind: "Pa:HR", pct: 4.8, first_half_ef: 1.5, second_half_ef: 1.43 });
    expect(answer.efficiency_factor).toBe(round2((3.5 * 60) / 143.5));
    expect(answer.laps![0]).toMatchObject({ avg_speed_mps: 3.5, avg_pace: "4:46/km", avg_cadence_strides_per_min: 90 });
    expect(answer.laps![0]).not.toHaveProperty("avg_power_w");
  });

  it("skips decoupling for a ride that is not aerobic or not steady, and says why", async () => {
    await tools.start({ overrides: { analyzeWorkoutCharts: json(ride.charts), analyzeWorkoutLaps: json(ride.laps) } });
    expect((await analyse()).answer.decoupling_skipped).toBe("not aerobic (IF 0.89)");

    const surging = { ...ride.charts, data: ride.charts.data!.map((s, t) => ({ ...s, Power: t % 60 < 15 ? 500 : 120 })) };
    await tools.start({ overrides: { analyzeWorkoutCharts: json(surging), analyzeWorkoutLaps: json(ride.laps), getWorkout: workoutWith({ if: 0.7 }) } });
    expect((await analyse()).answer.decoupling_skipped).toMatch(/^not steady \(variability index 1\.\d+\)$/);
  });

  it.each([
    ["the finest resolution that fits 300 points", 1, 24, 300],
    ["a coarser resolution as asked", 60, 60, 120],
    ["the default", undefined, 24, 300],
  ])("adds a series at %s", async (_title, resolution, interval, points) => {
    await tools.start({ overrides: { analyzeWorkoutCharts: json(ride.charts), analyzeWorkoutLaps: json(ride.laps) } });
    const { answer, text } = await analyse({ include_series: true, ...(resolution ? { resolution_s: resolution } : {}) });
    const series = answer.series!;
    expect(series.interval_s).toBe(interval);
    expect(series.time_s).toHaveLength(points);
    expect(series.time_s.slice(0, 3)).toEqual([0, interval, 2 * interval]);
    for (const values of [series.power_w, series.hr_bpm, series.cadence, series.speed_mps]) expect(values).toHaveLength(points);
    expect(series.power_w!.every((w) => w === 200)).toBe(true);
    expect(series.hr_bpm![0]).toBe(140);
    expect(series.hr_bpm!.at(-1)).toBe(147);
    expect(text).toContain(`Series every ${interval} s (${points} points)`);
  });
});

describe("tp_analyze_workout on the demo athlete", () => {
  const athlete = createDemoAthlete({ today: TOOL_TEST_TODAY });
  const demo = () => tools.start({}, { client: createTrainingPeaksClient({ demo: true, today: TOOL_TEST_TODAY }) });
  const done = athlete.workouts.filter((w) => w.totalTime !== null && w.workoutDay < TOOL_TEST_TODAY);
  const ride = done.filter((w) => w.workoutTypeValueId === 2 && w.totalTime! >= 1.5).at(-1)!;
  const run = done.filter((w) => w.workoutTypeValueId === 3 && w.totalTime! >= 0.75).at(-1)!;
  const planned = athlete.workouts.find((w) => w.totalTime === null && w.workoutDay > TOOL_TEST_TODAY && w.workoutTypeValueId !== 7)!;

  it.each([
    ["a ride", ride, ["power", "heart_rate"]],
    ["a run", run, ["heart_rate", "speed"]],
  ] as const)("analyses %s: laps and zones add up to its moving time, in under 8 KB", async (_title, workout, channels) => {
    await demo();
    const { result, answer } = await analyse({ workout_id: workout.workoutId });
    expect(result.isError).toBeFalsy();
    const moving = workout.totalTime! * 3600;
    expect(answer).toMatchObject({ workout_id: workout.workoutId, status: "analysed" });
    expect(Math.abs(answer.moving_time_s! - moving)).toBeLessThanOrEqual(moving * 0.01);
    expect(Math.abs(sumOf(answer.laps!.map((l) => l.duration_s!)) - moving)).toBeLessThanOrEqual(moving * 0.01);
    expect(Object.keys(answer.zones!).sort()).toEqual([...channels].sort());
    for (const channel of channels) {
      const times = answer.zones![channel]!;
      expect(times.source).toBe("settings");
      expect(Math.abs(zoneSeconds(times) - moving)).toBeLessThanOrEqual(moving * 0.01);
      expect(zonePct(times)).toBeCloseTo(100, 0);
    }
    expect(answer.efficiency_factor).toBeGreaterThan(0);
    expect(answer.decoupling ?? answer.decoupling_skipped).toBeDefined();
    expect(JSON.stringify(answer).length).toBeLessThan(8 * 1024);
  });

  it("keeps the series within 300 points, never the per-second stream", async () => {
    await demo();
    const { answer } = await analyse({ workout_id: ride.workoutId, include_series: true, resolution_s: 1 });
    const series = answer.series!;
    expect(series.time_s.length).toBeLessThanOrEqual(300);
    expect(series.time_s.length).toBeGreaterThan(200);
    expect(series.interval_s).toBeGreaterThanOrEqual(Math.ceil((ride.totalTime! * 3600) / 300));
    expect(series.power_w).toHaveLength(series.time_s.length);
  });

  it("has nothing to analyse in a planned workout", async () => {
    await demo();
    const { result, answer } = await analyse({ workout_id: planned.workoutId });
    expect(result.isError).toBeFalsy();
    expect(answer).toMatchObject({ workout_id: planned.workoutId, status: "nothing_to_analyse" });
  });
});
