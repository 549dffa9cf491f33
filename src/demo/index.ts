/** The offline demo athlete: synthetic TrainingPeaks data served through a `fetch`. */
export { createDemoAthlete, demoToday, workoutLaps, workoutsByDay, DEFAULT_SEED, HISTORY_DAYS, PLANNED_DAYS } from "./athlete.js";
export type { DemoAthlete, DemoAthleteOptions } from "./athlete.js";
export { createDemoFetch, MAX_WORKOUT_RANGE_DAYS } from "./fetch.js";
export type { DemoFetch, DemoFetchOptions } from "./fetch.js";
export { computePerformance } from "./fitness.js";
export type { PerformanceOptions, PerformancePoint } from "./fitness.js";
export { BIKE_PR_TYPES, RUN_PR_TYPES } from "./peaks.js";
export type { Peaks, PrType } from "./peaks.js";
export { DEMO_ATHLETE_ID, thresholdsOn } from "./profile.js";
export { CYCLIST, ROSTER, RUNNER, TRIATHLETE } from "./roster.js";
export type { DemoPersona, Discipline } from "./roster.js";
export type * from "./types.js";
