import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { createTrainingPeaksClient } from "../../src/client/client.js";
import { weekday, toDay } from "../../src/core/dates.js";
import { createDemoAthlete } from "../../src/demo/athlete.js";
import { answerText, EXAMPLE_ATHLETE, textOf } from "../support/mcp.js";
import { exampleValue } from "../support/spec-mocks.js";
import { setupToolCalls } from "../support/tool-calls.js";

const tools = setupToolCalls();
const WEEK = { start_date: "2026-11-23", end_date: "2026-11-29" };
const call = (args: Record<string, unknown> = WEEK) => tools.call("tp_get_strength_workouts", args);

type Json = Record<string, unknown>;
const planned = () => (exampleValue("getStrengthWorkoutCalendar", "bareArray") as Json[])[0]!;
const value = (parameter: string, prescribedValue: string | null, executedValue: string | null = null) => ({ parameter, prescribedValue, executedValue });
/** A session as the Strength Builder records one: no snapshot, no compliance, one exercise. */
const session = (fields: Json, sets: Json[]) => ({
  title: "Gym",
  prescribedDate: "2026-11-24",
  blocks: [{ title: "Main", prescriptions: [{ exercise: { title: "Curl" }, sets }] }],
  ...fields,
});

describe("tp_get_strength_workouts", () => {
  it("answers the spec's week: completion, sets done of the total, and each set as done beside the prescription in kg", async () => {
    const result = await call();
    expect(result.isError, textOf(result)).toBeFalsy();
    const rdl = { done: true, reps: 10, load_kg: 11.3, planned_reps: 10, planned_load_kg: 11.3 };
    expect(result.structuredContent).toEqual({
      athlete: EXAMPLE_ATHLETE,
      ...WEEK,
      count: 2,
      hidden_count: 0,
      totals: { completed_count: 1, planned_count: 1, missed_count: 0, sets_done: 5, sets_total: 9 },
      sessions: [
        {
          date: "2026-11-23",
          title: "Runner's strength A",
          status: "completed",
          percent_complete: 83.3,
          sets_done: 5,
          sets_total: 6,
          duration_s: 2640,
          planned_duration_s: 2700,
          rpe: 7,
          exercises: [
            {
              name: "Back Squat",
              block: "Warm Up",
              sets: [
                { done: true, reps: 8, load_kg: 62.5, planned_reps: 8, planned_load_kg: 60 },
                { done: true, reps: 7, load_kg: 62.5, planned_reps: 8, planned_load_kg: 60 },
              ],
            },
            {
              name: "Single-leg RDL",
              block: "Main set",
              coach_notes: "Hold the top for a second.",
              reps_per_side: true,
              load_per_side: true,
              // 25 lb per side is 11.3 kg per side.
              sets: [rdl, rdl, { ...rdl, reps: 8 }, { done: false, planned_reps: 10, planned_load_kg: 11.3 }],
            },
          ],
        },
        {
          date: "2026-11-27",
          title: "Core & hips",
          status: "planned",
          percent_complete: 0,
          sets_done: 0,
          sets_total: 3,
          planned_duration_s: 1800,
          exercises: [{ name: "Side Plank", block: "Circuit", sets: Array(3).fill({ done: false, planned_duration_s: 45 }) }],
        },
      ],
    });
    expect(tools.sent("getStrengthWorkoutCalendar").map((r) => r.url.pathname)).toEqual(["/rx/activity/v1/workouts/calendar/2400117/2026-11-23/2026-11-29"]);
    const text = textOf(result);
    expect(text).toContain("2 strength sessions from 2026-11-23 to 2026-11-29 (1 completed, 1 planned, 0 missed; 5/9 sets done; loads in kg)");
    expect(text).toContain('2026-11-23 "Runner\'s strength A" completed: 83.3% done, 5/6 sets, 44:00, RPE 7');
    expect(text).toContain("  Back Squat (Warm Up): 8 × 62.5 kg (planned 8 × 60 kg); 7 × 62.5 kg (planned 8 × 60 kg)");
    expect(text).toContain("  Single-leg RDL (Main set): 10/side × 11.3 kg/side; 10/side × 11.3 kg/side; 8/side × 11.3 kg/side (planned 10/side × 11.3 kg/side); not done (planned 10/side × 11.3 kg/side)");
    expect(text).toContain('2026-11-27 "Core & hips" planned: 0% done, 0/3 sets, planned 30:00');
  });

  it("reads a bare list as well as `{ data: [...] }`", async () => {
    await tools.start({ overrides: { getStrengthWorkoutCalendar: () => HttpResponse.json([planned()]) } });
    const result = await call();
    expect((result.structuredContent as { sessions: Json[] }).sessions.map((s) => s.title)).toEqual(["Core & hips"]);
  });

  it("counts sets itself without a snapshot, converts pound loads, calls a past untouched session missed and leaves hidden ones out", async () => {
    const sessions = [
      session({ prescribedDate: "2026-11-24", orderOnDay: 2 }, [
        { isComplete: true, parameterValues: [value("Reps", "12", "12"), value("WeightLb", "20", "22.5")] },
        { isComplete: false, parameterValues: [value("Reps", "12"), value("WeightLb", null), value("Tempo", "3-1-1")] },
      ]),
      session({ title: "Morning", prescribedDate: "2026-11-24", orderOnDay: 1 }, [{ isComplete: false, parameterValues: [value("TimeSeconds", "60")] }]),
      session({ title: "Secret", isHidden: true }, []),
      session({ title: "No day", prescribedDate: null }, []),
    ];
    await tools.start({ overrides: { getStrengthWorkoutCalendar: () => HttpResponse.json({ data: sessions }) } });
    const result = await call();
    expect(result.structuredContent).toMatchObject({
      count: 2,
      hidden_count: 1,
      totals: { completed_count: 1, planned_count: 0, missed_count: 1, sets_done: 1, sets_total: 3 },
      sessions: [
        { title: "Morning", status: "missed", sets_done: 0, sets_total: 1, percent_complete: 0 },
        {
          title: "Gym",
          status: "completed",
          sets_done: 1,
          sets_total: 2,
          percent_complete: 50,
          exercises: [{ name: "Curl", block: "Main", sets: [{ done: true, reps: 12, load_kg: 10.2, planned_reps: 12, planned_load_kg: 9.1 }, { done: false, planned_reps: 12 }] }],
        },
      ],
    });
    expect(textOf(result)).toContain("1 hidden session left out.");
  });

  it("writes reps alone as reps, per side where they count each side", async () => {
    const body = [
      session({}, [
        { isComplete: true, parameterValues: [value("Reps", "15", "15")] },
        { isComplete: false, parameterValues: [value("Reps", "15")] },
      ]),
      { ...session({ orderOnDay: 2 }, []), blocks: [{ prescriptions: [{ exercise: { title: "Dead Bug" }, sets: [{ isComplete: true, parameterValues: [value("RepsPerSide", "10", "10")] }] }] }] },
    ];
    await tools.start({ overrides: { getStrengthWorkoutCalendar: () => HttpResponse.json(body) } });
    const text = textOf(await call());
    expect(text).toContain("  Curl (Main): 15 reps; not done (planned 15 reps)");
    expect(text).toContain("  Dead Bug: 10 reps/side");
  });

  it("answers plainly when there are no sessions", async () => {
    await tools.start({ overrides: { getStrengthWorkoutCalendar: () => HttpResponse.json({ data: [] }) } });
    const result = await call();
    expect(result.structuredContent).toEqual({ athlete: EXAMPLE_ATHLETE, ...WEEK, count: 0, hidden_count: 0, totals: { completed_count: 0, planned_count: 0, missed_count: 0, sets_done: 0, sets_total: 0 }, sessions: [] });
    expect(answerText(result)).toBe("No Strength Builder sessions from 2026-11-23 to 2026-11-29.");
  });

  it("refuses more than 90 days before any request for sessions", async () => {
    const result = await call({ start_date: "2026-01-01", end_date: "2026-04-01" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/at most 90 days/);
    expect(tools.sent("getStrengthWorkoutCalendar")).toEqual([]);
  });

  it("reads the demo account's weekly sessions: past ones done or missed, later ones planned, pounds in kg", async () => {
    const today = "2026-11-20";
    await tools.start({}, { client: createTrainingPeaksClient({ demo: true, today }), today });
    const result = await call({ start_date: "2026-10-19", end_date: "2026-12-06" });
    expect(result.isError, textOf(result)).toBeFalsy();
    type Answer = { count: number; sessions: Array<{ date: string; status: string; sets_done: number; sets_total: number; exercises: Array<{ name: string; load_per_side?: boolean; sets: Array<{ planned_load_kg?: number }> }> }> };
    const { count, sessions } = result.structuredContent as Answer;
    expect(count).toBe(7);
    expect(sessions.every((s) => weekday(toDay(s.date)) === 2)).toBe(true); // the triathlete lifts on Wednesdays
    expect(sessions.filter((s) => s.date < today).every((s) => s.status === "completed" || s.status === "missed")).toBe(true);
    expect(sessions.filter((s) => s.date >= today).map((s) => [s.status, s.sets_done])).toEqual([["planned", 0], ["planned", 0]]);
    // The answer's kilograms are the demo's prescribed pounds, converted.
    const raw = createDemoAthlete({ today }).strengthSessions.find((s) => s.prescribedDate === sessions[0]!.date)!;
    const pounds = raw.blocks!.flatMap((b) => b.prescriptions!).flatMap((p) => p.sets!.flatMap((set) => set.parameterValues!)).find((v) => v.parameter === "WeightPerSideLb")!;
    const lifted = sessions[0]!.exercises.find((e) => e.load_per_side && e.sets[0]!.planned_load_kg !== undefined)!;
    expect(lifted.sets[0]!.planned_load_kg).toBe(Math.round(Number(pounds.prescribedValue) * 0.45359237 * 10) / 10);
    expect(textOf(result)).toContain("7 strength sessions from 2026-10-19 to 2026-12-06");
  });
});
