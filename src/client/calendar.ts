import type { components } from "../generated/api.js";
import { MAX_RANGE_DAYS, type OperationId } from "../generated/constants.js";
import { assertRange } from "./input-checks.js";
import type { OperationAnswer, OperationInit } from "./operations.js";

type Schemas = components["schemas"];

export interface CalendarRequestOptions {
  signal?: AbortSignal;
}

/** The calendar's entries that are not workouts: Strength Builder sessions and notes. */
export interface CalendarMethods {
  /** Strength Builder sessions from startDate to endDate (YYYY-MM-DD, inclusive, at most 90 days); they are not in getWorkouts. */
  getStrengthWorkouts(startDate: string, endDate: string, options?: CalendarRequestOptions): Promise<Schemas["StrengthWorkout"][]>;
  /** Calendar notes from startDate to endDate (YYYY-MM-DD, inclusive, at most 366 days), hidden ones included. */
  getCalendarNotes(startDate: string, endDate: string, options?: CalendarRequestOptions): Promise<Schemas["CalendarNote"][]>;
}

/** Sends an operation for the athlete the client reads, once that athlete is known. */
export type ForAthlete = <Id extends OperationId>(
  operation: Id,
  request: CalendarRequestOptions | undefined,
  init: (athleteId: number) => OperationInit<Id>,
) => Promise<OperationAnswer<Id>>;

export function calendarMethods(forAthlete: ForAthlete): CalendarMethods {
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
