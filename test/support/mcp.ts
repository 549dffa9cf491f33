import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { TrainingPeaksClient } from "../../src/client/client.js";
import { createServer } from "../../src/server/create-server.js";
import type { Logger } from "../../src/server/log.js";

/** The real server and the SDK's real Client over an in-memory transport (the SDK validates both ends). */
export async function connectInMemory(options: { client: TrainingPeaksClient; today?: string; logger?: Logger }) {
  const mcp = createServer({ client: options.client, today: () => options.today ?? "2026-11-25", logger: options.logger });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "test", version: "0.0.0" });
  await Promise.all([mcp.server.connect(serverSide), client.connect(clientSide)]);
  return {
    client,
    async close() {
      await client.close();
      await mcp.close();
    },
  };
}

export function textOf(result: object): string {
  return (((result as { content?: unknown }).content ?? []) as Array<{ type: string; text?: string }>).map((c) => c.text ?? "").join("\n");
}
