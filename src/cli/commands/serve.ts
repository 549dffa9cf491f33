import { createNodeHttpFetch } from "../../client/transport/node-http.js";
import { createServer } from "../../server/create-server.js";
import { serverLimitsFromEnv } from "../../server/limits.js";
import { createStderrLogger } from "../../server/log.js";
import { serveStdio } from "../../server/stdio.js";
import type { Command } from "../command.js";
import { createRuntime, demoRequested } from "../runtime.js";
import { applyServeV8Flags } from "../v8-flags.js";
import { version } from "../version.js";

/** How long after it is ready the server counts as started (a client lists tools at once). */
const START_UP_MS = 1_000;

export const serveCommand: Command = {
  summary: "Run the MCP server on stdio. Logs go to stderr; stdout carries only MCP messages.",
  usage:
    "Usage: tp-mcp serve [--demo]\n\n  --demo   serve the offline demo athlete (also TP_DEMO=1)\n\n" +
    "With no credential stored it starts all the same: each tool call says to run `tp-mcp auth`,\n" +
    "and the first call after auth stored the cookie reads the account (no restart).\n\n" +
    "Limits: TP_TOOL_TIMEOUT_MS (one call, default 120000), TP_MAX_RESULT_BYTES (one answer, default 1048576),\n" +
    "TP_SHUTDOWN_GRACE_MS (calls in flight at shutdown, default 5000).",
  options: { demo: { type: "boolean" } },
  allowPositionals: false,
  async run({ values }) {
    // A mistyped limit fails here, before anything is served.
    const limits = serverLimitsFromEnv(process.env);
    // One pool of kept-alive sockets for every request upstream (node:http, not the global fetch:
    // less time a request and less memory, issue 14). Each passes the server's gate, so that once
    // shutdown begins nothing more goes out; the gate exists only with the server, which needs the
    // client: bound just below.
    const upstream = createNodeHttpFetch();
    let send = upstream;
    // With no credential yet it starts all the same (Claude Desktop shows a server that exited as
    // failed); each call then says to run `tp-mcp auth`, and the next one after it is served.
    const runtime = await createRuntime({ demo: demoRequested(values.demo), fetch: (request) => send(request), awaitCredential: true });
    const logger = createStderrLogger(runtime.secrets);
    const finishStartUp = () => applyServeV8Flags();
    const mcp = createServer({ client: runtime.client, logger, version, limits, secrets: runtime.secrets, beforeFirstToolCall: finishStartUp });
    send = mcp.gate(upstream);
    await serveStdio(mcp, logger, runtime.secrets);
    logger.info(`serving ${runtime.source}`);
    // The start-up is over once a client's first requests are answered (initialize, the lists),
    // or when the first tool call comes, or at exit if the session ends sooner: then the code
    // cache is made and the V8 flags set (v8-flags.ts), once.
    setTimeout(finishStartUp, START_UP_MS).unref();
    process.once("exit", finishStartUp);
    return -1;
  },
};
