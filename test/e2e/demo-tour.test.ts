import { describe, expect, it } from "vitest";
import { createTrainingPeaksClient } from "../../src/client/client.js";
import { addDays, localDate, toDay } from "../../src/core/dates.js";
import { createDemoAthlete, createDemoFetch, demoToday } from "../../src/demo/index.js";
import { runTour } from "../../src/demo/tour.js";
import { connectInMemory } from "../support/mcp.js";

describe("npm run demo's tour", () => {
  it("answers every question without error, with the demo athlete's own figures", async () => {
    const today = demoToday();
    const client = createTrainingPeaksClient({ cookie: "demo", fetch: createDemoFetch({ today }), env: {} });
    const session = await connectInMemory({ client, today });
    const stops = await runTour(session.client, today);
    await session.close();

    expect(stops.map((s) => s.tool)).toEqual(["tp_get_workouts", "tp_get_peaks", "tp_get_fitness", "tp_get_workouts", "tp_get_workout", "tp_get_workout_prs"]);
    for (const stop of stops) expect(stop.isError, `${stop.question}: ${stop.text}`).toBe(false);

    // The fitness answer is the 42/7-day model applied to the athlete's daily TSS, recomputed here.
    const athlete = createDemoAthlete({ today });
    const tssByDay = new Map<string, number>();
    for (const w of athlete.workouts) {
      const day = localDate(w.workoutDay)!;
      if (day <= today && w.tssActual != null) tssByDay.set(day, (tssByDay.get(day) ?? 0) + w.tssActual);
    }
    let ctl = 0;
    let atl = 0;
    for (let day = athlete.firstDay; day <= today; day = addDays(day, 1)) {
      const tss = tssByDay.get(day) ?? 0;
      ctl += (tss - ctl) / 42;
      atl += (tss - atl) / 7;
    }
    const fitness = stops[2]!.structured as { summary: { date: string; fitness_ctl: number; fatigue_atl: number } };
    expect(fitness.summary.date).toBe(today);
    expect(fitness.summary.fitness_ctl).toBeCloseTo(ctl, 1);
    expect(fitness.summary.fatigue_atl).toBeCloseTo(atl, 1);

    // Last week's completed workouts are exactly the athlete's, Monday to Sunday.
    const lastMonday = addDays(today, -((toDay(today) + 3) % 7) - 7);
    const expected = athlete.workouts.filter((w) => {
      const day = localDate(w.workoutDay)!;
      return day >= lastMonday && day <= addDays(lastMonday, 6) && (w.totalTime != null || w.tssActual != null || w.startTime != null);
    });
    expect((stops[0]!.structured as { count: number }).count).toBe(expected.length);

    // The 20-minute power answer ranks a real bike workout of the athlete's.
    const best = (stops[1]!.structured as { records: Array<{ workout_id: number; power_w: number }> }).records[0]!;
    expect(athlete.workouts.find((w) => w.workoutId === best.workout_id)?.workoutTypeValueId).toBe(2);
    expect(stops[1]!.text).toMatch(/This year's best 20 min: \d+ W/);
  });
});
