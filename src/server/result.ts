/**
 * The last steps before a tool result leaves the server: secrets scrubbed, size capped.
 */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { redact, secretParts } from "../core/redact.js";

export function errorResult(text: string): CallToolResult {
  return { isError: true, content: [{ type: "text", text }] };
}

/**
 * Every string in `value` (keys included) with each secret replaced. A walk rather than a pass
 * over the JSON text: a secret holding a quote or a backslash is escaped there and would slip by,
 * and the structure stays what the output schema expects (strings stay strings).
 */
export function scrub<T>(value: T, secrets: readonly string[]): T {
  const parts = secretParts(secrets);
  if (parts.length === 0) return value;
  // The usual case, checked in one pass: JSON escapes character by character, so a string (or
  // key) holding a secret holds its escaped form in the serialisation. Absent there, absent
  // everywhere, and the value leaves as it is.
  const serialised = JSON.stringify(value) ?? "";
  if (!parts.some((part) => serialised.includes(JSON.stringify(part).slice(1, -1)))) return value;
  const walk = (item: unknown): unknown => {
    if (typeof item === "string") return redact(item, secrets);
    if (Array.isArray(item)) return item.map(walk);
    if (item !== null && typeof item === "object") {
      return Object.fromEntries(Object.entries(item).map(([key, entry]) => [redact(key, secrets), walk(entry)]));
    }
    return item;
  };
  return walk(value) as T;
}

/** The result's size on the wire, roughly: its text, its images' base64, and its structured content as JSON. */
export function resultBytes(result: CallToolResult): number {
  let bytes = 0;
  for (const part of result.content) {
    if (part.type === "text") bytes += Buffer.byteLength(part.text);
    else if (part.type === "image") bytes += part.data.length;
  }
  if (result.structuredContent) bytes += Buffer.byteLength(JSON.stringify(result.structuredContent));
  return bytes;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/**
 * A result over `maxBytes` becomes an error that says so. Not truncated: a cut list would still
 * look complete to the model, and cut structured content would no longer match the schema.
 */
export function capResult(tool: string, result: CallToolResult, maxBytes: number): CallToolResult {
  const bytes = resultBytes(result);
  if (bytes <= maxBytes) return result;
  return errorResult(
    `The answer of ${tool} is too large to send (${formatBytes(bytes)}; the limit is ${formatBytes(maxBytes)}, TP_MAX_RESULT_BYTES). ` +
      "Ask for less: a shorter date range, fewer days, or one workout at a time.",
  );
}
