import { addDays, inclusiveDays } from "../core/dates.js";
import type { TrainingPeaksClient } from "../client/client.js";
import type { Workout } from "../client/normalize.js";
import { MAX_RANGE_DAYS } from "../generated/constants.js";

/** The fewest consecutive ranges of at most `maxDays` days that cover start..end, each day once. */
export function splitRange(start: string, end: string, maxDays: number = MAX_RANGE_DAYS.getWorkouts): Array<[string, string]> {
  const ranges: Array<[string, string]> = [];
  for (let from = start; inclusiveDays(from, end) >= 1; from = addDays(from, maxDays)) {
    const to = addDays(from, maxDays - 1);
    ranges.push([from, inclusiveDays(to, end) >= 1 ? to : end]);
  }
  return ranges;
}

/**
 * Workouts from start to end (inclusive) over any span: getWorkouts takes at most 90 days, so the
 * range is split and the parts are asked for at once (the client's pacer spaces the requests).
 */
export async function workoutsBetween(client: TrainingPeaksClient, start: string, end: string, signal?: AbortSignal): Promise<Workout[]> {
  const parts = await Promise.all(splitRange(start, end).map(([from, to]) => client.getWorkouts(from, to, { signal })));
  return parts.flat();
}
