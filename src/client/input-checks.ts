import { MAX_RANGE_DAYS, PR_TYPES_BY_SPORT, type PrType, type RecordSport } from "../generated/constants.js";
import { inclusiveDays, isCalendarDate } from "../core/dates.js";
import { InvalidInputError } from "./errors.js";

/** Checks what the API would refuse, before any request is sent. */
export function assertDate(name: string, value: string): void {
  if (typeof value !== "string" || !isCalendarDate(value)) {
    throw new InvalidInputError(`${name} must be a real calendar date written YYYY-MM-DD (got ${JSON.stringify(value)}).`);
  }
}

export function assertRange(start: string, end: string, maxDays?: number): void {
  assertDate("startDate", start);
  assertDate("endDate", end);
  const days = inclusiveDays(start, end);
  if (days < 1) throw new InvalidInputError(`endDate (${end}) is before startDate (${start}).`);
  if (maxDays !== undefined && days > maxDays) {
    throw new InvalidInputError(
      `The range ${start} to ${end} covers ${days} days; TrainingPeaks accepts at most ${maxDays} per request.`,
    );
  }
}

export const WORKOUT_LIST_MAX_DAYS: number = MAX_RANGE_DAYS.getWorkouts;

export function assertId(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new InvalidInputError(`${name} must be a positive whole number (got ${JSON.stringify(value)}).`);
  }
}

export function assertPrType(sport: RecordSport, prType: string): asserts prType is PrType {
  const allowed: readonly string[] | undefined = PR_TYPES_BY_SPORT[sport];
  if (!allowed) throw new InvalidInputError(`sport must be one of ${Object.keys(PR_TYPES_BY_SPORT).join(", ")}.`);
  if (!allowed.includes(prType)) {
    throw new InvalidInputError(`${prType} is not a ${sport} record type; ${sport} allows: ${allowed.join(", ")}.`);
  }
}
