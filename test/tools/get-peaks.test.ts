/** tp_get_peaks' windows, limit and comparison with an earlier window, over MCP on fixtures. */
import { HttpResponse } from "msw";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { toolDefinitions } from "../../src/generated/tools.js";
import { connectInMemory, textOf } from "../support/mcp.js";
import { setupSpecServer } from "../support/spec-mocks.js";
import { testClient } from "../support/test-client.js";

const mock = setupSpecServer();
const TODAY = "2026-11-25";
let session: Awaited<ReturnType<typeof connectInMemory>>;
let recorded: ReturnType<typeof mock.use>["recorded"];

/** A record as the API ranks it (value in W, bpm or m/s). */
function record(rank: number, value: number, date: string, title = `Ride ${rank}`, type = "power20min") {
  return { id: 7100 + rank, athleteId: 2400117, workoutId: 3300000000 + rank, workoutDate: `${date}T00:00:00`, workoutTypeId: 2, workoutTitle: title, class: "Power", type, timeFrame: "All Time", value, invalid: false, rank, eventName: null };
}

/** Answers each window by its start date, so the test knows which request got which list. */
async function start(byStartDate: Record<string, unknown[]>) {
  await session?.close();
  recorded = mock.use({
    overrides: {
      getAthletePeaks: ({ request }) => HttpResponse.json((byStartDate[new URL(request.url).searchParams.get("startDate")!.slice(0, 10)] ?? []) as never),
    },
  }).recorded;
  session = await connectInMemory({ client: testClient(), today: TODAY });
}

async function call(args: Record<string, unknown>) {
  const result = await session.client.callTool({ name: "tp_get_peaks", arguments: args });
  if (!result.isError) toolDefinitions.tp_get_peaks.outputSchema.parse(result.structuredContent);
  return result;
}

const windows = () => recorded.filter((r) => r.operationId === "getAthletePeaks").map((r) => `${r.url.searchParams.get("startDate")!.slice(0, 10)}..${r.url.searchParams.get("endDate")!.slice(0, 10)}`);

beforeEach(() => start({}));
afterEach(() => session.close());

describe("tp_get_peaks windows", () => {
  it("takes start_date and end_date instead of days", async () => {
    await start({ "2026-01-01": [record(1, 270, "2026-03-02")] });
    const result = await call({ sport: "Bike", pr_type: "power20min", start_date: "2026-01-01", end_date: "2026-06-30" });
    expect(result.structuredContent).toMatchObject({ start_date: "2026-01-01", end_date: "2026-06-30", records: [{ rank: 1, power_w: 270 }] });
    expect(windows()).toEqual(["2026-01-01..2026-06-30"]);
  });

  it("counts days back from end_date", async () => {
    await call({ sport: "Bike", pr_type: "power20min", days: 30, end_date: "2026-06-30" });
    expect(windows()).toEqual(["2026-06-01..2026-06-30"]);
  });

  it("keeps the seed's form: the last 365 days up to today", async () => {
    await call({ sport: "Bike", pr_type: "power20min" });
    expect(windows()).toEqual(["2025-11-26..2026-11-25"]);
  });

  it("lists at most `limit` records, 10 by default", async () => {
    const many = Array.from({ length: 14 }, (_, i) => record(i + 1, 300 - i, "2026-05-01"));
    await start({ "2025-11-26": many });
    const byDefault = await call({ sport: "Bike", pr_type: "power20min" });
    expect((byDefault.structuredContent as { records: unknown[] }).records).toHaveLength(10);
    const three = await call({ sport: "Bike", pr_type: "power20min", limit: 3 });
    expect((three.structuredContent as { records: Array<{ power_w: number }> }).records.map((r) => r.power_w)).toEqual([300, 299, 298]);
  });

  it.each([
    ["days with start_date", { days: 30, start_date: "2026-01-01" }, /either days .* or start_date, not both/],
    ["a start after the end", { start_date: "2026-07-01", end_date: "2026-06-30" }, /end_date .*is before start_date/],
    ["a start after today", { start_date: "2026-12-01" }, /start_date \(2026-12-01\) is after end_date \(2026-11-25, today\)/],
    ["more than 3650 days up to today", { start_date: "2016-11-24" }, /covers 3654 days; at most 3650/],
    ["more than 3650 days between the dates", { start_date: "2010-01-01", end_date: "2026-01-01" }, /at most 3650 days/],
    ["a limit of 51", { limit: 51 }, /limit must be a whole number from 1 to 50 .*; got number 51\./],
    ["an unknown comparison", { compare_to: "last_year" }, /compare_to/],
  ])("refuses %s before any data request", async (_title, extra, message) => {
    const result = await call({ sport: "Bike", pr_type: "power20min", ...extra });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(message);
    expect(windows()).toEqual([]);
  });
});

describe("tp_get_peaks compare_to", () => {
  it("previous_year: the same dates a year earlier, with the difference in watts and %", async () => {
    await start({
      "2025-11-26": [record(1, 253, "2026-08-10", "FTP test"), record(2, 249, "2026-07-01")],
      "2024-11-26": [record(1, 241, "2025-06-14", "Old FTP test")],
    });
    const result = await call({ sport: "Bike", pr_type: "power20min", compare_to: "previous_year" });
    expect(windows().sort()).toEqual(["2024-11-26..2025-11-25", "2025-11-26..2026-11-25"]);
    expect(result.structuredContent).toMatchObject({
      records: [{ power_w: 253 }, { power_w: 249 }],
      comparison: {
        compare_to: "previous_year",
        start_date: "2024-11-26",
        end_date: "2025-11-25",
        best: { rank: 1, power_w: 241, date: "2025-06-14", workout_title: "Old FTP test" },
        difference: { power_w: 12, percent: 5 },
      },
    });
    expect(textOf(result)).toContain('Compared with the previous year (2024-11-26 to 2025-11-25): best 241 W on 2025-06-14 in "Old FTP test". This window\'s best 253 W is +12 W (+5%).');
  });

  it("previous_period: the window just before, as long", async () => {
    await call({ sport: "Bike", pr_type: "power20min", start_date: "2026-03-01", end_date: "2026-03-31", compare_to: "previous_period" });
    expect(windows().sort()).toEqual(["2026-01-29..2026-02-28", "2026-03-01..2026-03-31"]);
  });

  it("previous_year from 29 February lands on the 28th", async () => {
    await call({ sport: "Bike", pr_type: "power20min", start_date: "2024-02-29", end_date: "2024-03-31", compare_to: "previous_year" });
    expect(windows().sort()).toEqual(["2023-02-28..2023-03-31", "2024-02-29..2024-03-31"]);
  });

  it("run speed records: the difference as time over the distance (negative is faster) and as speed", async () => {
    const run = (rank: number, mps: number, date: string) => ({ ...record(rank, mps, date, "5K", "speed5K"), class: "Speed", workoutTypeId: 3 });
    await start({ "2025-11-26": [run(1, 4.5, "2026-05-01")], "2024-11-26": [run(1, 4.25, "2025-05-01")] });
    const result = await call({ sport: "Run", pr_type: "speed5K", compare_to: "previous_year" });
    // 5000 m: 1111 s against 1176 s.
    expect(result.structuredContent).toMatchObject({ comparison: { best: { time_s: 1176 }, difference: { speed_mps: 0.25, time_s: -65, percent: 5.9 } } });
    expect(textOf(result)).toContain("is -65 s over the distance (+5.9%)");
  });

  it("an earlier window without records: the comparison says so, with no difference", async () => {
    await start({ "2025-11-26": [record(1, 253, "2026-08-10")] });
    const result = await call({ sport: "Bike", pr_type: "power20min", compare_to: "previous_year" });
    const comparison = (result.structuredContent as { comparison: Record<string, unknown> }).comparison;
    expect(comparison).toEqual({ compare_to: "previous_year", start_date: "2024-11-26", end_date: "2025-11-25" });
    expect(textOf(result)).toContain("(2024-11-26 to 2025-11-25): no record there.");
  });

  it("no record in this window: the earlier best is still given", async () => {
    await start({ "2024-11-26": [record(1, 241, "2025-06-14")] });
    const result = await call({ sport: "Bike", pr_type: "power20min", compare_to: "previous_year" });
    expect(result.structuredContent).toMatchObject({ records: [], comparison: { best: { power_w: 241 } } });
    expect((result.structuredContent as { comparison: object }).comparison).not.toHaveProperty("difference");
    expect(textOf(result)).toContain("none in this window.");
  });
});
