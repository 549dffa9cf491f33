import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { ListToolsRequestSchema, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { TrainingPeaksClient } from "../client/client.js";
import { todayIn } from "../core/dates.js";
import { isTpError } from "../client/errors.js";
import { toolDefinitions, type ToolName } from "../generated/tools.js";
import { toolHandlers, type ToolContext, type ToolHandler } from "../tools/index.js";
import { silentLogger, type Logger } from "./log.js";

export interface CreateServerOptions {
  client: TrainingPeaksClient;
  /** Today's date, YYYY-MM-DD; default: the date in the athlete's time zone (the machine's if unknown). */
  today?: () => string | Promise<string>;
  logger?: Logger;
  name?: string;
  version?: string;
}

export interface TrainingPeaksServer {
  server: McpServer;
  /** Resolves when every tool call under way has answered. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

function errorResult(text: string): CallToolResult {
  return { isError: true, content: [{ type: "text", text }] };
}

export function createServer(options: CreateServerOptions): TrainingPeaksServer {
  const logger = options.logger ?? silentLogger;
  const client = options.client;
  // "Today" is the athlete's: a server in UTC must not answer for yesterday in Sydney. The time
  // zone comes from the user lookup every call makes anyway; if that fails, so would the call.
  const today = async (signal: AbortSignal) => (options.today ? options.today() : todayIn(await client.getTimeZone({ signal })));
  const server = new McpServer(
    { name: options.name ?? "trainingpeaks-mcp", version: options.version ?? "0.0.0" },
    { instructions: "Read-only access to the user's TrainingPeaks account: workouts, fitness (CTL/ATL/TSB), records. Dates are YYYY-MM-DD in the athlete's calendar." },
  );
  const inFlight = new Set<Promise<unknown>>();

  const register = <N extends ToolName>(name: N) => {
    const definition = toolDefinitions[name];
    const handler = toolHandlers[name] as ToolHandler<N>;
    server.registerTool(
      name,
      {
        title: definition.title,
        description: definition.description,
        inputSchema: definition.inputSchema,
        outputSchema: definition.outputSchema,
        annotations: definition.annotations,
      },
      // The SDK has validated the arguments against inputSchema (refinements included) by now.
      (async (input: never, extra: { signal: AbortSignal }) => {
        const context: ToolContext = { client, today: () => today(extra.signal), signal: extra.signal };
        const call = (async (): Promise<CallToolResult> => {
          try {
            const answer = await handler(input, context);
            return { structuredContent: answer.structured as Record<string, unknown>, content: [{ type: "text", text: answer.text }] };
          } catch (error) {
            if (extra.signal.aborted) return errorResult("The request was cancelled.");
            if (isTpError(error)) return errorResult(error.message);
            // A bug, not an API error: say so plainly and keep the details for the log.
            logger.error(`${name} failed`, error);
            return errorResult(`Internal error in ${name}; the details were logged to the server's stderr.`);
          }
        })();
        inFlight.add(call);
        try {
          return await call;
        } finally {
          inFlight.delete(call);
        }
      }) as never,
    );
  };
  for (const name of Object.keys(toolDefinitions) as ToolName[]) register(name);

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
    async idle() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
    close: () => server.close(),
  };
}
