/**
 * What the server's own tools/call answers when a handler misbehaves: an answer outside the
 * tool's outputSchema and a thrown bug are isError answers saying so (details to the log, none
 * to the client), never a protocol error, and the next call is answered as usual.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { toolHandlers } from "../../src/tools/index.js";
import { recordingLogger } from "../reliability/harness.js";
import { connectInMemory, textOf } from "../support/mcp.js";
import { setupSpecServer } from "../support/spec-mocks.js";
import { testClient } from "../support/test-client.js";

const mock = setupSpecServer();

afterEach(() => {
  vi.restoreAllMocks();
});

async function session() {
  mock.use();
  const logger = recordingLogger();
  return { logger, ...(await connectInMemory({ client: testClient(), logger })) };
}

describe("a misbehaving tool handler", () => {
  it("answering outside its outputSchema is an internal error, logged, and the server answers on", async () => {
    const { client, logger, close } = await session();
    vi.spyOn(toolHandlers, "tp_list_athletes").mockResolvedValueOnce({ structured: { count: "three" } as never, text: "three athletes" });

    const result = await client.callTool({ name: "tp_list_athletes", arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe("Internal error in tp_list_athletes: its answer did not fit its schema; the details were logged to the server's stderr.");
    expect(result.structuredContent).toBeUndefined();
    expect(logger.errors.map((e) => e.message)).toEqual(["tp_list_athletes answered outside its outputSchema"]);

    const next = await client.callTool({ name: "tp_list_athletes", arguments: {} });
    expect(next.isError).toBeFalsy();
    await close();
  });

  it("throwing a bug is an internal error whose details stay in the log", async () => {
    const { client, logger, close } = await session();
    vi.spyOn(toolHandlers, "tp_list_athletes").mockRejectedValueOnce(new TypeError("cannot read x of undefined"));

    const result = await client.callTool({ name: "tp_list_athletes", arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).not.toContain("cannot read");
    expect(logger.errors).toHaveLength(1);
    await close();
  });
});
