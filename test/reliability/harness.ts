/**
 * Shared by the reliability tests: a TrainingPeaks client pointed at the msw hosts, and the real
 * server ↔ the SDK's real Client over an in-memory transport, exposing the server's `idle()` so a
 * test can check that no tool call is left hanging.
 */
import type { TrainingPeaksClient } from "../../src/client/client.js";
import type { Logger } from "../../src/server/log.js";
import { connectInMemory } from "../support/mcp.js";

export { TODAY } from "../support/mcp.js";
export { testClient } from "../support/test-client.js";

/** A logger that keeps what it was told, so a test can assert that nothing was logged as a bug. */
export function recordingLogger(): Logger & { errors: Array<{ message: string; error: unknown }> } {
  const errors: Array<{ message: string; error: unknown }> = [];
  return { errors, info() {}, error: (message, error) => errors.push({ message, error }) };
}

export function connect(options: { client: TrainingPeaksClient; logger?: Logger; today?: string }) {
  return connectInMemory(options, "reliability");
}

export type Session = Awaited<ReturnType<typeof connect>>;
