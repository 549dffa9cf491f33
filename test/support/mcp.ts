import type { TrainingPeaksClient } from "../../src/client/client.js";
import { connectInMemory as connect } from "../../src/server/in-memory.js";
import type { Logger } from "../../src/server/log.js";

export const TODAY = "2026-11-25";

/**
 * The real server and the SDK's real Client over an in-memory transport (the SDK validates both
 * ends). "Today" is TODAY unless given; `today: "athlete's"` keeps the server's own rule (the
 * date in each athlete's time zone, looked up as a real server does).
 */
export function connectInMemory(options: { client: TrainingPeaksClient; today?: string; logger?: Logger }, clientName = "test") {
  const today = options.today === "athlete's" ? undefined : () => options.today ?? TODAY;
  return connect({ client: options.client, today, logger: options.logger }, { name: clientName, version: "0.0.0" });
}

export function textOf(result: object): string {
  return (((result as { content?: unknown }).content ?? []) as Array<{ type: string; text?: string }>).map((c) => c.text ?? "").join("\n");
}

/** The spec example's signed-in athlete, as every answer about them names them. */
export const EXAMPLE_ATHLETE = { athlete_id: 2400117, name: "Jordan Example" } as const;

/**
 * An answer's text after its first line, which names the athlete the answer is about (that
 * athlete, when given). An error answers no athlete: its text is returned whole.
 */
export function answerText(result: object, athlete?: { athlete_id: number; name?: string }): string {
  if ((result as { isError?: boolean }).isError) return textOf(result);
  const [first = "", ...rest] = textOf(result).split("\n");
  const expected = athlete && `Athlete: ${athlete.name ? `${athlete.name} (${athlete.athlete_id})` : athlete.athlete_id}`;
  if (expected ? first !== expected : !/^Athlete: \S/.test(first)) {
    throw new Error(`The answer's first line is ${JSON.stringify(first)}, not the athlete's${expected ? ` (${JSON.stringify(expected)})` : ""}.`);
  }
  return rest.join("\n");
}
