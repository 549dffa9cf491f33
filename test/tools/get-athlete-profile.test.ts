import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import type { TrainingPeaksClientOptions } from "../../src/client/client.js";
import { textOf } from "../support/mcp.js";
import { exampleValue } from "../support/spec-mocks.js";
import { testClient } from "../support/test-client.js";
import { setupToolCalls } from "../support/tool-calls.js";

const tools = setupToolCalls();

type Json = Record<string, unknown>;
const settingsExample = () => exampleValue("getAthleteSettings") as Json;

function start({ settings, user, client }: { settings?: Json; user?: Json; client?: Partial<TrainingPeaksClientOptions> } = {}) {
  const overrides = {
    ...(settings ? { getAthleteSettings: () => HttpResponse.json(settings as never) } : {}),
    ...(user ? { getUser: () => HttpResponse.json(user as never) } : {}),
  };
  return tools.start({ overrides }, { client: testClient(client) });
}

async function call() {
  const result = await tools.call("tp_get_athlete_profile");
  return { result, answer: result.structuredContent as Json & { sports: Json[] }, text: textOf(result) };
}


describe("tp_get_athlete_profile", () => {
  it("gives thresholds and zones per sport in natural units", async () => {
    await start();
    const { answer, text } = await call();
    expect(answer).toMatchObject({ athlete_id: 2400117, name: "Jordan Example", time_zone: "Europe/Berlin", units: "metric", account_type: "premium" });
    expect(answer.sports.map((s) => s.sport)).toEqual(["All sports", "Bike", "Run"]);
    expect(answer.sports[0]).toEqual({
      sport: "All sports",
      workout_type_id: 0,
      heart_rate: {
        threshold_hr_bpm: 171,
        max_hr_bpm: 190,
        resting_hr_bpm: 48,
        calculation_method: 1,
        zones: [
          { label: "Zone 1", low_bpm: 0, high_bpm: 138 },
          { label: "Zone 2", low_bpm: 139, high_bpm: 154 },
          { label: "Zone 3", low_bpm: 155, high_bpm: 162 },
          { label: "Zone 4", low_bpm: 163, high_bpm: 171 },
          { label: "Zone 5", low_bpm: 172, high_bpm: 190 },
        ],
      },
    });
    expect(answer.sports[1]).toMatchObject({ sport: "Bike", power: { ftp_w: 262, zones: expect.arrayContaining([{ label: "Threshold", low_w: 237, high_w: 275 }]) } });
    expect(answer.sports[2]).toMatchObject({
      sport: "Run",
      speed: {
        threshold_speed_mps: 4,
        threshold_pace: "4:10",
        pace_unit: "min/km",
        zones: expect.arrayContaining([{ label: "Zone 4", low_mps: 3.9, high_mps: 4.2, slowest_pace: "4:16", fastest_pace: "3:58" }]),
      },
    });
    // A zone from 0 m/s has no slowest pace: it is left out, not "Infinity".
    expect((answer.sports[2]!.speed as { zones: Json[] }).zones[0]).toEqual({ label: "Zone 1", low_mps: 0, high_mps: 3.2, fastest_pace: "5:13" });
    expect(text).toContain("Bike power: FTP 262 W;");
    expect(text).toContain("Run pace: threshold 4:10 min/km (4 m/s)");
    expect(tools.recorded.map((r) => r.operationId).filter((id) => id !== "exchangeToken" && id !== "getUser")).toEqual(["getAthleteSettings"]);
  });

  it("reads swim pace per 100 m, and the settings' own account type, weight and TSS source", async () => {
    const settings = {
      ...settingsExample(),
      userType: 6,
      athleteType: 2,
      weight: 63.4,
      preferredRunningTssSource: 3,
      speedZones: [{ workoutTypeId: 1, threshold: 1.25, calculationMethod: 4, zones: [{ label: "Easy", minimum: 0.9, maximum: 1.1 }] }],
    };
    await start({ settings });
    const { answer, text } = await call();
    expect(answer).toMatchObject({ account_type: "basic", user_type_code: 6, athlete_type_code: 2, weight_kg: 63.4, running_tss_source_code: 3 });
    expect(answer.sports.find((s) => s.sport === "Swim")).toEqual({
      sport: "Swim",
      workout_type_id: 1,
      speed: { threshold_speed_mps: 1.25, threshold_pace: "1:20", pace_unit: "min/100m", calculation_method: 4, zones: [{ label: "Easy", low_mps: 0.9, high_mps: 1.1, slowest_pace: "1:51", fastest_pace: "1:31" }] },
    });
    expect(text).toContain("basic account");
    expect(text).toContain("weight 63.4 kg");
  });

  it("answers plainly for an athlete with no zones", async () => {
    await start({ settings: { athleteId: 2400117, firstName: "Jordan", lastName: "Example", heartRateZones: null, powerZones: [], speedZones: null } });
    const { result, answer, text } = await call();
    expect(result.isError).toBeFalsy();
    expect(answer).toMatchObject({ name: "Jordan Example", sports: [], time_zone: "Europe/Berlin", units: "metric" });
    expect(answer).not.toHaveProperty("weight_kg");
    expect(text).toContain("No thresholds or zones are set.");
    expect(text).toContain("weight not in the settings");
  });

  it.each([
    ["userType 4 in the settings", { userType: 4 }, undefined, "premium"],
    ["userType 6 in the settings, over a premium status", { userType: 6 }, undefined, "basic"],
    ["the roster entry, when the settings lack it", {}, { userType: 6, isPremium: null }, "basic"],
    ["the account status, for userType 1", { userType: 1 }, { isPremium: false }, "basic"],
    ["userType 1 with no status: unknown, not a guess", { userType: 1 }, { isPremium: null }, "unknown"],
    ["nothing said at all", {}, { userType: null, isPremium: null }, "unknown"],
  ] as const)("account type from %s", async (_title, settingsPart, userPart, want) => {
    const user = exampleValue("getUser") as { user: { athletes: Json[] }; accountStatus: Json };
    if (userPart && "userType" in userPart) user.user.athletes[0]!.userType = userPart.userType;
    if (userPart) user.accountStatus.isPremium = userPart.isPremium;
    await start({ settings: { ...settingsExample(), ...settingsPart }, user });
    const { answer } = await call();
    expect(answer.account_type).toBe(want);
    expect(typeof answer.account_note).toBe("string");
  });

  it("asks for the user record again only when the settings leave the account open", async () => {
    const lookups = async (settingsPart: Json) => {
      await start({ settings: { ...settingsExample(), ...settingsPart } });
      await call();
      return tools.recorded.filter((r) => r.operationId === "getUser").length;
    };
    expect(await lookups({ userType: 4 })).toBe(1);
    expect(await lookups({ userType: 6 })).toBe(1);
    expect(await lookups({ userType: 1 })).toBe(2);
    expect(await lookups({})).toBe(2);
  });

  it("reads a coach's athlete's own account, not the coach's status", async () => {
    await start({
      user: exampleValue("getUser", "coach") as Json,
      settings: { athleteId: 3100442, fullName: "Riley Athlete", units: 1, timeZone: "America/Denver" },
      client: { athleteId: 3100442 },
    });
    const { answer } = await call();
    expect(answer).toMatchObject({ athlete_id: 3100442, name: "Riley Athlete", units: "imperial", account_type: "basic", user_type_code: 6 });
    expect(tools.recorded.find((r) => r.operationId === "getAthleteSettings")!.url.pathname).toBe("/fitness/v1/athletes/3100442/settings");
  });
});
