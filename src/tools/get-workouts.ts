import { localDate } from "../core/dates.js";
import { isCompleted, type Workout } from "../client/normalize.js";
import type { ToolOutput } from "../generated/tools.js";
import { round } from "../core/numbers.js";
import { clock, compact, hoursToSeconds, km, parts, sportName } from "./format.js";
import type { ToolHandler } from "./types.js";

type WorkoutSummary = ToolOutput<"tp_get_workouts">["workouts"][number];

export function summarizeWorkout(workout: Workout): WorkoutSummary {
  const completed = isCompleted(workout);
  return {
    workout_id: workout.workoutId,
    date: localDate(workout.workoutDay) ?? workout.workoutDay,
    sport: sportName(workout.workoutTypeValueId),
    title: workout.title ?? null,
    status: completed ? "completed" : "planned",
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

export const getWorkouts: ToolHandler<"tp_get_workouts"> = async (input, { client, signal }) => {
  const all = await client.getWorkouts(input.start_date, input.end_date, { signal });
  const workouts = all
    .map((workout) => ({ workout, summary: summarizeWorkout(workout) }))
    .filter(({ summary }) => input.type === "all" || summary.status === input.type)
    .sort((a, b) => a.summary.date.localeCompare(b.summary.date) || (a.workout.orderOnDay ?? 0) - (b.workout.orderOnDay ?? 0))
    .map(({ summary }) => summary);
  const done = workouts.filter((w) => w.status === "completed");
  const totals = {
    completed_count: done.length,
    planned_count: workouts.length - done.length,
    duration_s: done.reduce((sum, w) => sum + (w.duration_s ?? 0), 0),
    distance_m: round(done.reduce((sum, w) => sum + (w.distance_m ?? 0), 0), 0),
    tss: round(done.reduce((sum, w) => sum + (w.tss ?? 0), 0), 1),
  };
  const header =
    `${workouts.length} workouts from ${input.start_date} to ${input.end_date} ` +
    `(${totals.completed_count} completed, ${totals.planned_count} planned). Completed: ${clock(totals.duration_s)}, ` +
    `${km(totals.distance_m)}, TSS ${totals.tss}.`;
  return {
    structured: { start_date: input.start_date, end_date: input.end_date, type: input.type, count: workouts.length, totals, workouts },
    text: [header, ...workouts.map(line)].join("\n"),
  };
};
