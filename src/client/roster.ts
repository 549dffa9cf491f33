import type { components } from "../generated/api.js";
import { isCoachOnly } from "./athlete.js";
import { InvalidInputError } from "./errors.js";

type UserResponse = components["schemas"]["UserResponse"];

/** One athlete the signed-in user may read, as the SDK names it (camelCase, like the API). */
export interface RosterAthlete {
  athleteId: number;
  /** "First Last"; "athlete <id>" where the record has no name. */
  name: string;
  firstName?: string;
  lastName?: string;
  /** From the roster's userType: 4 premium, 6 basic; 1 with an expired own plan is premium paid by the coach. */
  accountType: "premium" | "basic" | "unknown";
  /** The coach's user id, where the record names one. */
  coachedBy?: number;
  /** The signed-in user's own entry. */
  isSelf: boolean;
  /** On the signed-in user's own entry: the account is a coach's. */
  isCoach?: boolean;
}

const PREMIUM = 4;
const BASIC = 6;
const WAS_PREMIUM = 1;

function accountTypeOf(userType: number | null | undefined, expireOn: string | null | undefined, today: string): RosterAthlete["accountType"] {
  if (userType === PREMIUM) return "premium";
  if (userType === BASIC) return "basic";
  // "Was premium" whose own plan has ended is on premium through the coach.
  if (userType === WAS_PREMIUM && expireOn && expireOn.slice(0, 10) < today) return "premium";
  return "unknown";
}

const nameOf = (first: string | null | undefined, last: string | null | undefined, id: number) =>
  [first, last].filter((part) => part && part.trim()).join(" ") || `athlete ${id}`;

/**
 * The athletes of the user record: an athlete account reads itself alone; a coach reads the
 * `athletes` roster, with the coach's own entry first. Head-coach and sub-coach rosters are not in
 * that record, so a coach's list may be incomplete.
 */
export function rosterOf(response: UserResponse, today: string): RosterAthlete[] {
  const { user, accountStatus } = response;
  const listed = user.athletes ?? [];
  const own = listed.find((athlete) => athlete.athleteId === user.userId);
  const self: RosterAthlete = {
    athleteId: user.userId,
    name: nameOf(user.firstName ?? own?.firstName, user.lastName ?? own?.lastName, user.userId),
    ...optional("firstName", user.firstName ?? own?.firstName),
    ...optional("lastName", user.lastName ?? own?.lastName),
    accountType: own ? accountTypeOf(own.userType, own.expireOn, today) : accountStatus?.isPremium === true ? "premium" : "unknown",
    ...(own?.coachedBy != null ? { coachedBy: own.coachedBy } : {}),
    isSelf: true,
  };
  const isCoach = accountStatus?.isCoach === true || isCoachOnly(response);
  if (!isCoach) return [self];
  self.isCoach = true;
  const coached = listed
    .filter((athlete) => athlete.athleteId !== user.userId)
    .map(
      (athlete): RosterAthlete => ({
        athleteId: athlete.athleteId,
        name: nameOf(athlete.firstName, athlete.lastName, athlete.athleteId),
        ...optional("firstName", athlete.firstName),
        ...optional("lastName", athlete.lastName),
        accountType: accountTypeOf(athlete.userType, athlete.expireOn, today),
        ...(athlete.coachedBy != null ? { coachedBy: athlete.coachedBy } : {}),
        isSelf: false,
      }),
    );
  return [self, ...coached];
}

function optional<K extends string>(key: K, value: string | null | undefined): { [P in K]?: string } {
  return (value && value.trim() ? { [key]: value.trim() } : {}) as { [P in K]?: string };
}

/** Case-, accent- and spacing-insensitive: "zoe" finds "Zoë", "ANNA  lee" finds "Anna Lee". */
export function foldName(value: string): string {
  return value.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim().replace(/\s+/g, " ");
}

function namesOf(athlete: RosterAthlete): string[] {
  const first = athlete.firstName ?? "";
  const last = athlete.lastName ?? "";
  return [first, last, `${first} ${last}`, `${last} ${first}`, athlete.name].map(foldName).filter(Boolean);
}

const listed = (athletes: RosterAthlete[]) => athletes.map((athlete) => `${athlete.name} (${athlete.athleteId})`).join(", ");

/** Roster entries whose first name, last name or both are `query`. */
export function athletesNamed(roster: RosterAthlete[], query: string): RosterAthlete[] {
  const wanted = foldName(query);
  return roster.filter((athlete) => namesOf(athlete).includes(wanted));
}

/**
 * The one roster athlete a name means; refuses an ambiguous name with the candidates and an unknown
 * one with the roster, so that a coach never reads the wrong athlete's data.
 */
export function pickAthlete(roster: RosterAthlete[], query: string): RosterAthlete {
  const found = athletesNamed(roster, query);
  if (found.length === 1) return found[0]!;
  if (found.length > 1) {
    throw new InvalidInputError(`"${query}" matches ${found.length} athletes: ${listed(found)}. Name one by full name or by id.`);
  }
  throw new InvalidInputError(
    `No athlete named "${query}" on this account. The athletes you can read: ${listed(roster)}. ` +
      "Head-coach and sub-coach rosters are not listed; name such an athlete by id.",
  );
}
