/**
 * The server's own limits in memory (the real server, the SDK's real Client): the deadline holds
 * even against work that ignores its signal, and shutdown stops queued calls at once, lets the
 * one in flight use the grace, and sends nothing more through the gated fetch.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { createServer, type CreateServerOptions } from "../../src/server/create-server.js";
import { textOf, TODAY } from "../support/mcp.js";
import { testClient } from "../support/test-client.js";

async function connect(options: Omit<CreateServerOptions, "client">, fetch: (request: Request) => Promise<Response>) {
  let gated: (request: Request) => Promise<Response> = fetch;
  const mcp = createServer({ client: testClient({ fetch: (request) => gated(request), transport: { requestsPerMinute: 60, burst: 2 } }), today: () => TODAY, ...options });
  gated = mcp.gate(fetch);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "limits", version: "0" });
  await Promise.all([mcp.server.connect(serverSide), client.connect(clientSide)]);
  return { mcp, client };
}

const fitness = (client: Client) => client.callTool({ name: "tp_get_fitness", arguments: { days: 7 } });

describe("server limits in memory", () => {
  it("answers at the deadline even when the work ignores its signal", async () => {
    const sent: Request[] = [];
    const deaf = (request: Request) => {
      sent.push(request);
      return new Promise<Response>(() => undefined);
    };
    const { mcp, client } = await connect({ limits: { toolTimeoutMs: 300 } }, deaf);
    const started = performance.now();
    const result = await fitness(client);
    expect(performance.now() - started).toBeGreaterThanOrEqual(280);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/tp_get_fitness took too long: no answer within 0.3 s/);
    expect(sent.length).toBeGreaterThan(0);
    await mcp.close();
  });

  it("shutdown stops queued calls at once, gives the one in flight the grace, and sends nothing more", async () => {
    const sent: Request[] = [];
    const stalled = (request: Request) => {
      sent.push(request);
      return new Promise<Response>((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason as Error)));
    };
    const { mcp, client } = await connect({ limits: { shutdownGraceMs: 400 } }, stalled);
    const answers: Array<{ text: string; at: number }> = [];
    const calls = Array.from({ length: 6 }, () => fitness(client).then((result) => answers.push({ text: textOf(result), at: performance.now() })));
    await expect.poll(() => sent.length).toBe(1);
    const sentBefore = sent.length;
    const stoppedAt = performance.now();
    await mcp.shutdown();
    await Promise.all(calls);
    expect(sent.length).toBe(sentBefore);
    expect(answers.every((a) => /shutting down, so tp_get_fitness was stopped/.test(a.text))).toBe(true);
    // The call that sent the token exchange was in flight; the five waiting behind it were not.
    expect(answers.filter((a) => a.at - stoppedAt < 200)).toHaveLength(5);
    expect(answers.filter((a) => a.at - stoppedAt >= 380)).toHaveLength(1);
    const late = await fitness(client);
    expect(textOf(late)).toMatch(/takes no new calls/);
    await mcp.close();
  });
});
