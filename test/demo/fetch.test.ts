import { describe, expect, it } from "vitest";
import { createDemoAthlete } from "../../src/demo/athlete.js";
import { createDemoFetch, DEMO_ATHLETE_ID, MAX_WORKOUT_RANGE_DAYS } from "../../src/demo/fetch.js";
import type { DemoWorkout } from "../../src/demo/types.js";

const TODAY = "2026-11-20";
const athlete = createDemoAthlete({ today: TODAY });
const NOW = new Date("2026-11-20T09:00:00Z");
const demoFetch = createDemoFetch({ athlete, now: () => NOW });
const API = "https://tpapi.trainingpeaks.com";
const ANALYSIS = "https://api.peakswaresb.com";
const A = `/fitness/v6/athletes/${DEMO_ATHLETE_ID}`;

const completed = athlete.workouts.filter((w) => w.totalTime !== null && w.workoutDay < TODAY).at(-1)!;
const planned = athlete.workouts.find((w) => w.workoutDay >= "2026-11-21" && w.workoutTypeValueId !== 7)!;

/** Parsed JSON, navigated freely by the assertions (they check its shape). */
type Json = ReturnType<typeof JSON.parse>;

async function call(path: string, init?: RequestInit, base = API): Promise<{ status: number; type: string | null; body: Json }> {
  const res = await demoFetch(base + path, init);
  return { status: res.status, type: res.headers.get("content-type"), body: await res.json() };
}
const post = (body: unknown): RequestInit => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("routes", () => {
  it.each<[string, string, RequestInit | undefined, (body: Json) => void]>([
    ["token", "/users/v3/token", undefined, (b) => expect(b).toEqual({ success: true, token: { access_token: "demo-access-token", token_type: "Bearer", expires_in: 3600, expires: "2026-11-20T10:00:00.000Z", refresh_token: "demo-refresh", scope: "demo" } })],
    ["user", "/users/v3/user", undefined, (b) => {
      expect(b.user).toMatchObject({ userId: DEMO_ATHLETE_ID, personId: DEMO_ATHLETE_ID, units: 2, timeZone: "Europe/Amsterdam", settings: {} });
      expect(b.user.athletes[0]).toEqual({ athleteId: DEMO_ATHLETE_ID, firstName: "Alex", lastName: "Rivera", email: "alex.rivera@example.com", coachedBy: DEMO_ATHLETE_ID, userType: 4, athleteType: 1 });
      expect(b.user.athletes).toHaveLength(3);
      expect(b.accountStatus).toMatchObject({ isAthlete: true, isCoach: true });
    }],
    ["workouts in a range", `${A}/workouts/2026-11-14/2026-11-27`, undefined, (b: DemoWorkout[]) => {
      expect(b.length).toBeGreaterThan(8);
      expect(b.every((w) => w.workoutDay >= "2026-11-14" && w.workoutDay < "2026-11-28")).toBe(true);
      expect(b.some((w) => w.totalTime !== null) && b.some((w) => w.totalTime === null)).toBe(true);
      expect(b).toEqual(athlete.workouts.filter((w) => w.workoutDay >= "2026-11-14" && w.workoutDay < "2026-11-28"));
    }],
    ["a workout", `${A}/workouts/${completed.workoutId}`, undefined, (b) => expect(b).toEqual(completed)],
    ["its details", `${A}/workouts/${completed.workoutId}/details`, undefined, (b) => {
      expect(b.workoutId).toBe(completed.workoutId);
      expect(b.attachmentFileInfos).toEqual([]);
      expect(b.workoutDeviceFileInfos).toHaveLength(1);
      expect(b.workoutDeviceFileInfos[0].fileName).toMatch(/^\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}\.fit$/);
      expect(b.workoutDeviceFileInfos[0].fileName.slice(0, 10)).toBe(completed.workoutDay.slice(0, 10));
    }],
    ["a planned workout's details", `${A}/workouts/${planned.workoutId}/details`, undefined, (b) => expect(b.workoutDeviceFileInfos).toEqual([])],
    ["its laps", `${A}/workouts/${completed.workoutId}/detaildata`, undefined, (b) => {
      expect(b.workoutId).toBe(completed.workoutId);
      const laps = b.lapsStats as Array<Record<string, number>>;
      expect(laps.length).toBeGreaterThan(0);
      const moving = laps.reduce((s, l) => s + l.elapsedTime! - l.stoppedTime!, 0) / 1000;
      expect(moving).toBeCloseTo(completed.totalTime! * 3600, -1);
      expect(laps.reduce((s, l) => s + l.distance!, 0)).toBeCloseTo(completed.distance ?? 0, -1);
      laps.forEach((l, i) => {
        expect(l.end! - l.begin!).toBe(l.elapsedTime);
        if (i > 0) expect(l.begin).toBe(laps[i - 1]!.end);
      });
    }],
    ["performance data", `/fitness/v1/athletes/${DEMO_ATHLETE_ID}/reporting/performancedata/2026-11-01/2026-11-30`, post({ atlConstant: 7, atlStart: 0, ctlConstant: 42, ctlStart: 0, workoutTypes: [] }), (b) => {
      expect(b).toHaveLength(30);
      expect(Object.keys(b[0]).sort()).toEqual(["atl", "ctl", "ifActual", "ifPlanned", "tsb", "tssActual", "tssPlanned", "workoutDay"]);
    }],
    ["ranked peaks", `/personalrecord/v2/athletes/${DEMO_ATHLETE_ID}/Bike?prType=power5min&startDate=2026-01-01T00:00:00&endDate=2026-11-20T00:00:00`, undefined, (b) => {
      expect(b).toHaveLength(10);
      expect(b.map((r: { rank: number }) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    }],
    ["workout PRs", `/personalrecord/v2/athletes/${DEMO_ATHLETE_ID}/workouts/${planned.workoutId}?displayPeaksForBasic=true`, undefined, (b) =>
      expect(b).toEqual({ calcsPending: false, workoutId: planned.workoutId, personalRecordCount: 0, personalRecords: [] })],
    ["settings", `/fitness/v1/athletes/${DEMO_ATHLETE_ID}/settings`, undefined, (b) => {
      expect(b).toMatchObject({ athleteId: DEMO_ATHLETE_ID, firstName: "Alex", lastName: "Rivera", timeZone: "Europe/Amsterdam" });
      for (const key of ["heartRateZones", "powerZones", "speedZones"]) {
        for (const g of b[key]) expect(Object.keys(g)).toEqual(expect.arrayContaining(["workoutTypeId", "threshold", "calculationMethod", "zones"]));
      }
    }],
    ["events", `${A}/events/2025-06-01/2027-06-01`, undefined, (b) => {
      expect(b.length).toBeGreaterThan(5);
      expect(b.every((e: { eventDate: string }) => e.eventDate >= "2025-06-01" && e.eventDate < "2027-06-02")).toBe(true);
      expect(Object.keys(b[0]).sort()).toEqual(["atpPriority", "ctlTarget", "description", "distance", "distanceUnits", "eventDate", "eventType", "id", "isHidden", "isLocked", "name", "personId"]);
    }],
    ["the focus event", `${A}/events/focusevent`, undefined, (b) => expect(b).toEqual(athlete.focusEvent)],
    ["the next planned event", `${A}/events/nextplannedevent`, undefined, (b) => expect(b).toEqual(athlete.nextPlannedEvent)],
    ["metrics", `/metrics/v3/athletes/${DEMO_ATHLETE_ID}/consolidatedtimedmetrics/2026-11-01/2026-11-20`, undefined, (b) => {
      expect(b.length).toBeGreaterThan(12);
      expect(b[0]).toMatchObject({ athleteId: DEMO_ATHLETE_ID, id: expect.any(String) });
      expect(b[0].details[0]).toMatchObject({ type: expect.any(Number), label: expect.any(String), value: expect.any(Number), uploadClient: "Garmin Connect" });
    }],
    ["the training plan", `/fitness/v1/athletes/${DEMO_ATHLETE_ID}/atp/2026-11-01/2026-12-31`, undefined, (b) => {
      expect(b.length).toBe(10);
      expect(b[0]).toMatchObject({ week: "2026-10-26T00:00:00", atpType: "TSS" });
    }],
  ])("%s answers 200 with the API's shape", async (_title, path, init, check) => {
    const res = await call(path, init);
    expect(res.status).toBe(200);
    expect(res.type).toBe("application/json");
    check(res.body);
  });

  it("analyses a completed workout on the second host, and 404s otherwise", async () => {
    const ok = await call("/workout-analysis/v2/analyze/summary", post({ workoutId: completed.workoutId }), ANALYSIS);
    expect(ok.status).toBe(200);
    expect(ok.body.workoutId).toBe(completed.workoutId);
    expect(ok.body.totals.Duration).toEqual({ value: Math.round(completed.totalTime! * 3600), unit: "s" });
    if (completed.distance !== null) expect(ok.body.totals.Distance).toEqual({ value: completed.distance, unit: "m" });
    expect((await call("/workout-analysis/v2/analyze/summary", post({ workoutId: planned.workoutId }), ANALYSIS)).status).toBe(404);
    expect((await call("/workout-analysis/v2/analyze/summary", post({}), ANALYSIS)).status).toBe(400);
  });

  it("answers a completed workout's recording and laps, one sample a second of moving time, and 404s otherwise", async () => {
    const ride = athlete.workouts.filter((w) => w.workoutTypeValueId === 2 && w.totalTime !== null && w.totalTime > 1.5).at(-1)!;
    const charts = await call("/workout-analysis/v2/analyze/charts", post({ workoutId: ride.workoutId }), ANALYSIS);
    expect(charts.status).toBe(200);
    const samples = charts.body.data as Array<{ time: number; Power: number; HeartRate: number; Distance: number }>;
    expect(samples.length).toBe(Math.round(ride.totalTime! * 3600));
    expect(samples.every((s, i) => i === 0 || s.time > samples[i - 1]!.time)).toBe(true);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean(samples.map((s) => s.Power))).toBeCloseTo(ride.powerAverage!, -1);
    expect(Math.abs(mean(samples.map((s) => s.HeartRate)) - ride.heartRateAverage!)).toBeLessThan(3);
    expect(Math.abs(samples.at(-1)!.Distance - ride.distance!)).toBeLessThan(ride.distance! * 0.02);
    expect(charts.body.metadata.Power).toMatchObject({ unit: "W", zones: expect.arrayContaining([expect.objectContaining({ label: "Zone 2: Endurance" })]) });
    // The same request gives the same samples: generated from the workout, not from chance.
    expect((await call("/workout-analysis/v2/analyze/charts", post({ workoutId: ride.workoutId }), ANALYSIS)).body).toEqual(charts.body);

    const laps = await call("/workout-analysis/v2/analyze/laps", post({ workoutId: ride.workoutId }), ANALYSIS);
    expect(laps.status).toBe(200);
    const detail = (await call(`${A}/workouts/${ride.workoutId}/detaildata`)).body.lapsStats as Array<{ elapsedTime: number; averagePower: number }>;
    expect(laps.body.data.map((l: { TotalElapsedTime: number }) => l.TotalElapsedTime)).toEqual(detail.map((l) => l.elapsedTime / 1000));
    expect(laps.body.data.map((l: { AveragePower: number }) => l.AveragePower)).toEqual(detail.map((l) => l.averagePower));
    const moving = laps.body.data.reduce((sum: number, l: { TotalMovingTime: number }) => sum + l.TotalMovingTime, 0);
    expect(moving).toBeCloseTo(ride.totalTime! * 3600, -1);

    for (const path of ["/workout-analysis/v2/analyze/charts", "/workout-analysis/v2/analyze/laps"]) {
      expect((await call(path, post({ workoutId: planned.workoutId }), ANALYSIS)).status).toBe(404);
      expect((await call(path, post({ workoutId: 42 }), ANALYSIS)).status).toBe(404);
      expect((await call(path, post({}), ANALYSIS)).status).toBe(400);
    }
  });

  it("accepts a Request object (as openapi-fetch sends), a URL, a relative path and a proxy prefix", async () => {
    const viaRequest = await demoFetch(new Request(`${API}/fitness/v1/athletes/${DEMO_ATHLETE_ID}/reporting/performancedata/2026-11-19/2026-11-20`, post({ workoutTypes: [] })));
    expect(viaRequest.status).toBe(200);
    expect(await viaRequest.json()).toHaveLength(2);
    expect((await demoFetch(new URL(`${API}/users/v3/user`))).status).toBe(200);
    expect((await demoFetch("/users/v3/user")).status).toBe(200);
    expect((await demoFetch(`http://localhost:8080/tp-proxy${A}/events/focusevent`)).status).toBe(200);
  });
});

describe("errors", () => {
  it.each<[string, number, string, RequestInit | undefined]>([
    ["an unknown workout", 404, `${A}/workouts/123`, undefined],
    ["an unknown workout's details", 404, `${A}/workouts/123/details`, undefined],
    ["laps of a planned workout", 400, `${A}/workouts/${planned.workoutId}/detaildata`, undefined],
    ["91 days of workouts", 400, `${A}/workouts/2026-01-01/2026-04-01`, undefined],
    ["a range that ends before it starts", 400, `${A}/workouts/2026-02-01/2026-01-01`, undefined],
    ["a date that does not exist", 400, `${A}/workouts/2026-02-30/2026-03-01`, undefined],
    ["another athlete", 403, `/fitness/v6/athletes/42/workouts/2026-01-01/2026-01-02`, undefined],
    ["another athlete's settings", 403, `/fitness/v1/athletes/42/settings`, undefined],
    ["a PR type of the other sport", 400, `/personalrecord/v2/athletes/${DEMO_ATHLETE_ID}/Run?prType=power20min`, undefined],
    ["no PR type", 400, `/personalrecord/v2/athletes/${DEMO_ATHLETE_ID}/Bike`, undefined],
    ["a broken performance body", 400, `/fitness/v1/athletes/${DEMO_ATHLETE_ID}/reporting/performancedata/2026-01-01/2026-01-02`, { method: "POST", body: "{nope" }],
    ["an unknown path", 404, "/fitness/v6/athletes/1000001/secrets", undefined],
    ["the root", 404, "/", undefined],
    ["a PUT", 405, `${A}/workouts/${completed.workoutId}`, { method: "PUT", body: "{}" }],
    ["a DELETE", 405, `${A}/workouts/${completed.workoutId}`, { method: "DELETE" }],
    ["a POST that would create", 405, `${A}/workouts`, post({ title: "new" })],
    ["a GET on a POST route", 405, `/fitness/v1/athletes/${DEMO_ATHLETE_ID}/reporting/performancedata/2026-01-01/2026-01-02`, undefined],
  ])("%s → %i with a JSON message", async (_title, status, path, init) => {
    const res = await call(path, init);
    expect(res.status).toBe(status);
    expect(res.type).toBe("application/json");
    expect(res.body.message).toEqual(expect.any(String));
  });

  it(`allows exactly ${MAX_WORKOUT_RANGE_DAYS} days of workouts`, async () => {
    const res = await call(`${A}/workouts/2026-01-01/2026-03-31`);
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(50);
  });

  it("answers empty lists outside the history", async () => {
    expect((await call(`${A}/workouts/2010-01-01/2010-01-31`)).body).toEqual([]);
    expect((await call(`${A}/events/2010-01-01/2010-12-31`)).body).toEqual([]);
  });
});

describe("laziness", () => {
  it("builds the athlete on first use, from today and seed", async () => {
    const lazy = createDemoFetch({ today: TODAY, seed: 42 });
    const res = await lazy(`${API}${A}/workouts/${completed.workoutId}`);
    expect(await res.json()).toEqual(completed);
  });

  it("serves an athlete that went through JSON, laps included", async () => {
    const copy = JSON.parse(JSON.stringify(athlete)) as typeof athlete;
    const res = await createDemoFetch({ athlete: copy })(`${API}${A}/workouts/${completed.workoutId}/detaildata`);
    const direct = await demoFetch(`${API}${A}/workouts/${completed.workoutId}/detaildata`);
    expect(await res.json()).toEqual(await direct.json());
  });
});
