import type { TrainingPeaksServer } from "./create-server.js";
import { LineTransport } from "./line-transport.js";
import type { Logger } from "./log.js";

/** After the grace, how long shutdown may still take before the process ends regardless. */
const HARD_STOP_MARGIN_MS = 3_000;
/** How long the last answers get to reach stdout once every call has answered. */
const LAST_ANSWERS_MS = 1_000;

/**
 * Serves over stdin/stdout until the client goes away. The SDK does not notice when the client
 * closes stdin (its issue #2002), which leaves orphaned servers behind; so the end of stdin, like
 * SIGINT and SIGTERM, stops the server: no new calls, the queued ones stopped at once, the ones in
 * flight given the shutdown grace, then exit 0. A second signal exits at once.
 */
export async function serveStdio(mcp: TrainingPeaksServer, logger: Logger, secrets: () => readonly string[]): Promise<void> {
  const transport = new LineTransport({ stdin: process.stdin, stdout: process.stdout, logger, secrets });
  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`stopping (${reason}); calls in flight get ${mcp.limits.shutdownGraceMs} ms`);
    // Every call answers when its signal aborts, so this should never fire; if some path ignores
    // the abort all the same, the process must still end rather than linger.
    setTimeout(() => {
      logger.error("shutdown did not finish in time; exiting");
      process.exit(1);
    }, mcp.limits.shutdownGraceMs + HARD_STOP_MARGIN_MS).unref();
    await mcp.shutdown();
    await Promise.race([transport.allAnswered(), new Promise((resolve) => setTimeout(resolve, LAST_ANSWERS_MS).unref())]);
    await mcp.close().catch((error: unknown) => logger.error("close failed", error));
    // Let the last answers reach the client before the process ends.
    process.stdout.write("", () => process.exit(0));
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.info(`${signal} again: exiting now`);
      process.exit(1);
    }
    void stop(signal);
  };
  process.stdin.on("end", () => void stop("stdin ended"));
  process.stdin.on("close", () => void stop("stdin closed"));
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  // A client that disappears mid-write must not crash the server with EPIPE.
  process.stdout.on("error", () => void stop("stdout closed"));
  await mcp.server.connect(transport);
  logger.info("TrainingPeaks MCP server ready on stdio");
}
