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

type Workout = { workout_id: number; date: string; sport: string; duration_s?: number };
type Peak = { date: string | null; power_w?: number };

/** The questions a newcomer would ask, each answered by a real tool call through an MCP client. */
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
  await ask("What did I do last week?", "tp_get_workouts", { start_date: lastMonday, end_date: addDays(lastMonday, 6), type: "completed" });

  const twoYears = await ask("Compare my 20-minute power this year vs last year", "tp_get_peaks", { sport: "Bike", pr_type: "power20min", days: 730 });
  const yearAgo = addDays(today, -365);
  const records = (twoYears.structured?.records ?? []) as Peak[];
  const best = (from: (date: string) => boolean) => records.find((r) => r.date !== null && from(r.date));
  const thisYear = best((date) => date > yearAgo);
  const lastYear = best((date) => date <= yearAgo);
  twoYears.text =
    `This year's best 20 min: ${thisYear?.power_w ?? "none"} W (${thisYear?.date ?? "-"}); ` +
    `last year's: ${lastYear?.power_w ?? "none"} W (${lastYear?.date ?? "-"}).\n${twoYears.text}`;

  await ask("Am I ready to race?", "tp_get_fitness", { days: 42 });

  const month = await ask("Which rides did I do this month?", "tp_get_workouts", { start_date: addDays(today, -27), end_date: today, type: "completed" });
  const rides = ((month.structured?.workouts ?? []) as Workout[]).filter((w) => w.sport === "Bike");
  const longest = rides.reduce<Workout | undefined>((a, w) => ((w.duration_s ?? 0) > (a?.duration_s ?? 0) ? w : a), undefined);
  if (longest) {
    await ask("Tell me about my last long ride", "tp_get_workout", { workout_id: longest.workout_id });
    await ask("PRs in my last long ride?", "tp_get_workout_prs", { workout_id: longest.workout_id });
  }
  return stops;
}
