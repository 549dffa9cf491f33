import type { TrainingPeaksClient } from "../client/client.js";
import type { AthleteNamed } from "../tools/types.js";

export interface AthleteTarget {
  /** The client reading this athlete: the default client itself, or its forAthlete(id). */
  client: TrainingPeaksClient;
  athlete: AthleteNamed;
}

/**
 * Whose data a call reads: the athlete the `athlete` argument names (an id, or a roster name),
 * else the client's default. A name that is ambiguous or unknown is refused here, before any
 * data request is sent.
 */
export async function athleteTarget(client: TrainingPeaksClient, choice: number | string | undefined, signal: AbortSignal): Promise<AthleteTarget> {
  if (choice === undefined) {
    const athleteId = await client.getAthleteId({ signal });
    const entry = (await client.listAthletes({ signal })).find((athlete) => athlete.athleteId === athleteId);
    return { client, athlete: { athlete_id: athleteId, ...(entry ? { name: entry.name } : {}) } };
  }
  const entry = await client.findAthlete(choice, { signal });
  const athleteId = entry?.athleteId ?? (choice as number);
  // forAthlete of the default athlete reads as the client itself does (same session and caches).
  return { client: client.forAthlete(athleteId), athlete: { athlete_id: athleteId, ...(entry ? { name: entry.name } : {}) } };
}

/** The first line of every athlete's answer: who it is about. */
export const athleteLine = ({ athlete_id, name }: AthleteNamed) => `Athlete: ${name ? `${name} (${athlete_id})` : athlete_id}`;
