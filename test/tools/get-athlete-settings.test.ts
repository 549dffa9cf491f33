import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connectInMemory, textOf } from "../support/mcp.js";
import { setupSpecServer } from "../support/spec-mocks.js";
import { testClient } from "../support/test-client.js";

const mock = setupSpecServer();
let session: Awaited<ReturnType<typeof connectInMemory>>;

beforeEach(async () => {
  mock.use();
  session = await connectInMemory({ client: testClient() });
});
afterEach(() => session.close());

describe("tp_get_athlete_settings", () => {
  it("names the athlete, their time zone and their units", async () => {
    const result = await session.client.callTool({ name: "tp_get_athlete_settings", arguments: {} });
    expect(result.structuredContent).toEqual({ athlete_id: 2400117, name: "Jordan Example", time_zone: "Europe/Berlin", units: "metric" });
    expect(textOf(result)).toBe("Jordan Example: time zone Europe/Berlin, metric units.");
  });
});
