/**
 * `npm run demo`'s tour: athlete questions, each answered by one tool call, and nothing printed
 * that a tool did not say. Every answer line is checked against the same call made again on a
 * session of its own, so the tour can never add words of its own to the tools' answers.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createTrainingPeaksClient } from "../../src/client/client.js";
import { addDays, localDate, toDay } from "../../src/core/dates.js";
import { createDemoAthlete, demoToday } from "../../src/demo/index.js";
import { cutNote, questionHeading, runTour, TOUR_OUTRO, tourIntro, tourLines, type TourLine, type TourStop } from "../../src/demo/tour.js";
import { connectInMemory, textOf } from "../support/mcp.js";

const today = demoToday();
// The SDK's demo client, as `serve --demo` builds it: the demo fetch, never paced.
const demoSession = () => connectInMemory({ client: createTrainingPeaksClient({ demo: true, today }), today });

let stops: TourStop[];
let lines: TourLine[];
let tools: string[];

beforeAll(async () => {
  const session = await demoSession();
  tools = (await session.client.listTools()).tools.map((t) => t.name);
  stops = await runTour(session.client, today);
  lines = tourLines(tools, stops);
  await session.close();
});

/** The text answers of the tour's calls, asked again on a fresh server: what the tools say. */
async function answersOf(stops: TourStop[]): Promise<string[][]> {
  const session = await demoSession();
  const answers: string[][] = [];
  for (const stop of stops) answers.push(textOf(await session.client.callTool({ name: stop.tool, arguments: stop.arguments })).split("\n"));
  await session.close();
  return answers;
}

describe("npm run demo's tour", () => {
  it("asks the athlete's questions of the tools meant for them, and every answer is without error", async () => {
    expect(stops.map((s) => [s.question, s.tool])).toEqual([
      ["What did I do last week?", "tp_get_workouts"],
      ["How did my last four weeks go against the plan?", "tp_get_weekly_summary"],
      ["Compare my 20-minute power with last year", "tp_get_peaks"],
      ["Am I ready to race?", "tp_get_race_readiness"],
      ["Am I overreaching?", "tp_get_fitness"],
      ["Which rides did I do in the last four weeks?", "tp_get_workouts"],
      ["Tell me about the longest of those rides", "tp_get_workout"],
      ["Did that ride set any PRs?", "tp_get_workout_prs"],
      ["How was that ride paced: laps and time in zones?", "tp_analyze_workout"],
      ["Which athletes do I coach?", "tp_list_athletes"],
      ["How did Zoë's last two weeks go?", "tp_get_weekly_summary"],
    ]);
    for (const stop of stops) expect(stop.isError, `${stop.question}: ${stop.text}`).toBe(false);
  });

  it("prints only headings (the tool list, each question with its call) and the tools' answers, cut by whole lines", async () => {
    const answers = await answersOf(stops);
    let at = 0;
    const next = () => lines[at++];
    expect(next()).toEqual({ kind: "heading", text: tourIntro(tools) });
    stops.forEach((stop, i) => {
      expect(next()).toEqual({ kind: "heading", text: questionHeading(stop) });
      const answer = answers[i]!;
      const shown: string[] = [];
      while (lines[at]?.kind === "answer") shown.push(next()!.text);
      // The printed lines are the answer's first lines, verbatim; any left out are said to be.
      expect(shown.length, stop.question).toBeGreaterThan(0);
      expect(shown, stop.question).toEqual(answer.slice(0, shown.length));
      if (shown.length < answer.length) expect(next(), stop.question).toEqual({ kind: "cut", text: cutNote(answer.length - shown.length) });
    });
    expect(next()).toEqual({ kind: "heading", text: TOUR_OUTRO });
    expect(at).toBe(lines.length);
  });

  it("answers with the demo athlete's own figures, for the dates each question means", async () => {
    const athlete = createDemoAthlete({ today });
    const [lastWeek, weekly, peaks, readiness, fitness, rides, ride, prs] = stops as [TourStop, TourStop, TourStop, TourStop, TourStop, TourStop, TourStop, TourStop];
    const dayOf = (w: { workoutDay: string }) => localDate(w.workoutDay)!;
    const done = (w: (typeof athlete.workouts)[number]) => w.totalTime != null || w.tssActual != null || w.startTime != null;

    // Last week is Monday to Sunday before this week, with exactly the athlete's completed workouts.
    const lastMonday = addDays(today, -((toDay(today) + 3) % 7) - 7);
    expect(lastWeek.arguments).toMatchObject({ start_date: lastMonday, end_date: addDays(lastMonday, 6) });
    const lastWeeks = athlete.workouts.filter((w) => dayOf(w) >= lastMonday && dayOf(w) <= addDays(lastMonday, 6) && done(w));
    expect((lastWeek.structured as { count: number }).count).toBe(lastWeeks.length);

    // The four weeks against the plan are the four whole weeks up to last Sunday.
    const weeks = (weekly.structured as { weeks: Array<{ week_start: string }> }).weeks.map((w) => w.week_start);
    expect(weeks).toEqual([-21, -14, -7, 0].map((d) => addDays(lastMonday, d)));

    // 20-minute power against the same dates a year earlier, the best a real bike workout's.
    const compared = peaks.structured as { records: Array<{ workout_id: number }>; comparison?: { compare_to: string } };
    expect(compared.comparison?.compare_to).toBe("previous_year");
    expect(athlete.workouts.find((w) => w.workoutId === compared.records[0]!.workout_id)?.workoutTypeValueId).toBe(2);

    // Race readiness is about the next A race on the athlete's calendar.
    const nextA = athlete.events.filter((e) => e.atpPriority === "A" && localDate(e.eventDate)! >= today).sort((a, b) => a.eventDate.localeCompare(b.eventDate))[0]!;
    expect((readiness.structured as { race?: { id: number; priority: string } }).race).toMatchObject({ id: nextA.id, priority: "A" });
    expect(readiness.text).toContain(nextA.name!);

    // The fitness answer is the 42/7-day model applied to the athlete's daily TSS, recomputed here.
    const tssByDay = new Map<string, number>();
    for (const w of athlete.workouts) if (dayOf(w) <= today && w.tssActual != null) tssByDay.set(dayOf(w), (tssByDay.get(dayOf(w)) ?? 0) + w.tssActual);
    let ctl = 0;
    let atl = 0;
    for (let day = athlete.firstDay; day <= today; day = addDays(day, 1)) {
      const tss = tssByDay.get(day) ?? 0;
      ctl += (tss - ctl) / 42;
      atl += (tss - atl) / 7;
    }
    const summary = (fitness.structured as { summary: { date: string; fitness_ctl: number; fatigue_atl: number } }).summary;
    expect(summary).toMatchObject({ date: today });
    expect(summary.fitness_ctl).toBeCloseTo(ctl, 1);
    expect(summary.fatigue_atl).toBeCloseTo(atl, 1);

    // The rides are the athlete's completed bike workouts of the 28 days to today, and nothing else.
    const start = addDays(today, -27);
    expect(rides.arguments).toMatchObject({ start_date: start, end_date: today, sport: "Bike" });
    const listed = (rides.structured as { workouts: Array<{ workout_id: number; sport: string; duration_s?: number }> }).workouts;
    const bikeRides = athlete.workouts.filter((w) => w.workoutTypeValueId === 2 && dayOf(w) >= start && dayOf(w) <= today && done(w));
    expect(listed.map((w) => w.workout_id).sort()).toEqual(bikeRides.map((w) => w.workoutId).sort());
    expect(new Set(listed.map((w) => w.sport))).toEqual(new Set(["Bike"]));

    // "The longest of those rides" is the longest, and the PRs are that ride's.
    const longest = Math.max(...listed.map((w) => w.duration_s ?? 0));
    expect(listed.find((w) => w.workout_id === ride.arguments.workout_id)?.duration_s).toBe(longest);
    expect(prs.arguments).toEqual(ride.arguments);
    expect(stops.find((s) => s.tool === "tp_analyze_workout")!.arguments).toEqual(ride.arguments);

    // The coached athlete's weeks are hers, not the signed-in triathlete's.
    const coachedWeeks = stops.at(-1)!;
    expect(coachedWeeks.arguments).toMatchObject({ athlete: "Zoë" });
    expect((coachedWeeks.structured as { athlete: { athlete_id: number } }).athlete.athlete_id).not.toBe(athlete.athleteId);
  });
});
