/**
 * A prompt: a conversation starter a client shows its user ("Weekly review"), which tells the model
 * which tools to call and what to weigh. Prompts read nothing themselves: getting one works with no
 * account, and the tools do the reading.
 */
export interface PromptArguments {
  /** The athlete, as a coach names them (an id or a roster name); absent: the user's own data. */
  athlete?: string;
  /** tp_race_readiness only: the event's name, as tp_get_events lists it. */
  event?: string;
}

export interface PromptDefinition {
  name: string;
  title: string;
  description: string;
  /** Whether the prompt takes `event` (every prompt takes `athlete`). */
  takesEvent?: boolean;
  /** The user message that starts the conversation. */
  message(args: PromptArguments): string;
}

/** How every prompt names whose data it is about, and what to pass the tools. */
export function whose(args: PromptArguments): { subject: string; pass: string } {
  if (!args.athlete) return { subject: "my", pass: "" };
  const athlete = JSON.stringify(args.athlete);
  return { subject: `${args.athlete}'s`, pass: ` Pass athlete: ${athlete} to every tool call (tp_list_athletes shows the roster if the name is refused).` };
}
