/**
 * The analysis host's operations (api.peakswaresb.com): summary totals, the recording's channels
 * and samples, and its laps. Each is a POST of `{ workoutId }` that only reads; a 404 from any of
 * them means the workout has no file to analyse.
 */
import type { components } from "../generated/api.js";
import { assertId } from "./input-checks.js";
import type { OperationCall } from "./operations.js";

type Schemas = components["schemas"];

export interface AnalysisRequestOptions {
  signal?: AbortSignal;
}

export interface AnalysisMethods {
  analyzeWorkout(workoutId: number, options?: AnalysisRequestOptions): Promise<Schemas["AnalysisSummary"]>;
  /** Per-channel statistics and zones, and the samples (about one a second): large for a long workout. */
  analyzeWorkoutCharts(workoutId: number, options?: AnalysisRequestOptions): Promise<Schemas["AnalysisCharts"]>;
  analyzeWorkoutLaps(workoutId: number, options?: AnalysisRequestOptions): Promise<Schemas["AnalysisLaps"]>;
}

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
