import { writeFile } from "node:fs/promises";
import { toolDefinitions, type ToolName } from "../../generated/tools.js";
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

/** The tools whose input takes `chart`: the spec says which, so a new chart needs no change here. */
const chartTools = (Object.keys(toolDefinitions) as ToolName[]).filter((name) => Object.hasOwn(toolDefinitions[name].inputJsonSchema.properties ?? {}, "chart"));

async function writeChart(content: unknown, path: string): Promise<string> {
  const image = (content as Array<{ type: string; data?: string; mimeType?: string }>).find((c) => c.type === "image" && c.data);
  if (!image?.data) throw new Error("the answer carried no chart");
  const png = Buffer.from(image.data, "base64");
  await writeFile(path, png);
  return `Wrote the chart to ${path} (${image.mimeType ?? "image/png"}, ${Math.ceil(png.length / 1024)} KB).`;
}

export const callCommand: Command = {
  summary: "Call one tool through the same server code as `serve` and print its answer.",
  usage: [
    "Usage: tp-mcp call <tool> [json-arguments] [--demo] [--text] [--chart <file.png>]",
    "",
    "  --demo           use the offline demo athlete (also TP_DEMO=1)",
    "  --text           print the text answer instead of the structured JSON",
    `  --chart <file>   also write the tool's chart as a PNG (${chartTools.join(", ")})`,
    "",
    `Example: tp-mcp call tp_get_fitness '{"days":30}' --demo`,
    `         tp-mcp call tp_get_fitness '{"days":90}' --demo --chart fitness.png`,
  ].join("\n"),
  options: { demo: { type: "boolean" }, text: { type: "boolean" }, chart: { type: "string" } },
  allowPositionals: true,
  async run({ values, positionals }) {
    const [tool, json, ...extra] = positionals;
    if (!tool || extra.length) throw new UsageError(`expected a tool name and at most one JSON argument\n\n${callCommand.usage}`);
    if (!Object.hasOwn(toolDefinitions, tool)) {
      throw new UsageError(`there is no tool ${JSON.stringify(tool.slice(0, 80))}; the tools are: ${Object.keys(toolDefinitions).join(", ")}`);
    }
    const args = parseArguments(json);
    const chartPath = values.chart as string | undefined;
    if (chartPath !== undefined) {
      if (!chartTools.includes(tool as ToolName)) throw new UsageError(`${tool} draws no chart; --chart works with ${chartTools.join(", ")}`);
      if (!chartPath) throw new UsageError("--chart needs the path of the PNG file to write, e.g. --chart fitness.png");
      args.chart = true;
    }
    const runtime = await createRuntime({ demo: demoRequested(values.demo) });
    const session = await connectInMemory(
      { client: runtime.client, logger: cliLogger(runtime.secrets), version },
      { name: "tp-mcp call", version },
    );
    try {
      const result = await session.client.callTool({ name: tool, arguments: args });
      const text = (result.content as Array<{ type: string; text?: string }>)
        .filter((c) => c.type === "text")
        .map((c) => c.text ?? "")
        .join("\n");
      if (result.isError) {
        process.stderr.write(`${text}\n`);
        return 1;
      }
      process.stdout.write(values.text || !result.structuredContent ? `${text}\n` : `${JSON.stringify(result.structuredContent, null, 2)}\n`);
      // On stderr, so that stdout stays the answer alone (JSON a script can parse).
      if (chartPath) process.stderr.write(`${await writeChart(result.content, chartPath)}\n`);
      return 0;
    } finally {
      await session.close();
    }
  },
};
