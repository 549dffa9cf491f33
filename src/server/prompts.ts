/**
 * The prompts of src/prompts/, registered with argument completion: `athlete` completes from the
 * roster, `event` from the athlete's coming events. A completion that cannot read the account
 * (no credential yet, a network failure) suggests nothing rather than failing the request.
 */
import { completable } from "@modelcontextprotocol/sdk/server/completable.js";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { TrainingPeaksClient } from "../client/client.js";
import { foldName } from "../client/roster.js";
import { addDays, todayIn } from "../core/dates.js";
import { prompts, type PromptArguments } from "../prompts/index.js";

/** Clients show a short list: the MCP spec caps a completion at 100 values. */
const MAX_SUGGESTIONS = 20;

/** "mü" suggests "Zoë Müller": the typed text (any case, accents optional) starts the name or one of its later words. */
function suggests(candidate: string, typed: string): boolean {
  const words = foldName(candidate).split(" ");
  const wanted = foldName(typed);
  return words.some((_, index) => words.slice(index).join(" ").startsWith(wanted));
}

async function athleteNames(client: TrainingPeaksClient, typed: string): Promise<string[]> {
  const roster = await client.listAthletes();
  return roster.map((athlete) => athlete.name).filter((name) => suggests(name, typed)).slice(0, MAX_SUGGESTIONS);
}

async function eventNames(client: TrainingPeaksClient, typed: string, athlete: string | undefined): Promise<string[]> {
  let reader = client;
  if (athlete) {
    const entry = await client.findAthlete(/^\d+$/.test(athlete) ? Number(athlete) : athlete);
    reader = client.forAthlete(entry?.athleteId ?? Number(athlete));
  }
  const today = todayIn(await reader.getTimeZone());
  const events = await reader.getEvents(today, addDays(today, 365));
  const names = events.map((event) => event.name).filter((name): name is string => typeof name === "string" && name.trim() !== "");
  return [...new Set(names)].filter((name) => suggests(name, typed)).slice(0, MAX_SUGGESTIONS);
}

const quietly = async (suggest: () => Promise<string[]>) => {
  try {
    return await suggest();
  } catch {
    return [];
  }
};

type Suggest = (typed: string, context?: { arguments?: Record<string, string> }) => Promise<string[]>;

/**
 * An optional, completed string argument. The SDK looks for the completion on the inner schema
 * when it registers the prompt (to enable completions) and on the optional one when it answers a
 * completion/complete, so both carry it.
 */
function optionalCompletable(description: string, suggest: Suggest) {
  const complete = (typed: string | undefined, context?: { arguments?: Record<string, string> }) => suggest(typed ?? "", context);
  return completable(completable(z.string(), complete).optional().describe(description), complete);
}

export function registerPrompts(server: McpServer, client: TrainingPeaksClient): void {
  const athlete = optionalCompletable("Coaches: the athlete, by name or id (default: your own data).", (typed) =>
    quietly(() => athleteNames(client, typed)),
  );
  const event = optionalCompletable("The race, by name (default: the next A race).", (typed, context) =>
    quietly(() => eventNames(client, typed, context?.arguments?.athlete)),
  );
  for (const prompt of prompts) {
    const argsSchema: Record<string, typeof athlete> = prompt.takesEvent ? { athlete, event } : { athlete };
    server.registerPrompt(prompt.name, { title: prompt.title, description: prompt.description, argsSchema }, (args: PromptArguments) => ({
      description: prompt.description,
      messages: [{ role: "user" as const, content: { type: "text" as const, text: prompt.message(args) } }],
    }));
  }
}
