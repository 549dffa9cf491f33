import { afterEach, describe, expect, it, vi } from "vitest";
import { connectInMemory } from "../../src/server/in-memory.js";
import { setupSpecServer } from "../support/spec-mocks.js";
import { testClient } from "../support/test-client.js";

const mock = setupSpecServer();
afterEach(() => vi.useRealTimers());

describe("today is the athlete's", () => {
  // The spec's user example lives in Europe/Berlin: at 23:30 UTC it is already tomorrow there.
  it.each([
    ["2026-11-24T23:30:00Z", "2026-11-25"],
    ["2026-11-24T22:30:00Z", "2026-11-24"],
  ])("at %s the last day asked for is %s", async (now, today) => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date(now) });
    const { recorded } = mock.use();
    const client = testClient({ cookie: "fake-cookie" });
    // No `today`: the server works it out, which is what is under test.
    const session = await connectInMemory({ client }, { name: "test", version: "0" });
    const result = await session.client.callTool({ name: "tp_get_peaks", arguments: { sport: "Bike", pr_type: "power5min", days: 7 } });
    expect(result.structuredContent).toMatchObject({ end_date: today });
    const peaks = recorded.find((r) => r.operationId === "getAthletePeaks")!;
    expect(peaks.url.searchParams.get("endDate")).toBe(`${today}T00:00:00`);
    // The time zone came from the one user lookup the athlete id needed anyway.
    expect(recorded.filter((r) => r.operationId === "getUser")).toHaveLength(1);
    await session.close();
  });
});
