/**
 * The CLI's last line of defence for secrets: whatever a command, a library or an error message
 * writes to stdout or stderr is scrubbed of every known secret (the cookie in use, every token
 * received) before it leaves the process. Messages are meant never to carry one; this holds
 * even when one does (an upstream status text echoing the Cookie header, a token in an error).
 */
import { redact } from "../core/redact.js";
import { version } from "./version.js";

type SecretSource = () => readonly string[];
const sources: SecretSource[] = [];

/** Registers values no output may show; `source` is asked at every write, so later tokens count too. */
export function addSecrets(source: SecretSource): void {
  sources.push(source);
}

export function scrub(text: string): string {
  return redact(text, sources.flatMap((source) => source()));
}

type Write = NodeJS.WriteStream["write"];

/**
 * Replaces `stream.write` with one that redacts each chunk. Chunks are whole lines here (every
 * writer in the CLI writes a line at a time), so a secret is never split across two writes.
 */
export function scrubStream(stream: Pick<NodeJS.WriteStream, "write">): void {
  const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk === "string") {
      // A chunk in another encoding (hex, base64) cannot hold a secret as written; left as is.
      const encoding = typeof rest[0] === "string" ? rest[0].toLowerCase() : "utf8";
      return original(encoding === "utf8" || encoding === "utf-8" ? scrub(chunk) : chunk, ...rest);
    }
    if (chunk instanceof Uint8Array) {
      const text = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString("utf8");
      const clean = scrub(text);
      return original(clean === text ? chunk : Buffer.from(clean, "utf8"), ...rest);
    }
    return original(chunk, ...rest);
  }) as Write;
}

const STACK_FRAME = /^\s+at /;

/** "TypeError: message", its first line only, scrubbed: what an error is, without a stack. */
export function summarize(error: unknown): string {
  // Scrubbed before it is cut, so the cut cannot split a secret into pieces redact() misses.
  const text = scrub(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  // Only the first line: anything after it is often a dump (a stack, a body).
  return (text.split(/\r?\n/).find((part) => !STACK_FRAME.test(part)) ?? "").slice(0, 300);
}

/**
 * What the user sees for an error nobody anticipated: one line saying it is a bug and what to do,
 * never a stack (a stack's frames and messages can carry request data). With TP_MCP_DEBUG=1 the
 * stack and causes follow, still scrubbed by the streams.
 */
export function describeUnexpected(error: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const summary =
    `unexpected error (a bug in tp-mcp ${version}): ${summarize(error).replace(/\.$/, "")}. ` +
    "Please report it on the trainingpeaks-mcp issue tracker; run again with TP_MCP_DEBUG=1 for the details to include " +
    "(secrets are redacted).";
  if (!debugEnabled(env)) return summary;
  const details: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    details.push(current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return `${summary}\n${details.join("\ncaused by: ")}`;
}

export function debugEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.TP_MCP_DEBUG === "1" || env.TP_MCP_DEBUG === "true";
}
