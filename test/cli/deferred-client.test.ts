import { describe, expect, it } from "vitest";
import { createTrainingPeaksClient, type TrainingPeaksClient } from "../../src/client/client.js";
import { AuthError } from "../../src/client/errors.js";
import { deferredClient } from "../../src/cli/deferred-client.js";

describe("deferredClient", () => {
  it("answers each call with connect's error until connect succeeds, then keeps the client it got", async () => {
    let attempts = 0;
    let ready = false;
    const real = createTrainingPeaksClient({ demo: true });
    const deferred = deferredClient(async () => {
      attempts++;
      if (!ready) throw new AuthError("no credential yet");
      return real;
    });

    await expect(deferred.client.getAthleteId()).rejects.toThrow("no credential yet");
    await expect(deferred.client.getWorkouts("2026-01-01", "2026-01-07")).rejects.toThrow("no credential yet");
    expect(attempts).toBe(2);
    expect(deferred.current()).toBeUndefined();
    expect(deferred.client.knownSecrets()).toEqual([]);
    expect(() => deferred.client.api).toThrow(/needs a connected client/);

    ready = true;
    // Calls arriving together share one lookup.
    const [athleteId, sameAthlete] = await Promise.all([deferred.client.getAthleteId(), deferred.client.getAthleteId()]);
    expect(athleteId).toBe(await real.getAthleteId());
    expect(sameAthlete).toBe(athleteId);
    expect(attempts).toBe(3);
    await deferred.client.getUser();
    expect(attempts).toBe(3);
    expect(deferred.current()).toBe(real);
    expect(deferred.client.api).toBe(real.api);
    expect(deferred.client.knownSecrets()).toEqual(real.knownSecrets());
  });

  it("gives forAthlete before the credential exists, reading that athlete once connected", async () => {
    let ready = false;
    const real = createTrainingPeaksClient({ demo: true });
    const deferred = deferredClient(async () => {
      if (!ready) throw new AuthError("no credential yet");
      return real;
    });
    const other = deferred.client.forAthlete(424242);
    await expect(other.getAthleteId()).rejects.toThrow("no credential yet");
    ready = true;
    expect(await other.getAthleteId()).toBe(424242);
    expect(await deferred.client.getAthleteId()).toBe(await real.getAthleteId());
  });

  it("passes each method's arguments through", async () => {
    const seen: unknown[][] = [];
    const fake = {
      getPeaks: async (...args: unknown[]) => {
        seen.push(args);
        return [];
      },
    } as unknown as TrainingPeaksClient;
    const deferred = deferredClient(async () => fake);
    const signal = new AbortController().signal;
    await deferred.client.getPeaks("Bike", "power20min", "2026-01-01", "2026-02-01", { signal });
    expect(seen).toEqual([["Bike", "power20min", "2026-01-01", "2026-02-01", { signal }]]);
  });
});
