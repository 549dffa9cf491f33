import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { addDays } from "../../src/core/dates.js";
import { answerText, EXAMPLE_ATHLETE } from "../support/mcp.js";
import { setupToolCalls, TOOL_TEST_TODAY } from "../support/tool-calls.js";

const tools = setupToolCalls();
const TODAY = TOOL_TEST_TODAY;

type Reading = [type: number, label: string, value: unknown];
interface Entry {
  id: string;
  athleteId: number;
  timeStamp: string;
  details: Array<{ type: number; label: string; value: unknown; time: string; uploadClient: string }>;
}

function entry(date: string, readings: Reading[], time = "07:00:00"): Entry {
  const stamp = `${date}T${time}`;
  return { id: stamp, athleteId: 2400117, timeStamp: stamp, details: readings.map(([type, label, value]) => ({ type, label, value, time: stamp, uploadClient: "Garmin Connect" })) };
}

/** Every morning from `first` to `last`, except `skip`; HRV alternates 58 and 62 (mean 60, SD about 2). */
function mornings(first: string, last: string, skip: string[] = []): Entry[] {
  const out: Entry[] = [];
  for (let date = first, i = 0; date <= last; date = addDays(date, 1), i++) {
    if (!skip.includes(date)) out.push(entry(date, [[5, "Pulse", 48], [60, "HRV", i % 2 ? 62 : 58]]));
  }
  return out;
}

function start(entries: Entry[]) {
  return tools.start({
    overrides: {
      getMetrics: ({ params }) =>
        HttpResponse.json(entries.filter((e) => e.timeStamp.slice(0, 10) >= String(params.startDate) && e.timeStamp.slice(0, 10) <= String(params.endDate)) as never),
    },
  });
}

interface Answer {
  start_date: string;
  end_date: string;
  last_entry_date?: string;
  days_since_last_entry?: number;
  metrics: Array<Record<string, unknown> & { key: string; type_id: number }>;
  days: Array<Record<string, unknown> & { date: string }>;
}

async function call(args: Record<string, unknown>) {
  const result = await tools.call("tp_get_wellness", args);
  return { result, answer: result.structuredContent as unknown as Answer, text: answerText(result) };
}

const metricPaths = () => tools.recorded.filter((r) => r.operationId === "getMetrics").map((r) => r.url.pathname.split("/").slice(-2).join(".."));
const metric = (answer: Answer, typeId: number) => answer.metrics.find((m) => m.type_id === typeId);


describe("tp_get_wellness", () => {
  it("answers the 28 days ending today, with the baseline read from the 28 days before the latest", async () => {
    await start([...mornings("2026-09-20", "2026-11-24"), entry(TODAY, [[5, "Pulse", 48], [60, "HRV", 45]])]);
    const { answer, text } = await call({});
    expect(metricPaths()).toEqual(["2026-10-01..2026-11-25"]);
    expect(answer).toMatchObject({ start_date: "2026-10-29", end_date: TODAY, last_entry_date: TODAY, days_since_last_entry: 0 });
    expect(answer.days.map((d) => d.date)).toEqual(Array.from({ length: 28 }, (_, i) => addDays("2026-10-29", i)));
    expect(answer.days.at(-1)).toEqual({ date: TODAY, resting_hr_bpm: 48, hrv_ms: 45 });
    expect(metric(answer, 60)).toEqual({
      key: "hrv_ms",
      type_id: 60,
      label: "HRV",
      unit: "ms",
      days_with_entry: 28,
      latest_date: TODAY,
      latest: 45,
      days_since_latest: 0,
      mean_7d: 57.9,
      baseline_28d: { mean: 60, sd: 2, low: 58, high: 62, days: 28 },
      vs_baseline: "below",
    });
    expect(metric(answer, 5)).toMatchObject({ key: "resting_hr_bpm", unit: "bpm", latest: 48, vs_baseline: "within" });
    expect(text).toContain("HRV: 45 ms on 2026-11-25 (today), 7-day mean 57.9; 28-day baseline 60 ± 2 (58–62): below.");
    // The labels are in the header once, not on every day.
    expect(text).toContain("date resting_hr_bpm hrv_ms\n2026-10-29 48 62");
    expect(text.match(/HRV/g)).toHaveLength(1);
  });

  it("fetches the baseline's 28 days before a short range, and only answers the days asked", async () => {
    await start(mornings("2026-10-01", "2026-11-25"));
    const { answer } = await call({ start_date: "2026-11-20", end_date: "2026-11-22" });
    expect(metricPaths()).toEqual(["2026-10-23..2026-11-22"]);
    expect(answer.days.map((d) => d.date)).toEqual(["2026-11-20", "2026-11-21", "2026-11-22"]);
    expect(metric(answer, 60)).toMatchObject({ latest_date: "2026-11-22", days_with_entry: 3, baseline_28d: { days: 28 }, days_since_latest: 0 });
  });

  it("splits a 90-day range and its baseline into requests of at most 90 days, sent together", async () => {
    await start(mornings("2026-06-01", "2026-11-25"));
    const { answer } = await call({ start_date: "2026-08-28", end_date: TODAY });
    expect(metricPaths().sort()).toEqual(["2026-07-31..2026-10-28", "2026-10-29..2026-11-25"]);
    expect(answer.days).toHaveLength(90);
    expect(answer.days[0]!.date).toBe("2026-08-28");
  });

  it("leaves days without an entry out rather than zero, and counts the days since the latest", async () => {
    const gaps = ["2026-11-10", "2026-11-11", "2026-11-23", "2026-11-24", TODAY];
    await start(mornings("2026-10-01", TODAY, gaps));
    const { answer, text } = await call({});
    const dates = answer.days.map((d) => d.date);
    for (const gap of gaps) expect(dates).not.toContain(gap);
    expect(answer.days).toHaveLength(28 - gaps.length);
    expect(answer.days.every((d) => d.hrv_ms === 58 || d.hrv_ms === 62)).toBe(true);
    expect(answer).toMatchObject({ last_entry_date: "2026-11-22", days_since_last_entry: 3 });
    expect(metric(answer, 60)).toMatchObject({ latest_date: "2026-11-22", days_since_latest: 3 });
    expect(text).toContain("23 days with entries, the last on 2026-11-22 (3 days ago).");
  });

  it("counts back from end_date for a range in the past", async () => {
    await start(mornings("2026-09-01", "2026-10-28"));
    const { answer, text } = await call({ start_date: "2026-10-01", end_date: "2026-10-31" });
    expect(metric(answer, 60)).toMatchObject({ latest_date: "2026-10-28", days_since_latest: 3 });
    expect(text).toContain("(3 days before 2026-10-31)");
  });

  it("passes an unknown type through with its label, and keeps a list value as sent", async () => {
    await start([
      ...mornings("2026-10-01", TODAY),
      entry("2026-11-24", [[77, "Stress Level", 31], [88, "Body Battery", [20, 85]]], "20:00:00"),
      entry(TODAY, [[77, "Stress Level", 44], [23, "Injury", 6]], "20:00:00"),
    ]);
    const { answer, text } = await call({});
    expect(metric(answer, 77)).toMatchObject({ key: "other", label: "Stress Level", latest: 44, days_with_entry: 2 });
    expect(metric(answer, 77)).not.toHaveProperty("unit");
    expect(metric(answer, 88)).toMatchObject({ key: "other", label: "Body Battery", latest: [20, 85], latest_date: "2026-11-24" });
    expect(metric(answer, 88)).not.toHaveProperty("mean_7d");
    expect(metric(answer, 23)).toMatchObject({ key: "injury", unit: "1–10", scale: expect.stringContaining("10 extremely healthy") });
    expect(answer.days.at(-2)).toMatchObject({ date: "2026-11-24", other: [{ type_id: 77, value: 31 }, { type_id: 88, value: [20, 85] }], entries: 2 });
    expect(answer.days.at(-1)).toMatchObject({ injury: 6, other: [{ type_id: 77, value: 44 }] });
    expect(text).toContain("Other types by id: 77 Stress Level, 88 Body Battery.");
    expect(text).toContain("date resting_hr_bpm injury hrv_ms\n");
    expect(text).toContain("2026-11-24 48 - 58 77=31 88=[20, 85] (2 entries)");
  });

  it("takes the latest reading of a day with several entries, whatever their order", async () => {
    await start([
      ...mornings("2026-10-01", "2026-11-24"),
      entry(TODAY, [[5, "Pulse", 44], [9, "Weight Kilograms", 70.2]], "21:00:00"),
      entry(TODAY, [[5, "Pulse", 52], [60, "HRV", 61], [9, "Weight Kilograms", 70.9]], "06:30:00"),
    ]);
    const { answer } = await call({});
    expect(answer.days.at(-1)).toEqual({ date: TODAY, resting_hr_bpm: 44, weight_kg: 70.2, hrv_ms: 61, entries: 2 });
    expect(metric(answer, 9)).toMatchObject({ key: "weight_kg", unit: "kg", latest: 70.2, days_with_entry: 1 });
    // One day of weight is no baseline: said, not invented.
    expect(metric(answer, 9)).not.toHaveProperty("baseline_28d");
  });

  it("flags a latest value above the band", async () => {
    await start([...mornings("2026-10-01", "2026-11-24"), entry(TODAY, [[5, "Pulse", 48], [60, "HRV", 70]])]);
    const { answer } = await call({});
    expect(metric(answer, 60)).toMatchObject({ latest: 70, vs_baseline: "above" });
  });

  it("answers an empty range plainly, naming the last entry before it", async () => {
    await start(mornings("2026-09-01", "2026-10-10"));
    const { result, answer, text } = await call({ start_date: "2026-10-20", end_date: "2026-11-05" });
    expect(result.isError).toBeFalsy();
    expect(answer).toMatchObject({ metrics: [], days: [], last_entry_date: "2026-10-10", days_since_last_entry: 26 });
    expect(text).toBe("TrainingPeaks has no wellness entries from 2026-10-20 to 2026-11-05. The last entry before it is from 2026-10-10.");
  });

  it("answers a range with no entries at all", async () => {
    await start([]);
    const { answer, text } = await call({});
    expect(answer).toEqual({ athlete: EXAMPLE_ATHLETE, start_date: "2026-10-29", end_date: TODAY, metrics: [], days: [] });
    expect(text).toBe("TrainingPeaks has no wellness entries from 2026-10-29 to 2026-11-25.");
  });

  it.each([
    ["start_date alone: 28 days from it", { start_date: "2026-10-01" }, "2026-10-01", "2026-10-28"],
    ["start_date alone near today: up to today", { start_date: "2026-11-20" }, "2026-11-20", TODAY],
    ["end_date alone: the 28 days before it", { end_date: "2026-11-10" }, "2026-10-14", "2026-11-10"],
  ])("%s", async (_title, args, first, last) => {
    await start([]);
    const { answer } = await call(args);
    expect([answer.start_date, answer.end_date]).toEqual([first, last]);
  });

  it.each([
    ["91 days", { start_date: "2026-08-27", end_date: TODAY }, /at most 90 days/],
    ["an end before its start", { start_date: "2026-11-02", end_date: "2026-11-01" }, /before start_date/],
    ["an impossible date", { start_date: "2026-02-30", end_date: "2026-03-01" }, /real calendar date/],
    ["a malformed date", { end_date: "25/11/2026" }, /YYYY-MM-DD/],
  ])("refuses %s before any request", async (_title, args, message) => {
    await start([]);
    const { result, text } = await call(args);
    expect(result.isError).toBe(true);
    expect(text).toMatch(message);
    expect(tools.recorded).toEqual([]);
  });
});
