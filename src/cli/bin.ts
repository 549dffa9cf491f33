/**
 * tp-mcp's bin, built as CommonJS (dist/bin.cjs): Node starts a CommonJS entry without loading
 * its ES module loader, about 10 ms of every start (issue 14), and an MCP client starts `serve` at
 * each launch. So `serve` runs from here, through main.ts like every command; any other command
 * line is the ES module CLI's (cli.ts), whose commands are chunks loaded on demand.
 */
import { runCommandLine } from "./main.js";

if (process.argv[2] === "serve") {
  void runCommandLine({ serve: async () => (await import("./commands/serve.js")).serveCommand });
} else {
  void import("./cli.js");
}
