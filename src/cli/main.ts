/**
 * What every tp-mcp command line goes through: the output guard, the command's options, its
 * errors and its exit code. The entries (cli.ts, bin.ts) give it the commands they can load, each
 * imported only when it runs, so `serve` starts without the keyring, the prompt or the demo data.
 */
import { parseArgs } from "node:util";
import { isTpError } from "../client/errors.js";
import { normalizeCookie } from "../credentials/cookie.js";
import type { Command } from "./command.js";
import { addSecrets, describeUnexpected, scrub, scrubStream } from "./output.js";
import { version } from "./version.js";

const USER_FACING_ERRORS = new Set(["CredentialStoreError", "InvalidCookieError", "UsageError"]);

/** Command name → its module's command, imported when asked for. */
export type CommandLoaders = Record<string, () => Promise<Command>>;

const SUMMARIES: Record<string, string> = {
  serve: "Run the MCP server on stdio (for Claude Desktop and other MCP clients)",
  call: "Call one tool and print its answer (scripting, debugging)",
  auth: "Store your TrainingPeaks cookie after checking it works",
  "auth-status": "Show where the credential comes from and whether it works",
  "auth-clear": "Remove the stored credential from every store",
  doctor: "Check Node, the credential, and that TrainingPeaks answers as the spec says",
};

function usage(): string {
  const width = Math.max(...Object.keys(SUMMARIES).map((name) => name.length));
  return [
    "Usage: tp-mcp <command> [options]",
    "",
    "Commands:",
    ...Object.entries(SUMMARIES).map(([name, summary]) => `  ${name.padEnd(width)}  ${summary}`),
    "",
    "Options: --help (for any command), --version",
    "Try it without an account: tp-mcp serve --demo, tp-mcp call tp_get_fitness '{\"days\":30}' --demo",
  ].join("\n");
}

/**
 * Before any command runs: every line on stdout and stderr is scrubbed of the secrets the commands
 * register (runtime.ts, auth*), plus those given in the environment, and nothing thrown outside a
 * command's promise reaches Node's default handler, which prints the stack.
 */
function guardOutput(env: NodeJS.ProcessEnv): void {
  const fromEnvironment = [env.TP_AUTH_COOKIE?.trim(), env.TP_MCP_PASSPHRASE].filter((value): value is string => !!value);
  // The cookie as TP_AUTH_COOKIE gives it (maybe a whole Cookie header) and its bare value.
  const bare = fromEnvironment.flatMap((value) => {
    try {
      return [normalizeCookie(value)];
    } catch {
      return [];
    }
  });
  addSecrets(() => [...fromEnvironment, ...bare]);
  scrubStream(process.stdout);
  scrubStream(process.stderr);
  const crash = (error: unknown) => {
    process.stderr.write(`tp-mcp: ${describeUnexpected(error, env)}\n`);
    process.exit(1);
  };
  process.on("uncaughtException", crash);
  process.on("unhandledRejection", crash);
}

export async function main(argv: string[], commands: CommandLoaders): Promise<number> {
  guardOutput(process.env);
  const [name, ...rest] = argv;
  if (name === "--version" || name === "-v") {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(`${usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    process.stderr.write(`tp-mcp: unknown command "${name}"\n\n${usage()}\n`);
    return 2;
  }
  const command = await load();
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: "boolean", short: "h" } },
      allowPositionals: command.allowPositionals,
      strict: true,
    });
  } catch (error) {
    process.stderr.write(`tp-mcp ${name}: ${error instanceof Error ? error.message : String(error)}\n\n${command.usage}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${command.summary}\n\n${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(parsed);
  } catch (error) {
    // Known failures carry a message written for the user; anything else is a bug, reported in one
    // line (a stack only with TP_MCP_DEBUG=1). scrub() here as well as in the stream: belt and braces.
    const userFacing = isTpError(error) || (error instanceof Error && USER_FACING_ERRORS.has(error.name));
    const message = userFacing ? (error as Error).message : describeUnexpected(error);
    process.stderr.write(`${scrub(`tp-mcp ${name}: ${message}`)}\n`);
    return 1;
  }
}

/** Runs the process's command line; `serve` keeps running on its own, every other command ends with its exit code. */
export async function runCommandLine(commands: CommandLoaders): Promise<void> {
  const exitCode = await main(process.argv.slice(2), commands);
  if (exitCode !== -1) process.exitCode = exitCode;
}
