import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { TrainingPeaksClient } from "../client/client.js";
import { todayIn } from "../core/dates.js";
import { isTpError } from "../client/errors.js";
import { toolDefinitions, type ToolName } from "../generated/tools.js";
import { toolHandlers, type ToolContext, type ToolHandler } from "../tools/index.js";
import { CallTracker, stopReasonOf, type StopReason } from "./calls.js";
import { SERVER_LIMITS, type ServerLimits } from "./limits.js";
import { silentLogger, type Logger } from "./log.js";
import { athleteLine, athleteTarget } from "./athlete-target.js";
import { describeInvalidInput } from "./input-errors.js";
import { registerPrompts } from "./prompts.js";
import { capResult, errorResult, scrub } from "./result.js";
import { unknownToolText } from "./unknown-tool.js";

export interface CreateServerOptions {
  client: TrainingPeaksClient;
  /** Today's date, YYYY-MM-DD; default: the date in the athlete's time zone (the machine's if unknown). */
  today?: () => string | Promise<string>;
  logger?: Logger;
  name?: string;
  version?: string;
  /** The tool call deadline, result size cap and shutdown grace; default SERVER_LIMITS. */
  limits?: Partial<ServerLimits>;
  /** What no result may show; default the client's knownSecrets() (the cookie, every token). */
  secrets?: () => readonly string[];
  /** Called once, before the first tool call is run (serve finishes its start-up there). */
  beforeFirstToolCall?: () => void;
}

export interface TrainingPeaksServer {
  server: McpServer;
  /** Resolves when every tool call under way has answered. */
  idle(): Promise<void>;
  /**
   * Takes no more calls, stops the queued ones at once and the ones in flight after the grace;
   * resolves when every call has answered.
   */
  shutdown(): Promise<void>;
  /** Wraps the fetch the client sends through, so that nothing goes upstream once shutdown began. */
  gate<A extends unknown[]>(fetch: (...args: A) => Promise<Response>): (...args: A) => Promise<Response>;
  readonly limits: ServerLimits;
  close(): Promise<void>;
}

/** Tools that read one athlete's data take the `athlete` argument (shared.yaml's Athlete). */
const readsAthlete = (name: ToolName) => "athlete" in ((toolDefinitions[name].inputJsonSchema as { properties?: object }).properties ?? {});

/** 120 for 120_000, 1.5 for 1_500: a shortened deadline still reads true. */
const seconds = (ms: number) => String(Number((ms / 1000).toFixed(ms < 10_000 ? 1 : 0)));

function stoppedText(reason: StopReason, tool: string, deadlineMs: number): string {
  if (reason === "deadline") {
    return (
      `${tool} took too long: no answer within ${seconds(deadlineMs)} s (TP_TOOL_TIMEOUT_MS), so it was stopped. ` +
      "TrainingPeaks may be slow or busy: try again in a minute, or ask for less (a shorter date range)."
    );
  }
  if (reason === "shutdown") return `The server is shutting down, so ${tool} was stopped before it answered.`;
  return "The request was cancelled.";
}

export function createServer(options: CreateServerOptions): TrainingPeaksServer {
  const logger = options.logger ?? silentLogger;
  const client = options.client;
  const limits: ServerLimits = { ...SERVER_LIMITS, ...options.limits };
  const secrets = options.secrets ?? (() => client.knownSecrets());
  const calls = new CallTracker({ deadlineMs: limits.toolTimeoutMs });
  // "Today" is the athlete's: a server in UTC must not answer for yesterday in Sydney. The time
  // zone comes from the user lookup every call makes anyway; if that fails, so would the call.
  // Each athlete's own: a coach in Denver reading an athlete in Sydney gets the athlete's today.
  const today = async (reader: TrainingPeaksClient, signal: AbortSignal) =>
    options.today ? options.today() : todayIn(await reader.getTimeZone({ signal }));
  const server = new McpServer(
    { name: options.name ?? "trainingpeaks-mcp", version: options.version ?? "0.0.0" },
    {
      instructions:
        "Read-only access to the user's TrainingPeaks account: workouts, fitness (CTL/ATL/TSB), records, wellness, races, strength sessions. " +
        "Dates are YYYY-MM-DD in the athlete's calendar. A coach reads an athlete by passing `athlete` (a name or id from tp_list_athletes) to any tool.",
    },
  );

  // tools/call is answered here rather than by McpServer.registerTool: each tool's own schema
  // validates its arguments, so a refusal says, in one sentence per field, what is allowed
  // (input-errors.ts); a name no tool has is answered with the list of tools; and an answer
  // that does not fit the tool's outputSchema is a bug reported as such, never a protocol error.
  const callTool = async <N extends ToolName>(name: N, args: Record<string, unknown>, clientSignal: AbortSignal): Promise<CallToolResult> => {
    const definition = toolDefinitions[name];
    const parsed = definition.inputSchema.safeParse(args);
    const result = calls.stopping
      ? errorResult(`The server is shutting down and takes no new calls; ${name} was not run.`)
      : parsed.success
        ? await answer(name, parsed.data as never, clientSignal)
        : errorResult(describeInvalidInput(definition, parsed.error.issues, args));
    // The last line of defence: whatever path a secret took into the answer, it stops here.
    return scrub(result, secrets());
  };

  const answer = async <N extends ToolName>(name: N, input: never, clientSignal: AbortSignal): Promise<CallToolResult> => {
    const handler = toolHandlers[name] as ToolHandler<N>;
    try {
      const answered = await calls.run(clientSignal, async (signal) => {
        const choice = (input as { athlete?: number | string }).athlete;
        // A named athlete is resolved first (a wrong name reads nothing); the default athlete is the
        // client's own, named once the answer is in, so the tool's own checks still come first.
        const chosen = readsAthlete(name) && choice !== undefined ? await athleteTarget(client, choice, signal) : undefined;
        const reader = chosen?.client ?? client;
        const context: ToolContext = { client: reader, today: () => today(reader, signal), signal };
        const { structured, text, image } = await handler(input, context);
        const target = chosen ?? (readsAthlete(name) ? await athleteTarget(client, undefined, signal) : undefined);
        // Every answer about an athlete says whose it is.
        return target
          ? { structured: { athlete: target.athlete, ...structured }, text: `${athleteLine(target.athlete)}\n${text}`, image }
          : { structured, text, image };
      });
      const image = answered.image && { type: "image" as const, data: Buffer.from(answered.image.data).toString("base64"), mimeType: answered.image.mimeType };
      const result = { structuredContent: answered.structured as Record<string, unknown>, content: [{ type: "text" as const, text: answered.text }, ...(image ? [image] : [])] };
      const fits = toolDefinitions[name].outputSchema.safeParse(result.structuredContent);
      if (!fits.success) {
        logger.error(`${name} answered outside its outputSchema`, fits.error);
        return errorResult(`Internal error in ${name}: its answer did not fit its schema; the details were logged to the server's stderr.`);
      }
      return capResult(name, result, limits.maxResultBytes);
    } catch (error) {
      const reason = stopReasonOf(error) ?? (calls.stopping ? "shutdown" : undefined);
      if (reason) return errorResult(stoppedText(reason, name, limits.toolTimeoutMs));
      if (isTpError(error)) return errorResult(error.message);
      // A bug, not an API error: say so plainly and keep the details for the log.
      logger.error(`${name} failed`, error);
      return errorResult(`Internal error in ${name}; the details were logged to the server's stderr.`);
    }
  };
  const toolNames = Object.keys(toolDefinitions) as ToolName[];
  const known = new Set<string>(toolNames);
  server.server.registerCapabilities({ tools: {} });
  let beforeFirstToolCall = options.beforeFirstToolCall;
  server.server.setRequestHandler(CallToolRequestSchema, (request, extra) => {
    const first = beforeFirstToolCall;
    beforeFirstToolCall = undefined;
    first?.();
    return known.has(request.params.name)
      ? callTool(request.params.name as ToolName, request.params.arguments ?? {}, extra.signal)
      : errorResult(unknownToolText(request.params.name, toolNames));
  });
  registerPrompts(server, client);

  // tools/list publishes the spec's own JSON Schemas, generated ahead of time, instead of the
  // SDK converting the zod schemas on every list: the descriptions and bounds are the spec's
  // words, there is no zod-specific regex, and the first list costs nothing (npm run bench).
  // The zod schemas still validate every call (registerTool above).
  const listed = (Object.keys(toolDefinitions) as ToolName[]).map((name) => {
    const { title, description, annotations, inputJsonSchema, outputJsonSchema } = toolDefinitions[name];
    return { name, title, description, annotations, inputSchema: inputJsonSchema, outputSchema: outputJsonSchema };
  });
  server.server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listed as never }));

  return {
    server,
    idle: () => calls.idle(),
    shutdown: () => calls.shutdown(limits.shutdownGraceMs),
    gate: (fetch) => calls.gate(fetch),
    limits,
    close: () => server.close(),
  };
}
