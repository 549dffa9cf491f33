import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { capResult, resultBytes, scrub } from "../../src/server/result.js";

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

describe("scrub", () => {
  const TOKEN = "tok_3f9a8b7c6d5e";
  const QUOTED = 'sec"ret\\with-escapes';

  it("leaves a result holding no secret as it is (the same object)", () => {
    const result = { content: [text("all fine")], structuredContent: { a: ["b", { c: 1 }] } };
    expect(scrub(result, [TOKEN, QUOTED])).toBe(result);
  });

  it.each<[string, unknown, unknown]>([
    ["in a text", { content: [text(`Bearer ${TOKEN}`)] }, { content: [text("Bearer [redacted]")] }],
    ["deep in the structured content", { structuredContent: { a: [{ b: `x${TOKEN}y` }] } }, { structuredContent: { a: [{ b: "x[redacted]y" }] } }],
    ["in a key", { structuredContent: { [TOKEN]: 1 } }, { structuredContent: { "[redacted]": 1 } }],
    ["one JSON escapes (a quote, a backslash)", { content: [text(`got ${QUOTED}.`)] }, { content: [text("got [redacted].")] }],
    ["one line of a secret that spans lines", { content: [text("line two of it: second-line-of-token")] }, { content: [text("line two of it: [redacted]")] }],
  ])("replaces a secret %s", (_title, value, expected) => {
    expect(scrub(value, [TOKEN, QUOTED, "first-line-of-token\r\nsecond-line-of-token"])).toEqual(expected);
  });
});
