import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { addDays, fromDay, toDay } from "../../src/core/dates.js";
import { answerText, textOf } from "../support/mcp.js";
import type { SpecHandlerOptions } from "../support/spec-mocks.js";
import { setupToolCalls, TOOL_TEST_TODAY } from "../support/tool-calls.js";

const tools = setupToolCalls();
const TODAY = TOOL_TEST_TODAY;
const start = (options?: SpecHandlerOptions) => tools.start(options);

interface Fitness {
  summary: { form_status: string; date: string } | null;
  next_race?: { id: number; name?: string; days_until: number };
  warnings: string[];
  days: unknown[];
}

async function call(args: Record<string, unknown>) {
  const result = await tools.call("tp_get_fitness", args);
  expect(result.isError, textOf(result)).toBeFalsy();
  return { answer: result.structuredContent as unknown as Fitness, text: answerText(result) };
}

const offset = (days: number) => addDays(TODAY, days);

/** Performance rows for the range asked; `row` gives a day's values by days from today. */
function performance(row: (days: number) => Record<string, number | null>) {
  return ({ params }: { params: Record<string, unknown> }) => {
    const rows = [];
    for (let day = toDay(String(params.startDate)); day <= toDay(String(params.endDate)); day++) {
      rows.push({ workoutDay: `${fromDay(day)}T00:00:00`, tssActual: 0, tssPlanned: 0, ctl: 0, atl: 0, tsb: 0, ifActual: null, ifPlanned: null, ...row(day - toDay(TODAY)) });
    }
    return HttpResponse.json(rows);
  };
}

const training = (days: number): Record<string, number> => (days <= 0 ? { tssActual: 60, ctl: 60, atl: 70, tsb: -8 } : { ctl: 62, atl: 50, tsb: 10 });


describe("tp_get_fitness: the next race", () => {
  it("names the next planned event and its days to go", async () => {
    const { answer, text } = await call({ days: 2, end_date: "2026-11-24" });
    expect(answer.next_race).toMatchObject({ id: 88012, name: "Lakeside 70.3", date: "2026-12-28", priority: "A", days_until: 33 });
    expect(text.split("\n")[1]).toBe("Next race: Lakeside 70.3 (A race, 113 km) on 2026-12-28, in 33 days.");
    expect(tools.recorded.map((r) => r.operationId)).toContain("getNextPlannedEvent");
  });

  it.each([
    ["a 404", () => HttpResponse.json({ message: "No planned event." }, { status: 404 })],
    ["a null", () => HttpResponse.json(null)],
    ["an event already past", () => HttpResponse.json({ id: 5, name: "Old race", eventDate: "2026-11-01T00:00:00" })],
  ])("leaves the next race out on %s, without an error", async (_title, answer) => {
    await start({ overrides: { getNextPlannedEvent: answer } });
    const { answer: fitness, text } = await call({ days: 2, end_date: "2026-11-24" });
    expect(fitness).not.toHaveProperty("next_race");
    expect(fitness.summary).not.toBeNull();
    expect(text).not.toMatch(/Next race/);
  });
});

describe("tp_get_fitness: warnings", () => {
  it("gives no form status for a range before the first data (zeros), and says why", async () => {
    await start({ overrides: { getPerformanceData: performance(() => ({})) } });
    const { answer, text } = await call({ days: 5, end_date: "2024-06-01" });
    expect(answer).not.toHaveProperty("summary");
    expect(answer.days).toHaveLength(5);
    expect(answer.warnings).toEqual(["No training data from 2024-05-28 to 2024-06-01: the range lies before the athlete's first data (or there is none), so no form status is given."]);
    expect(text).not.toMatch(/Neutral/);
    expect(text).toContain("Warning: No training data from 2024-05-28");
  });

  it("says so for rows of nulls too", async () => {
    await start({ overrides: { getPerformanceData: performance(() => ({ tssActual: null, tssPlanned: null, ctl: null, atl: null, tsb: null })) } });
    const { answer } = await call({ days: 3, end_date: "2024-06-01" });
    expect(answer).not.toHaveProperty("summary");
    expect(answer.warnings[0]).toMatch(/^No training data from 2024-05-30 to 2024-06-01/);
  });

  it("names the first data day when the range starts before it", async () => {
    await start({ overrides: { getPerformanceData: performance((d) => (d < -2 ? {} : training(d))) } });
    const { answer } = await call({ days: 5, end_date: TODAY });
    expect(answer.summary).toMatchObject({ date: TODAY, form_status: "neutral" });
    expect(answer.warnings).toEqual([`The first training data is on ${offset(-2)}: the days before it carry no load.`]);
  });

  it("warns when the projection runs past the last planned workout, reading the plan from today on", async () => {
    await start({ overrides: { getPerformanceData: performance((d) => ({ ...training(d), ...(d > 0 && d <= 12 ? { tssPlanned: 70 } : {}) })) } });
    const { answer, text } = await call({ days: 5, end_date: offset(30) });
    expect(answer.warnings).toEqual([`No workout is planned after ${offset(12)}: the projection assumes rest from ${offset(13)}, so form drifts towards "very fresh".`]);
    expect(text).toContain(`Warning: No workout is planned after ${offset(12)}`);
    const request = tools.recorded.find((r) => r.operationId === "getPerformanceData")!;
    expect(request.url.pathname).toBe(`/fitness/v1/athletes/2400117/reporting/performancedata/${TODAY}/${offset(30)}`);
  });

  it("does not warn when the plan reaches the end, give or take a day or two off", async () => {
    await start({ overrides: { getPerformanceData: performance((d) => ({ ...training(d), ...(d > 0 && d <= 28 ? { tssPlanned: 70 } : {}) })) } });
    const { answer } = await call({ days: 40, end_date: offset(30) });
    expect(answer.warnings).toEqual([]);
    expect(tools.recorded.find((r) => r.operationId === "getPerformanceData")!.url.pathname).toBe(
      `/fitness/v1/athletes/2400117/reporting/performancedata/${offset(-16)}/${offset(30)}`,
    );
  });

  it("warns from tomorrow when nothing is planned at all", async () => {
    await start({ overrides: { getPerformanceData: performance(training) } });
    const { answer } = await call({ days: 10, end_date: offset(5) });
    expect(answer.warnings).toEqual([`No workout is planned: the projection assumes rest from ${offset(1)}, so form drifts towards "very fresh".`]);
  });
});
