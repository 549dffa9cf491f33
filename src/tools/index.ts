import type { ToolName } from "../generated/tools.js";
import { analyzeWorkout } from "./analyze-workout.js";
import { getAthleteProfile } from "./get-athlete-profile.js";
import { getCalendarNotes } from "./get-calendar-notes.js";
import { getEvents } from "./get-events.js";
import { getAnnualPlan } from "./get-annual-plan.js";
import { getFitness } from "./get-fitness.js";
import { getPeaks } from "./get-peaks.js";
import { getRaceReadiness } from "./get-race-readiness.js";
import { getStrengthWorkouts } from "./get-strength-workouts.js";
import { getWellness } from "./get-wellness.js";
import { getWorkout } from "./get-workout.js";
import { getWorkoutPrs } from "./get-workout-prs.js";
import { getWeeklySummary } from "./get-weekly-summary.js";
import { getWorkouts } from "./get-workouts.js";
import { listAthletes } from "./list-athletes.js";
import type { ToolHandler } from "./types.js";

/** The handler of every tool the spec declares; the compiler refuses a declared tool without one. */
export const toolHandlers = {
  tp_get_workouts: getWorkouts,
  tp_get_workout: getWorkout,
  tp_get_peaks: getPeaks,
  tp_get_fitness: getFitness,
  tp_get_workout_prs: getWorkoutPrs,
  tp_get_athlete_profile: getAthleteProfile,
  tp_get_wellness: getWellness,
  tp_get_events: getEvents,
  tp_get_race_readiness: getRaceReadiness,
  tp_get_weekly_summary: getWeeklySummary,
  tp_get_annual_plan: getAnnualPlan,
  tp_list_athletes: listAthletes,
  tp_analyze_workout: analyzeWorkout,
  tp_get_strength_workouts: getStrengthWorkouts,
  tp_get_calendar_notes: getCalendarNotes,
} satisfies { [N in ToolName]: ToolHandler<N> };

export type { ToolAnswer, ToolContext, ToolHandler } from "./types.js";
