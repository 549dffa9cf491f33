import type { Workout } from "../client/normalize.js";
import { byCodeUnit } from "../core/compare.js";
import { round } from "../core/numbers.js";
import { clock, compact, hoursToSeconds, km, parts, sportName } from "./format.js";
import type { HandlerOutput, ToolHandler } from "./types.js";
import { workoutDate, workoutStatus } from "./workout-status.js";

type Output = HandlerOutput<"tp_get_workouts">;
type WorkoutSummary = Output["workouts"][number];
type Totals = Output["totals"];

export function summarizeWorkout(workout: Workout, today: string): WorkoutSummary {
  const status = workoutStatus(workout, today);
  const completed = status === "completed";
  return {
    workout_id: workout.workoutId,
    date: workoutDate(workout),
    sport: sportName(workout.workoutTypeValueId),
    ...(workout.title ? { title: workout.title } : {}),
    status,
    ...compact({
      duration_s: completed ? hoursToSeconds(workout.totalTime) : undefined,
      distance_m: completed && workout.distance != null ? round(workout.distance, 0) : undefined,
      tss: completed && workout.tssActual != null ? round(workout.tssActual, 1) : undefined,
      if: completed && workout.if != null ? round(workout.if, 2) : undefined,
      planned_duration_s: hoursToSeconds(workout.totalTimePlanned),
      planned_distance_m: workout.distancePlanned != null ? round(workout.distancePlanned, 0) : undefined,
      planned_tss: workout.tssPlanned != null ? round(workout.tssPlanned, 1) : undefined,
      planned_if: workout.ifPlanned != null ? round(workout.ifPlanned, 2) : undefined,
    }),
  };
}

function line(w: WorkoutSummary): string {
  const done = w.status === "completed";
  const duration = done ? w.duration_s : w.planned_duration_s;
  const distance = done ? w.distance_m : w.planned_distance_m;
  const tss = done ? w.tss : w.planned_tss;
  return `${w.date} #${w.workout_id} ${w.sport} "${w.title ?? "untitled"}" ${w.status}: ${parts(
    duration !== undefined && clock(duration),
    distance !== undefined && distance > 0 && km(distance),
    tss !== undefined && `TSS ${tss}`,
    done && w.if !== undefined && `IF ${w.if}`,
  ) || "no figures"}`;
}

const sum = (workouts: WorkoutSummary[], field: "duration_s" | "distance_m" | "tss" | "planned_duration_s" | "planned_distance_m" | "planned_tss") =>
  workouts.reduce((total, w) => total + (w[field] ?? 0), 0);

function totalsOf(workouts: WorkoutSummary[]): Totals {
  const done = workouts.filter((w) => w.status === "completed");
  const notDone = workouts.filter((w) => w.status !== "completed");
  return {
    completed_count: done.length,
    planned_count: workouts.filter((w) => w.status === "planned").length,
    missed_count: workouts.filter((w) => w.status === "missed").length,
    duration_s: sum(done, "duration_s"),
    distance_m: round(sum(done, "distance_m"), 0),
    tss: round(sum(done, "tss"), 1),
    ...(notDone.length
      ? {
          planned_duration_s: sum(notDone, "planned_duration_s"),
          planned_distance_m: round(sum(notDone, "planned_distance_m"), 0),
          planned_tss: round(sum(notDone, "planned_tss"), 1),
        }
      : {}),
  };
}

const figures = (duration: number, distance: number, tss: number) => parts(clock(duration), distance > 0 && km(distance), `TSS ${tss}`);

/** The first line says what is listed: done figures for completed workouts, the plan for the others. */
function header(input: { start_date: string; end_date: string; type: Output["type"]; sport?: string }, count: number, t: Totals): string {
  const what = input.type === "all" ? "" : `${input.type} `;
  const intro = `${count} ${what}${input.sport ? `${input.sport} ` : ""}workout${count === 1 ? "" : "s"} from ${input.start_date} to ${input.end_date}`;
  const done = `Completed: ${figures(t.duration_s, t.distance_m, t.tss)}.`;
  const planned = [t.planned_duration_s ?? 0, t.planned_distance_m ?? 0, t.planned_tss ?? 0] as const;
  const plan = planned.some((value) => value > 0) ? figures(...planned) : "";
  if (input.type === "completed") return `${intro}: ${figures(t.duration_s, t.distance_m, t.tss)}.`;
  if (input.type === "planned") return `${intro}${plan ? `, planned: ${plan}` : ""}.`;
  if (input.type === "missed") return `${intro}${plan ? `, never done: ${plan} planned` : ""}.`;
  const counts = parts(`${t.completed_count} completed`, t.planned_count > 0 && `${t.planned_count} planned`, t.missed_count > 0 && `${t.missed_count} missed`);
  return `${intro} (${counts}). ${done}${plan ? ` Not done (planned and missed): ${plan}.` : ""}`;
}

export const getWorkouts: ToolHandler<"tp_get_workouts"> = async (input, { client, today, signal }) => {
  const now = await today();
  const all = await client.getWorkouts(input.start_date, input.end_date, { signal });
  const workouts = all
    .map((workout) => ({ workout, summary: summarizeWorkout(workout, now) }))
    .filter(({ summary }) => (input.type === "all" || summary.status === input.type) && (!input.sport || summary.sport === input.sport))
    .sort((a, b) => byCodeUnit(a.summary.date, b.summary.date) || (a.workout.orderOnDay ?? 0) - (b.workout.orderOnDay ?? 0))
    .map(({ summary }) => summary);
  const totals = totalsOf(workouts);
  return {
    structured: {
      start_date: input.start_date,
      end_date: input.end_date,
      type: input.type,
      ...(input.sport ? { sport: input.sport } : {}),
      count: workouts.length,
      totals,
      workouts,
    },
    text: [header(input, workouts.length, totals), ...workouts.map(line)].join("\n"),
  };
};
