import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { capResult, resultBytes } from "../../src/server/result.js";

const text = (value: string) => ({ type: "text" as const, text: value });
const image = (base64: string) => ({ type: "image" as const, data: base64, mimeType: "image/png" });

describe("resultBytes", () => {
  it.each<[string, CallToolResult, number]>([
    ["text only", { content: [text("héllo")] }, 6],
    ["text and structured content", { content: [text("ab")], structuredContent: { a: 1 } }, 2 + '{"a":1}'.length],
    ["a chart's base64 as well", { content: [text("ab"), image("iVBORw0KGgo=")] }, 2 + 12],
  ])("%s", (_, result, bytes) => {
    expect(resultBytes(result)).toBe(bytes);
  });

  it("lets capResult refuse an answer whose chart takes it over the limit", () => {
    const result: CallToolResult = { content: [text("short"), image("A".repeat(2000))] };
    expect(capResult("tp_get_fitness", result, 3000)).toBe(result);
    expect(capResult("tp_get_fitness", result, 1000)).toMatchObject({ isError: true, content: [{ text: expect.stringMatching(/^The answer of tp_get_fitness is too large to send/) }] });
  });
});
