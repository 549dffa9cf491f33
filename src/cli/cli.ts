/**
 * The CLI as ES modules (dist/cli.js): every command, each a chunk loaded when it runs. The bin
 * (bin.ts) hands it every command line but `serve`'s.
 */
import { runCommandLine } from "./main.js";

await runCommandLine({
  serve: async () => (await import("./commands/serve.js")).serveCommand,
  call: async () => (await import("./commands/call.js")).callCommand,
  auth: async () => (await import("./commands/auth.js")).authCommand,
  "auth-status": async () => (await import("./commands/auth-status.js")).authStatusCommand,
  "auth-clear": async () => (await import("./commands/auth-clear.js")).authClearCommand,
  doctor: async () => (await import("./commands/doctor.js")).doctorCommand,
});
