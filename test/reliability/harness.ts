/**
 * Shared by the reliability tests: a TrainingPeaks client pointed at the msw hosts, and the real
 * server ↔ the SDK's real Client over an in-memory transport, exposing the server's `idle()` so a
 * test can check that no tool call is left hanging.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { createTrainingPeaksClient, type TrainingPeaksClient, type TrainingPeaksClientOptions } from "../../src/client/client.js";
import { createServer } from "../../src/server/create-server.js";
import type { Logger } from "../../src/server/log.js";
import { TEST_BASE_URL, TEST_PEAKSWARE_BASE_URL } from "../support/spec-mocks.js";

export const TODAY = "2026-11-25";
export const COOKIE = "test-cookie-value";

export function testClient(options: Partial<TrainingPeaksClientOptions> = {}): TrainingPeaksClient {
  return createTrainingPeaksClient({ cookie: COOKIE, baseUrl: TEST_BASE_URL, peakswareBaseUrl: TEST_PEAKSWARE_BASE_URL, env: {}, ...options });
}

/** A logger that keeps what it was told, so a test can assert that nothing was logged as a bug. */
export function recordingLogger(): Logger & { errors: Array<{ message: string; error: unknown }> } {
  const errors: Array<{ message: string; error: unknown }> = [];
  return { errors, info() {}, error: (message, error) => errors.push({ message, error }) };
}

export async function connect(options: { client: TrainingPeaksClient; logger?: Logger; today?: string }) {
  const mcp = createServer({ client: options.client, today: () => options.today ?? TODAY, logger: options.logger });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "reliability", version: "0.0.0" });
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

export type Session = Awaited<ReturnType<typeof connect>>;
