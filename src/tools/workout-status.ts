import { localDate } from "../core/dates.js";
import { isCompleted, type Workout } from "../client/normalize.js";

export type WorkoutStatus = "completed" | "planned" | "missed";

/** The workout's day on the athlete's calendar, YYYY-MM-DD (never converted through UTC). */
export function workoutDate(workout: Workout): string {
  return localDate(workout.workoutDay) ?? workout.workoutDay;
}

/** True when the workout was planned with a duration, a distance or a TSS. */
export function hasPlan(workout: Workout): boolean {
  return (workout.totalTimePlanned ?? 0) > 0 || (workout.distancePlanned ?? 0) > 0 || (workout.tssPlanned ?? 0) > 0;
}

/**
 * The one rule every tool reads a workout's status by. Completed: it has actuals (TrainingPeaks's
 * own `completed` flag is unreliable). Missed: planned for a day before the athlete's today and
 * never done. Planned: the rest, i.e. today and later, or an entry with nothing to do (a day off),
 * which cannot be missed.
 */
export function workoutStatus(workout: Workout, today: string): WorkoutStatus {
  if (isCompleted(workout)) return "completed";
  return workoutDate(workout) < today && hasPlan(workout) ? "missed" : "planned";
}
