import type { TrainingPeaksClient } from "../../src/client/client.js";
import { connectInMemory as connect } from "../../src/server/in-memory.js";
import type { Logger } from "../../src/server/log.js";

export const TODAY = "2026-11-25";

/** The real server and the SDK's real Client over an in-memory transport (the SDK validates both ends). */
export function connectInMemory(options: { client: TrainingPeaksClient; today?: string; logger?: Logger }, clientName = "test") {
  return connect({ client: options.client, today: () => options.today ?? TODAY, logger: options.logger }, { name: clientName, version: "0.0.0" });
}

export function textOf(result: object): string {
  return (((result as { content?: unknown }).content ?? []) as Array<{ type: string; text?: string }>).map((c) => c.text ?? "").join("\n");
}
