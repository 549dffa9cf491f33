import type { ParseArgsConfig } from "node:util";

/** One `tp-mcp` command: main.ts parses its options and runs it. */
export interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  allowPositionals: boolean;
  /** Resolves the exit status; -1 keeps the process running (`serve`). */
  run(args: { values: Record<string, unknown>; positionals: string[] }): Promise<number>;
}
