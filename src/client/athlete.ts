import type { components } from "../generated/api.js";
import { InvalidInputError } from "./errors.js";

type UserResponse = components["schemas"]["UserResponse"];

/** A coach's account that is not an athlete's too: it has no data of its own to read. */
export function isCoachOnly({ accountStatus }: UserResponse): boolean {
  return accountStatus?.isCoach === true && accountStatus.isAthlete !== true;
}

/**
 * The athlete whose data a call reads. For an athlete account it is the user (`userId`, the same
 * as `personId`). On a coach account `athletes` is the coached roster, so taking `athletes[0]`
 * would silently read somebody else's data: a coach must name the athlete.
 */
export function athleteIdOf(response: UserResponse): number {
  const { user } = response;
  if (!isCoachOnly(response)) return user.userId;
  const roster = (user.athletes ?? [])
    .filter((athlete) => athlete.athleteId !== user.userId)
    .map((athlete) => `${[athlete.firstName, athlete.lastName].filter(Boolean).join(" ") || "athlete"} (${athlete.athleteId})`);
  throw new InvalidInputError(
    "This is a coach account: name the athlete to read (the tools' `athlete` argument, client.forAthlete(id), or TP_ATHLETE_ID)" +
      (roster.length ? `. Your athletes: ${roster.join(", ")}.` : "."),
  );
}
