import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { TrainingPeaksServer } from "./create-server.js";
import type { Logger } from "./log.js";

/**
 * Serves over stdin/stdout until the client goes away. The SDK does not notice when the client
 * closes stdin (its issue #2002), which leaves orphaned servers behind; so the end of stdin, like
 * SIGINT and SIGTERM, finishes the calls under way, closes, and exits.
 */
export async function serveStdio(mcp: TrainingPeaksServer, logger: Logger): Promise<void> {
  const transport = new StdioServerTransport();
  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`stopping (${reason})`);
    await mcp.idle();
    await mcp.close().catch((error: unknown) => logger.error("close failed", error));
    // Let the last answers reach the client before the process ends.
    process.stdout.write("", () => process.exit(0));
  };
  process.stdin.on("end", () => void stop("stdin ended"));
  process.stdin.on("close", () => void stop("stdin closed"));
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  // A client that disappears mid-write must not crash the server with EPIPE.
  process.stdout.on("error", () => void stop("stdout closed"));
  await mcp.server.connect(transport);
  logger.info("TrainingPeaks MCP server ready on stdio");
}
