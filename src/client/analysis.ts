/**
 * The analysis host's operations (api.peakswaresb.com): summary totals, the recording's channels
 * and samples, and its laps. Each is a POST of `{ workoutId }` that only reads; a 404 from any of
 * them means the workout has no file to analyse.
 */
import type { TrainingPeaksClient } from "./client.js";
import { assertId } from "./input-checks.js";
import type { OperationCall } from "./operations.js";

/** The analysis methods of TrainingPeaksClient (declared there, where the SDK reference reads them). */
type AnalysisMethods = Pick<TrainingPeaksClient, "analyzeWorkout" | "analyzeWorkoutCharts" | "analyzeWorkoutLaps">;

export function analysisMethods(call: OperationCall): AnalysisMethods {
  const body = (workoutId: number) => {
    assertId("workoutId", workoutId);
    return { workoutId };
  };
  return {
    analyzeWorkout: async (workoutId, request) => call("analyzeWorkoutSummary", { body: body(workoutId), signal: request?.signal }),
    analyzeWorkoutCharts: async (workoutId, request) => call("analyzeWorkoutCharts", { body: body(workoutId), signal: request?.signal }),
    analyzeWorkoutLaps: async (workoutId, request) => call("analyzeWorkoutLaps", { body: body(workoutId), signal: request?.signal }),
  };
}
