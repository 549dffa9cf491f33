import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { createTrainingPeaksClient, type TrainingPeaksClient } from "../../src/client/client.js";
import { addDays, fromDay, toDay } from "../../src/core/dates.js";
import { createDemoAthlete, createDemoFetch } from "../../src/demo/index.js";
import { answerText, EXAMPLE_ATHLETE } from "../support/mcp.js";
import type { SpecHandlerOptions } from "../support/spec-mocks.js";
import { setupToolCalls, TOOL_TEST_TODAY } from "../support/tool-calls.js";

const tools = setupToolCalls();
const TODAY = TOOL_TEST_TODAY;
const start = (options?: SpecHandlerOptions, client?: TrainingPeaksClient, today?: string) => tools.start(options, { client, today });

interface Readiness {
  race: { id: number; date: string; name?: string; priority?: string } | null;
  days_to_go?: number;
  today?: { date: string; ctl: number; atl: number; tsb: number };
  race_day?: { date: string; ctl: number; atl: number; tsb: number; projected: boolean };
  ctl_gap?: number;
  ctl_ramp_7d?: number;
  ctl_ramp_28d?: number;
  planned_tss_to_race?: number;
  last_planned_date?: string;
  plan_reaches_race?: boolean;
  form?: string;
  fitness?: string;
  verdict: string;
  warnings: string[];
}

async function call(args: Record<string, unknown> = {}) {
  const result = await tools.call("tp_get_race_readiness", args);
  return { result, answer: result.structuredContent as unknown as Readiness, text: answerText(result) };
}

const sent = (operationId: string) => tools.sent(operationId);
const offset = (days: number) => addDays(TODAY, days);
const race = (id: number, days: number, priority: string | null, ctlTarget: number | null = null) => ({
  id,
  personId: 2400117,
  name: `Race ${id}`,
  eventDate: `${offset(days)}T00:00:00`,
  eventType: "Triathlon",
  atpPriority: priority,
  ctlTarget,
  description: null,
  distance: 51.5,
  distanceUnits: "km",
});

interface History {
  /** CTL on a day up to today, by days from today (≤ 0). */
  ctl?: (days: number) => number;
  atl?: number;
  tsb?: number;
  /** Planned TSS on a day after today, by days from today. */
  planned?: (days: number) => number;
}

/** Performance data as TrainingPeaks answers it for the range asked: values up to today, planned TSS after. */
function performance(history: History = {}) {
  const ctl = history.ctl ?? (() => 70);
  return ({ params }: { params: Record<string, unknown> }) => {
    const rows = [];
    for (let day = toDay(String(params.startDate)); day <= toDay(String(params.endDate)); day++) {
      const days = day - toDay(TODAY);
      rows.push(
        days <= 0
          ? { workoutDay: `${fromDay(day)}T00:00:00`, tssActual: 60, tssPlanned: 55, ctl: ctl(days), atl: history.atl ?? 80, tsb: history.tsb ?? -10, ifActual: 0.7, ifPlanned: 0.7 }
          : { workoutDay: `${fromDay(day)}T00:00:00`, tssActual: 0, tssPlanned: history.planned?.(days) ?? 0, ctl: null, atl: null, tsb: null, ifActual: null, ifPlanned: null },
      );
    }
    return HttpResponse.json(rows);
  };
}

/** The 42/7-day model, stepped by hand: TSB on race day is the day before's CTL − ATL. */
function project(ctl: number, atl: number, planned: (days: number) => number, raceDays: number) {
  let tsb = 0;
  for (let d = 1; d <= raceDays; d++) {
    tsb = ctl - atl;
    ctl += (planned(d) - ctl) / 42;
    atl += (planned(d) - atl) / 7;
  }
  return { ctl, atl, tsb };
}

const round1 = (value: number) => Math.round(value * 10) / 10;


describe("tp_get_race_readiness on fixtures", () => {
  it("assesses an explicit event: today, the projection to race day, target gap, ramps and planned TSS", async () => {
    const planned = (d: number): number => (d % 7 === 0 ? 0 : d >= 18 ? 30 : 90);
    await start({
      overrides: {
        getEvents: () => HttpResponse.json([race(1, 10, "A", 90), race(2, 20, "B", 75)]),
        getPerformanceData: performance({ ctl: (d) => 70 + d * 0.25, planned }),
      },
    });
    const { result, answer, text } = await call({ event_id: 2 });
    expect(result.isError, text).toBeFalsy();
    const want = project(70, 80, planned, 20);
    expect(answer).toMatchObject({
      race: { id: 2, date: offset(20), name: "Race 2", priority: "B", distance_m: 51500, ctl_target: 75, days_until: 20 },
      days_to_go: 20,
      today: { date: TODAY, ctl: 70, atl: 80, tsb: -10 },
      race_day: { date: offset(20), ctl: round1(want.ctl), atl: round1(want.atl), tsb: round1(want.tsb), projected: true },
      ctl_target: 75,
      ctl_gap: round1(round1(want.ctl) - 75),
      ctl_ramp_7d: 1.8, // 70 − 68.25, rounded
      ctl_ramp_28d: 7,
      planned_tss_to_race: Array.from({ length: 20 }, (_, i) => planned(i + 1)).reduce((a, b) => a + b, 0),
      last_planned_date: offset(20),
      plan_reaches_race: true,
      warnings: [],
    });
    // An id may name any event in two years either way; the data runs from 28 days back to race day.
    expect(sent("getEvents").map((r) => r.url.pathname)).toEqual([`/fitness/v6/athletes/2400117/events/${offset(-730)}/${offset(730)}`]);
    expect(sent("getPerformanceData").map((r) => r.url.pathname)).toEqual([`/fitness/v1/athletes/2400117/reporting/performancedata/${offset(-28)}/${offset(20)}`]);
    expect(text).toContain(`Race 2 (B race, 51.5 km) on ${offset(20)}: in 20 days (event id 2).`);
    expect(text).toContain(`Today ${TODAY}: CTL 70, ATL 80, TSB -10.`);
    expect(text).toMatch(new RegExp(`Race day ${offset(20)} \\(projected from \\d+ planned TSS; last planned workout ${offset(20)}\\): CTL [\\d.]+, ATL [\\d.]+, TSB \\+[\\d.]+`));
    expect(JSON.stringify(answer).length).toBeLessThan(2048);
  });

  it("defaults to the next A race, past an earlier B race and a past A race", async () => {
    await start({ overrides: { getEvents: () => HttpResponse.json([race(5, 40, "A"), race(4, 5, "B"), race(3, -3, "A")]), getPerformanceData: performance() } });
    const { answer } = await call();
    expect(answer.race).toMatchObject({ id: 5, days_until: 40 });
    expect(sent("getEvents").map((r) => r.url.pathname)).toEqual([`/fitness/v6/athletes/2400117/events/${TODAY}/${offset(730)}`]);
  });

  it("takes the next race of any priority when no A race is ahead", async () => {
    await start({ overrides: { getEvents: () => HttpResponse.json([race(7, 30, "C"), race(6, 12, null)]), getPerformanceData: performance() } });
    expect((await call()).answer.race).toMatchObject({ id: 6 });
  });

  it("warns when the plan stops before race day, and projects rest from then on", async () => {
    const planned = (d: number) => (d <= 9 ? 80 : 0);
    await start({ overrides: { getEvents: () => HttpResponse.json([race(1, 21, "A", 80)]), getPerformanceData: performance({ planned }) } });
    const { answer, text } = await call();
    const want = project(70, 80, planned, 21);
    expect(answer).toMatchObject({ last_planned_date: offset(9), plan_reaches_race: false, planned_tss_to_race: 720, race_day: { tsb: round1(want.tsb), projected: true } });
    expect(answer.warnings).toEqual([
      `The plan stops on ${offset(9)}: the projection counts ${offset(10)} to race day as rest, so race-day form looks fresher and fitness lower than a full plan would give.`,
    ]);
    expect(text).toContain(`Warning: The plan stops on ${offset(9)}`);
  });

  it("says so when nothing at all is planned before the race", async () => {
    await start({ overrides: { getEvents: () => HttpResponse.json([race(1, 14, "A")]), getPerformanceData: performance() } });
    const { answer } = await call();
    expect(answer).toMatchObject({ planned_tss_to_race: 0, plan_reaches_race: false });
    expect(answer).not.toHaveProperty("last_planned_date");
    expect(answer.warnings[0]).toMatch(/^No workout is planned before the race: the projection counts 2026-11-26 to race day as rest/);
  });

  it("accepts a day or two off before the race as a plan that reaches it", async () => {
    await start({ overrides: { getEvents: () => HttpResponse.json([race(1, 14, "A")]), getPerformanceData: performance({ planned: (d) => (d <= 12 ? 60 : 0) }) } });
    const { answer } = await call();
    expect(answer).toMatchObject({ last_planned_date: offset(12), plan_reaches_race: true, warnings: [] });
  });

  it("answers plainly when no race is ahead, without asking for fitness data", async () => {
    await start({ overrides: { getEvents: () => HttpResponse.json([race(3, -3, "A")]) } });
    const { result, answer, text } = await call();
    expect(result.isError).toBeFalsy();
    expect(answer).toEqual({ athlete: EXAMPLE_ATHLETE, verdict: expect.stringMatching(/^No upcoming race from 2026-11-25 to 2028-11-24/), warnings: [] });
    expect(text).toBe(answer.verdict);
    expect(sent("getPerformanceData")).toEqual([]);
  });

  it("refuses an unknown event id with a pointer to tp_get_events, after the lookup only", async () => {
    await start({ overrides: { getEvents: () => HttpResponse.json([race(1, 10, "A")]) } });
    const { result, text } = await call({ event_id: 999 });
    expect(result.isError).toBe(true);
    expect(text).toMatch(/No event 999 from 2024-11-25 to 2028-11-24: call tp_get_events/);
    expect(tools.recorded.map((r) => r.operationId).filter((id) => id !== "exchangeToken" && id !== "getUser")).toEqual(["getEvents"]);
  });

  it("shows a past race's race-day values and the ramps before it, not a projection", async () => {
    await start({ overrides: { getEvents: () => HttpResponse.json([race(3, -30, "A", 72)]), getPerformanceData: performance({ ctl: (d) => 60 + d * 0.5, tsb: 12 }) } });
    const { answer, text } = await call({ event_id: 3 });
    expect(answer).toMatchObject({
      days_to_go: -30,
      race_day: { date: offset(-30), ctl: 45, atl: 80, tsb: 12, projected: false },
      ctl_gap: -27,
      ctl_ramp_7d: 3.5,
      ctl_ramp_28d: 14,
      form: "fresh",
      fitness: "below_target",
      warnings: [],
    });
    expect(answer).not.toHaveProperty("today");
    expect(answer).not.toHaveProperty("planned_tss_to_race");
    expect(answer.verdict).toMatch(/^Race-day form \(TSB\) was \+12: fresh/);
    expect(sent("getPerformanceData").map((r) => r.url.pathname)).toEqual([`/fitness/v1/athletes/2400117/reporting/performancedata/${offset(-58)}/${offset(-30)}`]);
    expect(text).toContain("30 days ago");
  });

  it.each([
    ["A", 4, null, "tired", "no_target"],
    ["A", 5, null, "fresh", "no_target"],
    ["A", 25, null, "fresh", "no_target"],
    ["A", 25.5, null, "very_fresh", "no_target"],
    ["B", 0, 70, "fresh", "on_target"],
    ["B", -1, 74, "tired", "close"],
    ["C", -10, 75, "fresh", "close"],
    [null, -10.5, 75.5, "tired", "below_target"],
  ] as const)("judges a %s race today with TSB %d against target %s: %s, %s", async (priority, tsb, target, form, fitness) => {
    await start({ overrides: { getEvents: () => HttpResponse.json([race(1, 0, priority, target)]), getPerformanceData: performance({ tsb }) } });
    const { answer } = await call();
    expect(answer).toMatchObject({ days_to_go: 0, race_day: { tsb, ctl: 70, projected: false }, form, fitness });
  });

  it("calls a 7-day CTL rise above 8 a risk", async () => {
    await start({ overrides: { getEvents: () => HttpResponse.json([race(1, 10, "A")]), getPerformanceData: performance({ ctl: (d) => 70 + d * 1.3 }) } });
    const { answer } = await call();
    expect(answer.ctl_ramp_7d).toBe(9.1);
    expect(answer.verdict).toMatch(/CTL rose 9\.1 in 7 days: above 8 a week raises the risk/);
  });

  it("starts from zero, with a warning, when TrainingPeaks has no fitness values", async () => {
    await start({ overrides: { getEvents: () => HttpResponse.json([race(1, 10, "A")]), getPerformanceData: () => HttpResponse.json([]) } });
    const { answer } = await call();
    expect(answer).toMatchObject({ today: { ctl: 0, atl: 0, tsb: 0 }, race_day: { ctl: 0, atl: 0, tsb: 0 } });
    expect(answer).not.toHaveProperty("ctl_ramp_7d");
    expect(answer.warnings[0]).toBe(`TrainingPeaks has no fitness values up to ${TODAY}: CTL and ATL start from 0.`);
  });
});

describe("tp_get_race_readiness on the demo athlete", () => {
  it.each(["2026-11-25", "2026-12-03"])("projects the A race's TSB from the demo's planned workouts (today %s)", async (today) => {
    const athlete = createDemoAthlete({ today });
    await start({}, createTrainingPeaksClient({ cookie: "demo", fetch: createDemoFetch({ athlete }), env: {} }), today);
    const { result, answer, text } = await call();
    expect(result.isError, text).toBeFalsy();
    const raceDate = athlete.focusEvent.eventDate.slice(0, 10);
    const days = toDay(raceDate) - toDay(today);
    // Independently: today's values from the demo's history, then its planned workouts, day by day.
    const now = athlete.performance.find((row) => row.workoutDay.startsWith(today))!;
    const plannedOn = (d: number) =>
      athlete.workouts.filter((w) => w.workoutDay.startsWith(addDays(today, d))).reduce((sum, w) => sum + (w.tssPlanned ?? 0), 0);
    const want = project(now.ctl, now.atl, plannedOn, days);
    expect(answer.race).toMatchObject({ id: athlete.focusEvent.id, name: "Lake Haven Half Triathlon", date: raceDate, priority: "A", ctl_target: 88 });
    expect(answer.days_to_go).toBe(days);
    expect(answer.race_day!.tsb).toBe(round1(want.tsb));
    expect(answer.race_day!.ctl).toBe(round1(want.ctl));
    // The demo's plan runs through race day, so no rest is assumed.
    expect(answer).toMatchObject({ last_planned_date: raceDate, plan_reaches_race: true, warnings: [] });
    expect(JSON.stringify(answer).length).toBeLessThan(2048);
    expect(text).toContain(`Lake Haven Half Triathlon (A race, 113 km) on ${raceDate}: in ${days} days`);
  });
});
