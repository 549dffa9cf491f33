import { toolDefinitions } from "../../generated/tools.js";
import { connectInMemory } from "../../server/in-memory.js";
import { createStderrLogger, type Logger } from "../../server/log.js";
import type { Command } from "../command.js";
import { debugEnabled, summarize } from "../output.js";
import { createRuntime, demoRequested } from "../runtime.js";
import { version } from "../version.js";

class UsageError extends Error {
  override name = "UsageError";
}

/** The server's stderr log, without the stacks it would add to errors unless TP_MCP_DEBUG=1 asks for them. */
function cliLogger(secrets: () => readonly string[]): Logger {
  const log = createStderrLogger(secrets);
  if (debugEnabled()) return log;
  return { info: log.info, error: (message, error) => log.error(message, error === undefined ? undefined : summarize(error)) };
}

function parseArguments(json: string | undefined): Record<string, unknown> {
  if (json === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new UsageError(`the arguments must be a JSON object, e.g. '{"days":30}' (got ${JSON.stringify(json.slice(0, 80))})`);
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new UsageError("the arguments must be a JSON object");
  return value as Record<string, unknown>;
}

export const callCommand: Command = {
  summary: "Call one tool through the same server code as `serve` and print its answer.",
  usage: [
    "Usage: tp-mcp call <tool> [json-arguments] [--demo] [--text]",
    "",
    "  --demo   use the offline demo athlete (also TP_DEMO=1)",
    "  --text   print the text answer instead of the structured JSON",
    "",
    `Example: tp-mcp call tp_get_fitness '{"days":30}' --demo`,
  ].join("\n"),
  options: { demo: { type: "boolean" }, text: { type: "boolean" } },
  allowPositionals: true,
  async run({ values, positionals }) {
    const [tool, json, ...extra] = positionals;
    if (!tool || extra.length) throw new UsageError(`expected a tool name and at most one JSON argument\n\n${callCommand.usage}`);
    if (!Object.hasOwn(toolDefinitions, tool)) {
      throw new UsageError(`there is no tool ${JSON.stringify(tool.slice(0, 80))}; the tools are: ${Object.keys(toolDefinitions).join(", ")}`);
    }
    const args = parseArguments(json);
    const runtime = await createRuntime({ demo: demoRequested(values.demo) });
    const session = await connectInMemory(
      { client: runtime.client, logger: cliLogger(runtime.secrets), version },
      { name: "tp-mcp call", version },
    );
    try {
      const result = await session.client.callTool({ name: tool, arguments: args });
      const text = (result.content as Array<{ type: string; text?: string }>).map((c) => c.text ?? "").join("\n");
      if (result.isError) {
        process.stderr.write(`${text}\n`);
        return 1;
      }
      process.stdout.write(values.text || !result.structuredContent ? `${text}\n` : `${JSON.stringify(result.structuredContent, null, 2)}\n`);
      return 0;
    } finally {
      await session.close();
    }
  },
};
