/**
 * `beforeFirstToolCall` (serve finishes its start-up there: code cache, V8 flags) runs once,
 * before the first tool call does anything, and not for the lists a client asks for first.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { describe, expect, it } from "vitest";
import { createServer } from "../../src/server/create-server.js";
import { TODAY } from "../support/mcp.js";
import { noWait, testClient } from "../support/test-client.js";

describe("beforeFirstToolCall", () => {
  it("runs once, before the first call sends anything, and not for tools/list", async () => {
    const events: string[] = [];
    const refuse = (request: Request) => {
      events.push(`request ${new URL(request.url).pathname}`);
      return Promise.resolve(new Response("{}", { status: 401 }));
    };
    const mcp = createServer({
      client: testClient({ fetch: refuse, transport: { sleep: noWait } }),
      today: () => TODAY,
      beforeFirstToolCall: () => events.push("before first tool call"),
    });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const client = new Client({ name: "first-call", version: "0" });
    await Promise.all([mcp.server.connect(serverSide), client.connect(clientSide)]);

    await client.listTools();
    expect(events).toEqual([]);
    const first = await client.callTool({ name: "tp_get_fitness", arguments: { days: 7 } });
    expect(first.isError).toBe(true);
    expect(events[0]).toBe("before first tool call");
    expect(events.slice(1).length).toBeGreaterThan(0);
    expect(events.slice(1).every((event) => event.startsWith("request "))).toBe(true);

    const sentBefore = events.length;
    await client.callTool({ name: "tp_get_fitness", arguments: { days: 7 } });
    expect(events.filter((event) => event === "before first tool call")).toHaveLength(1);
    expect(events.length).toBeGreaterThan(sentBefore);
    await mcp.close();
  });
});
