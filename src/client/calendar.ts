import type { TrainingPeaksClient } from "./client.js";
import { MAX_RANGE_DAYS, type OperationId } from "../generated/constants.js";
import { assertRange } from "./input-checks.js";
import type { OperationAnswer, OperationInit } from "./operations.js";

export interface CalendarRequestOptions {
  signal?: AbortSignal;
}

/** Sends an operation for the athlete the client reads, once that athlete is known. */
export type ForAthlete = <Id extends OperationId>(
  operation: Id,
  request: CalendarRequestOptions | undefined,
  init: (athleteId: number) => OperationInit<Id>,
) => Promise<OperationAnswer<Id>>;

/** The calendar's entries that are not workouts (declared in TrainingPeaksClient). */
export function calendarMethods(forAthlete: ForAthlete): Pick<TrainingPeaksClient, "getStrengthWorkouts" | "getCalendarNotes"> {
  return {
    async getStrengthWorkouts(startDate, endDate, request) {
      assertRange(startDate, endDate, MAX_RANGE_DAYS.getStrengthWorkoutCalendar);
      const body = await forAthlete("getStrengthWorkoutCalendar", request, (athleteId) => ({ params: { path: { athleteId, startDate, endDate } } }));
      // The calendar's answer is not recorded anywhere: the spec accepts a bare list and `{ data: [...] }`.
      return Array.isArray(body) ? body : body.data;
    },
    async getCalendarNotes(startDate, endDate, request) {
      assertRange(startDate, endDate, MAX_RANGE_DAYS.getCalendarNotes);
      return forAthlete("getCalendarNotes", request, (athleteId) => ({ params: { path: { athleteId, startDate, endDate } } }));
    },
  };
}
