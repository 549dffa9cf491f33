/**
 * The server's log: stderr only (stdout carries MCP frames and nothing else), with every known
 * secret replaced before a line is written.
 */
import { redact } from "../core/redact.js";

export interface Logger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

/** `secrets` is asked at every line: a token received since start-up is redacted too. */
export function createStderrLogger(secrets: () => readonly string[] = () => [], write = (line: string) => process.stderr.write(line)): Logger {
  const emit = (level: string, message: string) => write(`${redact(`[tp-mcp] ${level}: ${message}`, secrets())}\n`);
  return {
    info: (message) => emit("info", message),
    error: (message, error) =>
      emit("error", error instanceof Error ? `${message}: ${error.stack ?? error.message}` : error === undefined ? message : `${message}: ${String(error)}`),
  };
}

export const silentLogger: Logger = { info() {}, error() {} };
