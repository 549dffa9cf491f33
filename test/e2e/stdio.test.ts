import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../src/core/dates.js";
import { createDemoFetch, demoToday } from "../../src/demo/index.js";
import { toolDefinitions, type ToolName } from "../../src/generated/tools.js";
import { startMockHttpServer, type MockHttpServer } from "../support/http-mock.js";
import { StdioProcess } from "../support/stdio-process.js";

const CANARY_COOKIE = `V001CANARYCOOKIE_${"x".repeat(40)}`;
const CANARY_TOKEN = `CANARYTOKEN_${"y".repeat(30)}`;
const today = demoToday();

let mock: MockHttpServer;
beforeAll(async () => {
  const demo = createDemoFetch();
  // No assertions in here: a failure would only reach the server as a 500. The mock records every
  // request, and the test checks the headers afterwards.
  mock = await startMockHttpServer(async (request) => {
    if (new URL(request.url).pathname === "/users/v3/token") {
      return Response.json({ success: true, token: { access_token: CANARY_TOKEN, token_type: "Bearer", expires_in: 3600 } });
    }
    return demo(request);
  });
});
afterAll(() => mock.close());

function startServer() {
  return StdioProcess.cli(["serve"], {
    TP_AUTH_COOKIE: CANARY_COOKIE,
    TP_API_BASE_URL: mock.url,
    TP_PEAKSWARE_BASE_URL: mock.url,
    TP_MCP_HOME: "/nonexistent/tp-mcp-e2e",
    // Every tool on every example sends more requests than the pacer's burst: pacing is the
    // transport suites' subject, not this one's, so it runs here at a pace that never waits long.
    TP_REQUESTS_PER_MINUTE: "6000",
  });
}

describe("the built tp-mcp serve over real stdio", () => {
  it("answers every tool, writes only MCP frames to stdout, never prints a secret, and exits when stdin ends", async () => {
    const server = startServer();
    const init = await server.initialize();
    expect(init.result).toMatchObject({ serverInfo: { name: "trainingpeaks-mcp" }, capabilities: { tools: {} } });

    const listed = (await server.request("tools/list")).result as { tools: Array<{ name: string }> };
    expect(listed.tools.map((t) => t.name)).toEqual(Object.keys(toolDefinitions).sort());

    // The prompts and their completions, from the bundle as shipped (its zod is zod 4 alone).
    const prompts = (await server.request("prompts/list")).result as { prompts: Array<{ name: string }> };
    expect(prompts.prompts.map((p) => p.name)).toEqual(["weekly_review", "race_readiness", "recovery_check", "season_comparison"]);
    const review = (await server.request("prompts/get", { name: "weekly_review", arguments: { athlete: "Zoë" } })).result as { messages: Array<{ content: { text: string } }> };
    expect(review.messages[0]!.content.text).toContain('Pass athlete: "Zoë"');
    const names = (await server.request("completion/complete", { ref: { type: "ref/prompt", name: "weekly_review" }, argument: { name: "athlete", value: "z" } })).result as { completion: { values: string[] } };
    expect(names.completion.values).toEqual(["Zoë Lindqvist"]);

    const week = await server.callTool("tp_get_workouts", { start_date: addDays(today, -6), end_date: today, type: "completed" });
    expect(week.isError).toBeFalsy();
    const workouts = week.structuredContent!.workouts as Array<{ workout_id: number; status: string; duration_s?: number }>;
    expect(workouts.length).toBeGreaterThan(2);
    expect(workouts.every((w) => w.status === "completed" && (w.duration_s ?? 0) > 0)).toBe(true);

    const one = await server.callTool("tp_get_workout", { workout_id: workouts[0]!.workout_id });
    expect(one.structuredContent).toMatchObject({ workout_id: workouts[0]!.workout_id, status: "completed" });

    const peaks = await server.callTool("tp_get_peaks", { sport: "Bike", pr_type: "power20min", days: 365 });
    const records = peaks.structuredContent!.records as Array<{ power_w: number; workout_id: number }>;
    expect(records.length).toBeGreaterThan(0);
    expect(records[0]!.power_w).toBeGreaterThan(150);

    const prs = await server.callTool("tp_get_workout_prs", { workout_id: records[0]!.workout_id });
    expect(prs.isError).toBeFalsy();
    expect(prs.structuredContent).toMatchObject({ workout_id: records[0]!.workout_id });

    const fitness = await server.callTool("tp_get_fitness", { days: 30 });
    expect(fitness.structuredContent).toMatchObject({ end_date: today, summary: { date: today, projected: false } });
    expect((fitness.structuredContent!.days as unknown[]).length).toBe(30);

    // Refused input and an unknown tool are answers too, not crashes.
    const refused = await server.callTool("tp_get_workouts", { start_date: "2026-01-01", end_date: "2026-06-01" });
    expect(refused.isError).toBe(true);
    const unknown = await server.request("tools/call", { name: "tp_delete_everything", arguments: {} });
    expect(JSON.stringify(unknown)).toMatch(/tp_delete_everything/);

    // Every tool on each declared example: an answer its schema accepts, or an error that says
    // what went wrong (the demo may not hold an example's workout id), never an internal error.
    for (const name of Object.keys(toolDefinitions) as ToolName[]) {
      for (const args of toolDefinitions[name].examples) {
        const result = await server.callTool(name, args as Record<string, unknown>);
        const text = JSON.stringify(result.content);
        if (result.isError) expect(text, `${name} ${JSON.stringify(args)}`).not.toMatch(/Internal error/);
        else {
          expect(() => toolDefinitions[name].outputSchema.parse(result.structuredContent), `${name} ${JSON.stringify(args)}`).not.toThrow();
          // The built server finds the chart's WebAssembly renderer and font in node_modules.
          const types = result.content.map((c) => c.type);
          expect(types, `${name} ${JSON.stringify(args)}`).toEqual((args as { chart?: boolean }).chart ? ["text", "image"] : ["text"]);
        }
      }
    }

    expect(await server.end()).toBe(0);
    for (const line of server.stdout.trim().split("\n")) expect(JSON.parse(line)).toMatchObject({ jsonrpc: "2.0" });
    for (const output of [server.stdout, server.stderr]) {
      expect(output).not.toContain(CANARY_COOKIE);
      expect(output).not.toContain(CANARY_TOKEN);
    }
    // One exchange for the whole session, with the cookie; every other request with its token.
    const exchanges = mock.requests.filter((r) => r.url === "/users/v3/token");
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]!.headers.cookie).toBe(`Production_tpAuth=${CANARY_COOKIE}`);
    const others = mock.requests.filter((r) => r.url !== "/users/v3/token");
    expect(others.length).toBeGreaterThan(10);
    for (const request of others) expect(request.headers.authorization, request.url).toBe(`Bearer ${CANARY_TOKEN}`);
    // The athlete looked up once.
    expect(mock.requests.filter((r) => r.url === "/users/v3/user")).toHaveLength(1);
  });

  it.each(["SIGTERM", "SIGINT"] as const)("exits cleanly on %s", async (signal) => {
    const server = startServer();
    await server.initialize();
    server.child.kill(signal);
    expect(await server.exited).toBe(0);
  });
});
