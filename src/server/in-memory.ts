import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { createServer, type CreateServerOptions } from "./create-server.js";

export interface InMemorySession {
  client: Client;
  /** Resolves when every tool call under way has answered. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The server and the SDK's own Client linked in memory: a tool answers through the same protocol
 * handling (validation on both ends included) as over stdio, without a process or a pipe.
 */
export async function connectInMemory(options: CreateServerOptions, clientInfo: { name: string; version: string }): Promise<InMemorySession> {
  const mcp = createServer(options);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client(clientInfo);
  await Promise.all([mcp.server.connect(serverSide), client.connect(clientSide)]);
  return {
    client,
    idle: () => mcp.idle(),
    async close() {
      await client.close();
      await mcp.close();
    },
  };
}
