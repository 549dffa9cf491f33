import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { addDays, fromDay, mondayOf, toDay } from "../core/dates.js";

export interface TourStop {
  question: string;
  tool: string;
  arguments: Record<string, unknown>;
  isError: boolean;
  text: string;
  structured: Record<string, unknown> | undefined;
}

type Workout = { workout_id: number; duration_s?: number };

/**
 * The questions a newcomer would ask, each answered by one real tool call through an MCP client.
 * The tour chooses the questions and the arguments; every word about the athlete is a tool's.
 */
export async function runTour(client: Client, today: string): Promise<TourStop[]> {
  const stops: TourStop[] = [];
  const ask = async (question: string, tool: string, args: Record<string, unknown>) => {
    const result = await client.callTool({ name: tool, arguments: args });
    const text = (result.content as Array<{ text?: string }>).map((c) => c.text ?? "").join("\n");
    const stop = { question, tool, arguments: args, isError: result.isError === true, text, structured: result.structuredContent as Record<string, unknown> | undefined };
    stops.push(stop);
    return stop;
  };

  // Last week = the Monday-to-Sunday week before this one.
  const lastMonday = fromDay(mondayOf(toDay(today)) - 7);
  const lastSunday = addDays(lastMonday, 6);
  await ask("What did I do last week?", "tp_get_workouts", { start_date: lastMonday, end_date: lastSunday, type: "completed" });
  await ask("How did my last four weeks go against the plan?", "tp_get_weekly_summary", { weeks: 4, end_date: lastSunday });
  await ask("Compare my 20-minute power with last year", "tp_get_peaks", { sport: "Bike", pr_type: "power20min", compare_to: "previous_year", limit: 3 });
  await ask("Am I ready to race?", "tp_get_race_readiness", {});
  await ask("Am I overreaching?", "tp_get_fitness", { days: 14 });

  const rides = await ask("Which rides did I do in the last four weeks?", "tp_get_workouts", {
    start_date: addDays(today, -27),
    end_date: today,
    type: "completed",
    sport: "Bike",
  });
  const longest = ((rides.structured?.workouts ?? []) as Workout[]).reduce<Workout | undefined>(
    (a, w) => ((w.duration_s ?? 0) > (a?.duration_s ?? 0) ? w : a),
    undefined,
  );
  if (longest) {
    await ask("Tell me about the longest of those rides", "tp_get_workout", { workout_id: longest.workout_id });
    await ask("Did that ride set any PRs?", "tp_get_workout_prs", { workout_id: longest.workout_id });
    await ask("How was that ride paced: laps and time in zones?", "tp_analyze_workout", { workout_id: longest.workout_id });
  }

  // The demo account coaches too: the roster, then one coached athlete's weeks, named as a coach would.
  const roster = await ask("Which athletes do I coach?", "tp_list_athletes", {});
  const coached = ((roster.structured?.athletes ?? []) as Array<{ first_name?: string; is_you: boolean }>).find((a) => !a.is_you && a.first_name);
  if (coached?.first_name) {
    await ask(`How did ${coached.first_name}'s last two weeks go?`, "tp_get_weekly_summary", { athlete: coached.first_name, weeks: 2, end_date: lastSunday });
  }
  return stops;
}

/** A line the tour prints: a heading of its own, a line of a tool's answer, or a note of lines cut. */
export interface TourLine {
  kind: "heading" | "answer" | "cut";
  text: string;
}

/** At most this many lines of an answer are shown; the rest are cut whole, and the cut is said. */
export const SHOWN_ANSWER_LINES = 14;

export const tourIntro = (tools: readonly string[]) => `trainingpeaks-mcp on the demo athlete: ${tools.length} tools (${tools.join(", ")})`;
export const questionHeading = (stop: Pick<TourStop, "question" | "tool" | "arguments">) => `» ${stop.question}  →  ${stop.tool} ${JSON.stringify(stop.arguments)}`;
export const cutNote = (lines: number) => `[tour: ${lines} more line${lines === 1 ? "" : "s"} of this answer not shown]`;
export const TOUR_OUTRO = "Use it from Claude Desktop or the MCP Inspector: see the README.";

/**
 * What `npm run demo` prints: the tools listed, then each question with the call it made and the
 * tool's text answer verbatim, cut after SHOWN_ANSWER_LINES whole lines.
 */
export function tourLines(tools: readonly string[], stops: readonly TourStop[]): TourLine[] {
  const lines: TourLine[] = [{ kind: "heading", text: tourIntro(tools) }];
  for (const stop of stops) {
    const answer = stop.text.split("\n");
    lines.push({ kind: "heading", text: questionHeading(stop) });
    for (const text of answer.slice(0, SHOWN_ANSWER_LINES)) lines.push({ kind: "answer", text });
    if (answer.length > SHOWN_ANSWER_LINES) lines.push({ kind: "cut", text: cutNote(answer.length - SHOWN_ANSWER_LINES) });
  }
  lines.push({ kind: "heading", text: TOUR_OUTRO });
  return lines;
}
