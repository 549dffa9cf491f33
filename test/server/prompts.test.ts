/**
 * The four prompts over MCP: listed, got with and without an athlete (and an event), and their
 * arguments completed from the coach's roster and the athlete's coming events.
 */
import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { toolDefinitions } from "../../src/generated/tools.js";
import { coachOverrides } from "../support/coach-fixture.js";
import { setupToolCalls } from "../support/tool-calls.js";

const tools = setupToolCalls();
const mcp = () => tools.client;

const EVENTS = [
  { id: 1, name: "Lakeside 70.3", eventDate: "2027-06-12T00:00:00", atpPriority: "A" },
  { id: 2, name: "Lake Loop 10K", eventDate: "2027-03-01T00:00:00", atpPriority: "C" },
  { id: 3, name: "Spring Duathlon", eventDate: "2027-04-10T00:00:00", atpPriority: "B" },
];

async function promptText(name: string, args: Record<string, string> = {}) {
  const result = await mcp().getPrompt({ name, arguments: args });
  expect(result.messages).toHaveLength(1);
  const [message] = result.messages;
  expect(message!.role).toBe("user");
  return (message!.content as { type: string; text: string }).text;
}

const toolsNamed = (text: string) => [...text.matchAll(/\btp_[a-z_]+/g)].map((match) => match[0]);

describe("prompts", () => {
  it("lists the four prompts, each taking an optional athlete; race_readiness also an event", async () => {
    const { prompts } = await mcp().listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(["weekly_review", "race_readiness", "recovery_check", "season_comparison"]);
    for (const prompt of prompts) {
      expect(prompt.description).toBeTruthy();
      expect(prompt.arguments?.find((a) => a.name === "athlete")?.required).toBeFalsy();
    }
    expect(prompts.find((p) => p.name === "race_readiness")!.arguments!.map((a) => a.name)).toEqual(["athlete", "event"]);
  });

  it.each(["weekly_review", "race_readiness", "recovery_check", "season_comparison"])(
    "%s names only tools that exist, and passes the athlete to them when one is given",
    async (name) => {
      const own = await promptText(name);
      expect(toolsNamed(own).length).toBeGreaterThan(1);
      for (const tool of toolsNamed(own)) expect(Object.keys(toolDefinitions)).toContain(tool);
      expect(own).not.toContain("athlete:");
      expect(own).toMatch(/\bmy\b/);

      const coached = await promptText(name, { athlete: "Zoë" });
      expect(coached).toContain('Pass athlete: "Zoë" to every tool call');
      expect(coached).toContain("Zoë's");
    },
  );

  it("race_readiness points at the named race", async () => {
    expect(await promptText("race_readiness", { event: "Lakeside 70.3" })).toContain('the race "Lakeside 70.3" (find its id with tp_get_events');
    expect(await promptText("race_readiness")).toContain("the next A race");
  });

  it("gets a prompt with no account behind it: prompts read nothing", async () => {
    await promptText("weekly_review", { athlete: "Riley" });
    expect(tools.recorded).toEqual([]);
  });
});

describe("completions", () => {
  const complete = async (prompt: string, argument: string, value: string, context?: Record<string, string>) =>
    (await mcp().complete({ ref: { type: "ref/prompt", name: prompt }, argument: { name: argument, value }, ...(context ? { context: { arguments: context } } : {}) })).completion.values;

  it("suggest athlete names from the roster, by first or last name, any case, accents optional", async () => {
    await tools.start({ overrides: coachOverrides() });
    expect(await complete("weekly_review", "athlete", "ri")).toEqual(["Riley Athlete", "Riley Stone"]);
    expect(await complete("weekly_review", "athlete", "MUL")).toEqual(["Zoë Müller"]);
    expect(await complete("season_comparison", "athlete", "")).toHaveLength(5);
    expect(await complete("weekly_review", "athlete", "nobody")).toEqual([]);
  });

  it("suggest the athlete's coming events, read for the athlete already chosen", async () => {
    await tools.start({ overrides: { ...coachOverrides(), getEvents: () => HttpResponse.json(EVENTS) } });
    expect(await complete("race_readiness", "event", "lake", { athlete: "Zoë" })).toEqual(["Lakeside 70.3", "Lake Loop 10K"]);
    expect(tools.sent("getEvents")[0]!.url.pathname).toMatch(/^\/fitness\/v6\/athletes\/3100444\/events\//);
  });

  it("suggest nothing, without failing, when the account cannot be read", async () => {
    await tools.start({ overrides: { getUser: () => HttpResponse.json({ message: "down" }, { status: 503 }) } });
    expect(await complete("weekly_review", "athlete", "a")).toEqual([]);
  });
});
