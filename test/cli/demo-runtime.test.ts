import { afterEach, describe, expect, it, vi } from "vitest";
import { createRuntime } from "../../src/cli/runtime.js";
import { addDays } from "../../src/core/dates.js";
import { demoToday } from "../../src/demo/index.js";

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("the demo runtime (serve --demo, call --demo)", () => {
  it("is never paced or retried and sends nothing to the network: forty requests answer with the clock stopped", async () => {
    const network = vi.fn(() => Promise.reject(new Error("the demo must not reach the network")));
    vi.stubGlobal("fetch", network);
    const runtime = await createRuntime({ demo: true, env: { TP_REQUESTS_PER_MINUTE: "1", TP_API_BASE_URL: "not a url" } });
    // The first request loads the demo module: a dynamic import, done before the clock stops.
    const today = demoToday();
    const [first] = await runtime.client.getWorkouts(addDays(today, -6), today);
    expect(first).toBeDefined();
    // A paced client holds the 11th request until a timer fires; with fake timers none ever does.
    vi.useFakeTimers();
    const answers = await Promise.all(Array.from({ length: 40 }, () => runtime.client.getWorkout(first!.workoutId)));
    expect(answers.every((workout) => workout.workoutId === first!.workoutId)).toBe(true);
    expect(network).not.toHaveBeenCalled();
    expect(runtime.secrets()).toEqual([]);
  });
});
