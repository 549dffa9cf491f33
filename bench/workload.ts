/** The tool calls the bench makes, with arguments chosen from the demo athlete's own data. */
import { addDays } from "../src/core/dates.js";
import type { DemoAthlete } from "../src/demo/index.js";
import { MAX_RANGE_DAYS, type PrType, type RecordSport } from "../src/generated/constants.js";

export interface ToolCall {
  /** A short label for the report. */
  label: string;
  name: string;
  args: Record<string, unknown>;
}

export interface Workload {
  today: string;
  /** The five tools, as the latency figures call them. */
  perTool: ToolCall[];
  /** tp_get_workouts over 90 days (the answer-size figure per workout). */
  workouts90: ToolCall;
  /** A varied rotation for the memory run (more ids, ranges and record types). */
  mixed: ToolCall[];
  /** Input the server must refuse before sending anything. */
  refused: ToolCall[];
}

export function buildWorkload(athlete: DemoAthlete): Workload {
  const today = athlete.today;
  const done = athlete.workouts
    .filter((w) => w.workoutDay.slice(0, 10) <= today && (w.totalTime != null || w.startTime != null))
    .sort((a, b) => b.workoutDay.localeCompare(a.workoutDay) || b.workoutId - a.workoutId);
  if (done.length === 0) throw new Error("the demo athlete has no completed workout");
  const withPrs = done.filter((w) => {
    const prs = athlete.workoutPrs[w.workoutId];
    return prs !== undefined && !prs.calcsPending && prs.personalRecordCount > 0;
  });
  const detailId = done[0]!.workoutId;
  const prsId = (withPrs[0] ?? done[0]!).workoutId;
  const days = (n: number) => ({ start_date: addDays(today, -(n - 1)), end_date: today });

  const perTool: ToolCall[] = [
    { label: "tp_get_workouts 7 d", name: "tp_get_workouts", args: days(7) },
    { label: "tp_get_workout", name: "tp_get_workout", args: { workout_id: detailId } },
    { label: "tp_get_peaks power20min", name: "tp_get_peaks", args: { sport: "Bike", pr_type: "power20min", days: 365 } },
    { label: "tp_get_fitness 90 d", name: "tp_get_fitness", args: { days: 90 } },
    { label: "tp_get_workout_prs", name: "tp_get_workout_prs", args: { workout_id: prsId } },
  ];
  // The longest range one call may ask for: the answer-size figure is per workout of a full range.
  const longest = MAX_RANGE_DAYS.getWorkouts;
  const workouts90: ToolCall = { label: `tp_get_workouts ${longest} d`, name: "tp_get_workouts", args: days(longest) };

  const ids = done.slice(0, 40).map((w) => w.workoutId);
  const prsIds = [...withPrs.slice(0, 10), ...done.slice(0, 10)].map((w) => w.workoutId);
  const prTypes = [
    ["Bike", "power5sec"],
    ["Bike", "power20min"],
    ["Bike", "hR5min"],
    ["Run", "speed5K"],
    ["Run", "speed10K"],
    ["Run", "hR20min"],
  ] as const satisfies ReadonlyArray<readonly [RecordSport, PrType]>;
  const mixed: ToolCall[] = [];
  for (let i = 0; i < 40; i++) {
    const [sport, prType] = prTypes[i % prTypes.length]!;
    mixed.push(
      { label: "workouts", name: "tp_get_workouts", args: i % 4 === 0 ? days(longest) : { start_date: addDays(today, -(7 + i)), end_date: addDays(today, -i) } },
      { label: "workout", name: "tp_get_workout", args: { workout_id: ids[i % ids.length]! } },
      { label: "peaks", name: "tp_get_peaks", args: { sport, pr_type: prType, days: [30, 90, 365, 730][i % 4]! } },
      { label: "fitness", name: "tp_get_fitness", args: { days: [14, 42, 90, 365][i % 4]! } },
      { label: "prs", name: "tp_get_workout_prs", args: { workout_id: prsIds[i % prsIds.length]! } },
    );
  }

  const refused: ToolCall[] = [
    { label: "91-day range", name: "tp_get_workouts", args: days(91) },
    { label: "bad date", name: "tp_get_workouts", args: { start_date: "2026-02-30", end_date: "2026-03-02" } },
  ];
  return { today, perTool, workouts90, mixed, refused };
}
