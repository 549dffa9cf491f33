/**
 * A tools/call for a name no tool has answers with the list of tools, over MCP, while the tools
 * that exist still answer with their own checks.
 */
import { describe, expect, it } from "vitest";
import { toolDefinitions, type ToolName } from "../../src/generated/tools.js";
import { textOf } from "../support/mcp.js";
import { setupToolCalls } from "../support/tool-calls.js";

const tools = setupToolCalls();
const toolNames = Object.keys(toolDefinitions);

describe("tools/call with an unknown tool", () => {
  it.each([
    ["a misspelt tool", "tp_bogus"],
    ["a tool of another server", "get_weather"],
    ["an inherited property's name", "constructor"],
  ])("%s is refused with every tool named", async (_title, name) => {
    const result = await tools.call(name as ToolName, { days: 7 });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toContain(`There is no tool ${JSON.stringify(name)}.`);
    const listed = /The tools are: (.*) \(tools\/list/.exec(text)?.[1]?.split(", ");
    expect(listed).toEqual(toolNames);
    expect(tools.recorded).toEqual([]);
  });

  it("shortens a huge name instead of echoing it", async () => {
    const result = await tools.call("x".repeat(10_000) as ToolName);
    expect(result.isError).toBe(true);
    expect(textOf(result).length).toBeLessThan(toolNames.join(", ").length + 200);
  });

  it("leaves the known tools to their handlers: an answer, and the tool's own refusal of bad input", async () => {
    const answered = await tools.call("tp_get_athlete_profile");
    expect(answered.isError).toBeFalsy();
    expect(answered.structuredContent).toBeDefined();
    const refused = await tools.call("tp_get_workout", { workout_id: "abc" });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/workout_id/);
    expect(textOf(refused)).not.toMatch(/There is no tool/);
  });
});
