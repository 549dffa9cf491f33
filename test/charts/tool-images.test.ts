import { describe, expect, it } from "vitest";
import type { ToolName } from "../../src/generated/tools.js";
import { expectChartPng } from "../support/png.js";
import { setupToolCalls } from "../support/tool-calls.js";

const tools = setupToolCalls();
type Content = Array<{ type: string; data?: string; mimeType?: string; text?: string }>;

const CHARTED: Array<[ToolName, Record<string, unknown>]> = [
  ["tp_get_fitness", { days: 30 }],
  ["tp_get_weekly_summary", { weeks: 4 }],
  ["tp_get_peaks", { sport: "Bike", pr_type: "power20min", compare_to: "previous_year" }],
];

describe("chart: true over MCP", () => {
  it.each(CHARTED)("%s adds exactly one PNG image after the text, and none when chart is omitted", async (name, args) => {
    const plain = await tools.call(name, args);
    expect(plain.isError).toBeFalsy();
    expect((plain.content as Content).map((c) => c.type)).toEqual(["text"]);

    const charted = await tools.call(name, { ...args, chart: true });
    expect(charted.isError).toBeFalsy();
    const content = charted.content as Content;
    expect(content.map((c) => c.type)).toEqual(["text", "image"]);
    expect(content[1]!.mimeType).toBe("image/png");
    expectChartPng(Buffer.from(content[1]!.data!, "base64"));
    // The answer itself is the same with or without the chart.
    expect(charted.structuredContent).toEqual(plain.structuredContent);
    expect(content[0]!.text).toBe((plain.content as Content)[0]!.text);

    const off = await tools.call(name, { ...args, chart: false });
    expect((off.content as Content).map((c) => c.type)).toEqual(["text"]);
  });

  it("tp_get_fitness reads the range's events only for a chart, to mark its races", async () => {
    await tools.call("tp_get_fitness", { days: 30 });
    expect(tools.sent("getEvents")).toEqual([]);
    const charted = await tools.call("tp_get_fitness", { days: 30, chart: true });
    expect(charted.isError).toBeFalsy();
    expect(tools.sent("getEvents").map((r) => r.url.pathname)).toEqual(["/fitness/v6/athletes/2400117/events/2026-10-27/2026-11-25"]);
  });

  it("refuses a chart that is not true or false, saying what is allowed", async () => {
    const result = await tools.call("tp_get_fitness", { chart: "yes please" });
    expect(result.isError).toBe(true);
    expect((result.content as Content)[0]!.text).toMatch(/chart must be true or false/);
  });
});
