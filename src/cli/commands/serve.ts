import { createServer } from "../../server/create-server.js";
import { serverLimitsFromEnv } from "../../server/limits.js";
import { createStderrLogger } from "../../server/log.js";
import { serveStdio } from "../../server/stdio.js";
import type { Command } from "../command.js";
import { createRuntime, demoRequested } from "../runtime.js";
import { version } from "../version.js";

export const serveCommand: Command = {
  summary: "Run the MCP server on stdio. Logs go to stderr; stdout carries only MCP messages.",
  usage:
    "Usage: tp-mcp serve [--demo]\n\n  --demo   serve the offline demo athlete (also TP_DEMO=1)\n\n" +
    "Limits: TP_TOOL_TIMEOUT_MS (one call, default 120000), TP_MAX_RESULT_BYTES (one answer, default 1048576),\n" +
    "TP_SHUTDOWN_GRACE_MS (calls in flight at shutdown, default 5000).",
  options: { demo: { type: "boolean" } },
  allowPositionals: false,
  async run({ values }) {
    // A mistyped limit fails here, before anything is served.
    const limits = serverLimitsFromEnv(process.env);
    const runtime = await createRuntime({ demo: demoRequested(values.demo) });
    const logger = createStderrLogger(runtime.secrets);
    const mcp = createServer({ client: runtime.client, logger, version, limits, secrets: runtime.secrets });
    // The client sends through globalThis.fetch, looked up at each request (client.ts): wrapped
    // here, shutdown can keep anything more from going upstream without the client knowing of it.
    const upstream = globalThis.fetch;
    globalThis.fetch = mcp.gate((...args: Parameters<typeof fetch>) => upstream(...args));
    await serveStdio(mcp, logger, runtime.secrets);
    logger.info(`serving ${runtime.source}`);
    return -1;
  },
};
