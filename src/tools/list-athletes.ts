import type { RosterAthlete } from "../client/roster.js";
import type { HandlerOutput, ToolHandler } from "./types.js";

type Entry = HandlerOutput<"tp_list_athletes">["athletes"][number];

const INCOMPLETE = "Head-coach and sub-coach rosters are not in the account's record, so athletes coached that way may be missing; any tool reads them by id.";

function entryOf(athlete: RosterAthlete, roster: RosterAthlete[]): Entry {
  const coach = athlete.coachedBy === undefined ? undefined : roster.find((other) => other.athleteId === athlete.coachedBy);
  return {
    athlete_id: athlete.athleteId,
    name: athlete.name,
    ...(athlete.firstName ? { first_name: athlete.firstName } : {}),
    ...(athlete.lastName ? { last_name: athlete.lastName } : {}),
    account_type: athlete.accountType,
    ...(athlete.coachedBy !== undefined ? { coached_by: { id: athlete.coachedBy, ...(coach ? { name: coach.name } : {}) } } : {}),
    is_you: athlete.isSelf,
  };
}

function line(entry: Entry): string {
  const coach = !entry.coached_by ? "" : entry.coached_by.id === entry.athlete_id ? ", self-coached" : `, coached by ${entry.coached_by.name ?? entry.coached_by.id}`;
  return `- ${entry.name} (${entry.athlete_id})${entry.is_you ? " [you]" : ""}: ${entry.account_type} account${coach}`;
}

export const listAthletes: ToolHandler<"tp_list_athletes"> = async (_input, { client, signal }) => {
  const roster = await client.listAthletes({ signal });
  const athletes = roster.map((athlete) => entryOf(athlete, roster));
  const isCoach = roster.some((athlete) => athlete.isSelf && athlete.isCoach === true);
  const structured = { is_coach: isCoach, count: athletes.length, athletes, ...(isCoach ? { note: INCOMPLETE } : {}) };
  const intro = isCoach ? `${athletes.length} athlete${athletes.length === 1 ? "" : "s"} on this coach account:` : "An athlete account: it reads its own data.";
  return { structured, text: [intro, ...athletes.map(line), ...(isCoach ? [INCOMPLETE] : [])].join("\n") };
};
