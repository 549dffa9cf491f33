import { createServer } from "../../server/create-server.js";
import { createStderrLogger } from "../../server/log.js";
import { serveStdio } from "../../server/stdio.js";
import type { Command } from "../command.js";
import { createRuntime, demoRequested } from "../runtime.js";
import { version } from "../version.js";

export const serveCommand: Command = {
  summary: "Run the MCP server on stdio. Logs go to stderr; stdout carries only MCP messages.",
  usage: "Usage: tp-mcp serve [--demo]\n\n  --demo   serve the offline demo athlete (also TP_DEMO=1)",
  options: { demo: { type: "boolean" } },
  allowPositionals: false,
  async run({ values }) {
    const runtime = await createRuntime({ demo: demoRequested(values.demo) });
    const logger = createStderrLogger(runtime.secrets);
    const mcp = createServer({ client: runtime.client, logger, version });
    await serveStdio(mcp, logger);
    logger.info(`serving ${runtime.source}`);
    return -1;
  },
};
