/**
 * Coach mode over MCP: the roster, the `athlete` argument of every athlete tool (by id or by a
 * name in any case and without accents), refusals before any data request, each athlete's own
 * "today", and one token exchange for all of them.
 */
import { HttpResponse } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import { toolDefinitions, type ToolName } from "../../src/generated/tools.js";
import { COACH_ID, coachOverrides, ROSTER } from "../support/coach-fixture.js";
import { textOf } from "../support/mcp.js";
import { setupToolCalls } from "../support/tool-calls.js";
import { testClient } from "../support/test-client.js";

const tools = setupToolCalls();
const startCoach = (today?: string) =>
  // With the clock stopped (fake Date), the pacer's budget would never refill: send each request as is.
  tools.start({ overrides: coachOverrides() }, today ? { today, client: testClient({ transport: false }) } : {});
/** Requests for an athlete's data: everything but signing in and the user record. */
const dataRequests = () => tools.recorded.filter((r) => r.operationId !== "exchangeToken" && r.operationId !== "getUser");

afterEach(() => {
  vi.useRealTimers();
});

describe("tp_list_athletes", () => {
  it("lists the coach's own entry, marked, and the roster with account types and their coach", async () => {
    await startCoach();
    const result = await tools.call("tp_list_athletes");
    const answer = result.structuredContent as { is_coach: boolean; count: number; athletes: Array<Record<string, unknown>>; note?: string };

    expect(answer.is_coach).toBe(true);
    expect(answer.count).toBe(5);
    expect(answer.athletes[0]).toEqual({ athlete_id: COACH_ID, name: "Sam Coach", first_name: "Sam", last_name: "Coach", account_type: "premium", is_you: true });
    expect(answer.athletes.slice(1).map((a) => [a.athlete_id, a.name, a.account_type])).toEqual([
      [3100442, "Riley Athlete", "basic"],
      [3100443, "Riley Stone", "premium"],
      [3100444, "Zoë Müller", "premium"],
      // userType 1 whose own plan ended: premium through the coach.
      [3100445, "Marco Rossi", "premium"],
    ]);
    expect(answer.athletes[1]!.coached_by).toEqual({ id: COACH_ID, name: "Sam Coach" });
    expect(answer.note).toMatch(/[Hh]ead-coach and sub-coach rosters/);
    expect(textOf(result)).toContain("- Zoë Müller (3100444): premium account, coached by Sam Coach");
    expect(dataRequests()).toEqual([]);
  });

  it("answers an athlete account with the athlete alone", async () => {
    const result = await tools.call("tp_list_athletes");
    const answer = result.structuredContent as { is_coach: boolean; athletes: Array<{ athlete_id: number; is_you: boolean }> };
    expect(answer.is_coach).toBe(false);
    expect(answer.athletes).toEqual([expect.objectContaining({ athlete_id: 2400117, is_you: true, account_type: "premium" })]);
    expect(textOf(result)).toMatch(/^An athlete account/);
  });
});

describe("the athlete argument", () => {
  it("is named in the server's instructions, so a model knows how a coach reads an athlete", () => {
    expect(tools.client.getInstructions()).toMatch(/passing `athlete` \(a name or id from tp_list_athletes\)/);
  });


  it("reads the athlete a unique first name, in any case and without accents, names", async () => {
    await startCoach();
    const result = await tools.call("tp_get_workouts", { athlete: "zoe", start_date: "2026-11-01", end_date: "2026-11-07" });

    expect(result.isError, textOf(result)).toBeFalsy();
    expect(tools.sent("getWorkouts").map((r) => r.url.pathname)).toEqual(["/fitness/v6/athletes/3100444/workouts/2026-11-01/2026-11-07"]);
    expect((result.structuredContent as { athlete: unknown }).athlete).toEqual({ athlete_id: 3100444, name: "Zoë Müller" });
    expect(textOf(result).split("\n")[0]).toBe("Athlete: Zoë Müller (3100444)");
  });

  it.each([
    ["a full name", "riley stone", 3100443],
    ["a last name", "ATHLETE", 3100442],
    ["last name first", "Müller Zoë", 3100444],
    ["an id", 3100445, 3100445],
    ["an id written as text", "3100445", 3100445],
  ] as const)("finds %s", async (_title, athlete, id) => {
    await startCoach();
    const result = await tools.call("tp_get_workouts", { athlete, start_date: "2026-11-01", end_date: "2026-11-07" });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(tools.sent("getWorkouts")[0]!.url.pathname).toContain(`/athletes/${id}/`);
  });

  it("refuses an ambiguous name with the candidates, before any data request", async () => {
    await startCoach();
    const result = await tools.call("tp_get_workouts", { athlete: "Riley", start_date: "2026-11-01", end_date: "2026-11-07" });

    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe('"Riley" matches 2 athletes: Riley Athlete (3100442), Riley Stone (3100443). Name one by full name or by id.');
    expect(dataRequests()).toEqual([]);
  });

  it("refuses an unknown name with the roster's names, after looking the roster up once more", async () => {
    await startCoach();
    const result = await tools.call("tp_get_fitness", { athlete: "Jordan" });

    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('No athlete named "Jordan" on this account. The athletes you can read: Sam Coach (880021), Riley Athlete (3100442)');
    expect(textOf(result)).toContain("Zoë Müller (3100444)");
    expect(tools.sent("getUser")).toHaveLength(2);
    expect(dataRequests()).toEqual([]);
  });

  it("reads an id that is not on the roster (a head coach's athlete), and the API's refusal says so", async () => {
    await startCoach();
    const result = await tools.call("tp_get_workouts", { athlete: 999, start_date: "2026-11-01", end_date: "2026-11-07" });
    expect(tools.sent("getWorkouts")[0]!.url.pathname).toContain("/athletes/999/");
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { athlete: unknown }).athlete).toEqual({ athlete_id: 999 });
  });

  it("says so when TrainingPeaks refuses an athlete this account does not coach (a 403), without asking for a new cookie first", async () => {
    await tools.start({ overrides: { ...coachOverrides(), getWorkouts: () => HttpResponse.json({ message: "Forbidden" }, { status: 403 }) } });
    const result = await tools.call("tp_get_workouts", { athlete: 999, start_date: "2026-11-01", end_date: "2026-11-07" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^TrainingPeaks refused access to athlete 999's data while reading .* \(403\): this account does not coach that athlete/);
    expect(textOf(result)).toContain("tp_list_athletes lists the athletes it reads");
  });

  it("is refused when it is neither an id nor a name", async () => {
    const result = await tools.call("tp_get_fitness", { athlete: -4 });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("athlete must be a whole number of at least 1, or text of at most 100 characters (e.g. 3100442); got number -4.");
    expect(tools.recorded).toEqual([]);
  });

  it("asks a coach with no athlete named to name one, listing the roster", async () => {
    await startCoach();
    const result = await tools.call("tp_get_fitness", {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/This is a coach account: name the athlete to read \(the tools' `athlete` argument/);
    expect(textOf(result)).toContain("Riley Stone (3100443)");
  });

  it("is taken by every tool that reads an athlete's data, and only by those", () => {
    const takes = (name: ToolName) => "athlete" in ((toolDefinitions[name].inputJsonSchema as { properties?: object }).properties ?? {});
    const athleteOperations = (name: ToolName) => toolDefinitions[name].operations.some((operation) => operation !== "getUser");
    for (const name of Object.keys(toolDefinitions) as ToolName[]) {
      expect(takes(name), name).toBe(athleteOperations(name));
      if (takes(name)) expect((toolDefinitions[name].outputJsonSchema as { required: readonly string[] }).required, name).toContain("athlete");
    }
  });
});

describe("each athlete's calendar", () => {
  it("gives two athletes' interleaved calls each their own time zone's today, one time-zone lookup each", async () => {
    // 14:00 UTC: already the 26th in Sydney, still the 25th in Los Angeles.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-25T14:00:00Z"));
    await startCoach("athlete's");

    const calls = [
      tools.call("tp_get_fitness", { athlete: "Riley Athlete", days: 7 }),
      tools.call("tp_get_fitness", { athlete: "Zoë", days: 7 }),
      tools.call("tp_get_fitness", { athlete: 3100442, days: 7 }),
      tools.call("tp_get_fitness", { athlete: "Müller", days: 7 }),
    ];
    const answers = (await Promise.all(calls)).map((result) => result.structuredContent as { athlete: { athlete_id: number }; end_date: string });

    expect(answers.map((a) => [a.athlete.athlete_id, a.end_date])).toEqual([
      [3100442, "2026-11-26"],
      [3100444, "2026-11-25"],
      [3100442, "2026-11-26"],
      [3100444, "2026-11-25"],
    ]);
    const lookups = tools.sent("getAthleteSettings").map((r) => r.url.pathname);
    expect(lookups.sort()).toEqual(["/fitness/v1/athletes/3100442/settings", "/fitness/v1/athletes/3100444/settings"]);
    // One user record shared by the four concurrent calls, and one token for everyone.
    expect(tools.sent("getUser")).toHaveLength(1);
    expect(tools.sent("exchangeToken")).toHaveLength(1);
  });
});

describe("the SDK's forAthlete", () => {
  it("reads another athlete with the same token, and caches each athlete's time zone", async () => {
    await startCoach();
    const client = testClient();
    const zoe = client.forAthlete(3100444);
    const riley = client.forAthlete(ROSTER[0].athleteId);

    await Promise.all([zoe.getWorkouts("2026-11-01", "2026-11-07"), riley.getWorkouts("2026-11-01", "2026-11-07")]);
    expect(await zoe.getTimeZone()).toBe("America/Los_Angeles");
    expect(await riley.getTimeZone()).toBe("Australia/Sydney");
    expect(await client.forAthlete(3100444).getTimeZone()).toBe("America/Los_Angeles");
    expect(await zoe.getAthleteId()).toBe(3100444);

    expect(tools.sent("getWorkouts").map((r) => r.url.pathname.split("/")[4]).sort()).toEqual(["3100442", "3100444"]);
    expect(tools.sent("getAthleteSettings")).toHaveLength(2);
    expect(client.tokenExchanges).toBe(1);
    expect(tools.sent("exchangeToken")).toHaveLength(1);
  });

  it("finds athletes by name for SDK users too", async () => {
    await startCoach();
    const client = testClient();
    expect((await client.findAthlete("ZOE MULLER"))?.athleteId).toBe(3100444);
    await expect(client.findAthlete("riley")).rejects.toThrow(/matches 2 athletes/);
    expect(await client.findAthlete(424242)).toBeUndefined();
  });
});
