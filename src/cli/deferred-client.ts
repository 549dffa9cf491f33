import type { TrainingPeaksClient } from "../client/client.js";

type AsyncMethod = {
  [K in keyof TrainingPeaksClient]: TrainingPeaksClient[K] extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof TrainingPeaksClient];

/** Every method that reaches TrainingPeaks; `satisfies` fails the build when the client gains one not listed here. */
const ASYNC_METHODS = {
  getUser: true,
  getAthleteId: true,
  getTimeZone: true,
  listAthletes: true,
  findAthlete: true,
  getWorkouts: true,
  getWorkout: true,
  getWorkoutDetails: true,
  getWorkoutLaps: true,
  getFitness: true,
  getPeaks: true,
  getWorkoutRecords: true,
  getSettings: true,
  getEvents: true,
  getFocusEvent: true,
  getNextPlannedEvent: true,
  getMetrics: true,
  getAnnualPlan: true,
  analyzeWorkout: true,
  analyzeWorkoutCharts: true,
  analyzeWorkoutLaps: true,
  getStrengthWorkout: true,
  getStrengthWorkouts: true,
  getCalendarNotes: true,
  authenticate: true,
} satisfies Record<AsyncMethod, true>;

export interface DeferredClient {
  client: TrainingPeaksClient;
  /** The real client, once one was built. */
  current(): TrainingPeaksClient | undefined;
}

/**
 * A client whose every call first asks `connect` for the real one, until it gets one: the server
 * started before `tp-mcp auth` answers each call with `connect`'s error (no credential yet), and
 * serves the account from the first call after the credential is stored, with no restart. Once
 * built, the real client is kept: its token cache and athlete id last for the process.
 */
export function deferredClient(connect: () => Promise<TrainingPeaksClient>): DeferredClient {
  let real: TrainingPeaksClient | undefined;
  // Calls arriving together share one lookup, so one client is ever built.
  let lookup: Promise<TrainingPeaksClient> | undefined;
  const resolve = (): Promise<TrainingPeaksClient> => {
    if (real) return Promise.resolve(real);
    lookup ??= connect()
      .then((client) => (real = client))
      .finally(() => (lookup = undefined));
    return lookup;
  };
  const connected = (what: string) => {
    if (!real) throw new Error(`${what} needs a connected client: call one of its methods first.`);
    return real;
  };
  // `pick` chooses the real client's view: itself, or its forAthlete(id).
  const view = (pick: (real: TrainingPeaksClient) => TrainingPeaksClient): TrainingPeaksClient => {
    const methods = Object.fromEntries(
      Object.keys(ASYNC_METHODS).map((name) => [
        name,
        async (...args: unknown[]) => (pick(await resolve())[name as AsyncMethod] as (...args: unknown[]) => Promise<unknown>)(...args),
      ]),
    ) as Pick<TrainingPeaksClient, AsyncMethod>;
    return {
      ...methods,
      forAthlete: (athleteId) => view((real) => pick(real).forAthlete(athleteId)),
      get api() {
        return pick(connected("client.api")).api;
      },
      get analysis() {
        return pick(connected("client.analysis")).analysis;
      },
      get tokenExchanges() {
        return real?.tokenExchanges ?? 0;
      },
      knownSecrets: () => real?.knownSecrets() ?? [],
    };
  };
  const client = view((real) => real);
  return { client, current: () => real };
}
