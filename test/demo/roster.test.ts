import { describe, expect, it } from "vitest";
import { createTrainingPeaksClient } from "../../src/client/client.js";
import { createDemoAthlete } from "../../src/demo/athlete.js";
import { createDemoFetch } from "../../src/demo/fetch.js";
import { CYCLIST, ROSTER, RUNNER, TRIATHLETE } from "../../src/demo/roster.js";
import type { DemoStrengthSession, DemoWorkout } from "../../src/demo/types.js";

const TODAY = "2026-11-20";
const demoFetch = createDemoFetch({ today: TODAY });
const API = "https://tpapi.trainingpeaks.com";
type Json = ReturnType<typeof JSON.parse>;

async function get(path: string): Promise<{ status: number; body: Json }> {
  const res = await demoFetch(API + path);
  return { status: res.status, body: await res.json() };
}
const workoutsOf = async (id: number): Promise<DemoWorkout[]> => (await get(`/fitness/v6/athletes/${id}/workouts/2026-09-01/2026-11-29`)).body;

describe("the demo account", () => {
  it("is a coach who is also an athlete, with themself and two coached athletes on the roster", async () => {
    const { body } = await get("/users/v3/user");
    expect(body.accountStatus).toMatchObject({ isAthlete: true, isCoach: true });
    expect(body.user.userId).toBe(TRIATHLETE.athleteId);
    expect(body.user.athletes).toEqual([
      { athleteId: 1000001, firstName: "Alex", lastName: "Rivera", email: "alex.rivera@example.com", coachedBy: 1000001, userType: 4, athleteType: 1 },
      { athleteId: 1000002, firstName: "Zoë", lastName: "Lindqvist", email: "zoe.lindqvist@example.com", coachedBy: 1000001, userType: 4, athleteType: 1 },
      { athleteId: 1000003, firstName: "Sam", lastName: "Okafor", email: "sam.okafor@example.com", coachedBy: 1000001, userType: 6, athleteType: 1 },
    ]);
    expect(new Set(ROSTER.map((p) => p.person.firstName)).size).toBe(ROSTER.length);
  });

  it("reads the triathlete when no athlete is named, as a coach who is an athlete too", async () => {
    const client = createTrainingPeaksClient({ demo: true, today: TODAY });
    expect(await client.getAthleteId()).toBe(TRIATHLETE.athleteId);
    expect((await client.getSettings()).fullName).toBe("Alex Rivera");
  });

  it("lets the demo client read a coached athlete, and refuses one outside the roster", async () => {
    expect((await createTrainingPeaksClient({ demo: true, today: TODAY, athleteId: RUNNER.athleteId }).getSettings()).fullName).toBe("Zoë Lindqvist");
    await expect(createTrainingPeaksClient({ demo: true, today: TODAY, athleteId: 42 }).getSettings()).rejects.toThrow(/\(403\)/);
  });

  it.each([
    [TRIATHLETE.athleteId, "Europe/Amsterdam", "Alex Rivera"],
    [RUNNER.athleteId, "America/Los_Angeles", "Zoë Lindqvist"],
    [CYCLIST.athleteId, "Australia/Sydney", "Sam Okafor"],
  ])("answers athlete %i's settings with their own time zone and name", async (id, timeZone, fullName) => {
    const { status, body } = await get(`/fitness/v1/athletes/${id}/settings`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ athleteId: id, timeZone, fullName });
  });

  it("gives the runner pace zones only and the cyclist a basic account with power and heart-rate zones", async () => {
    const runner = (await get(`/fitness/v1/athletes/${RUNNER.athleteId}/settings`)).body;
    expect([runner.powerZones, runner.heartRateZones, runner.speedZones.map((g: Json) => g.workoutTypeId)]).toEqual([[], [], [3]]);
    expect(runner.speedZones[0].threshold).toBeCloseTo(1000 / 235, 3); // 3:55/km
    const cyclist = (await get(`/fitness/v1/athletes/${CYCLIST.athleteId}/settings`)).body;
    expect(cyclist).toMatchObject({ userType: 6, speedZones: [] });
    expect(cyclist.powerZones[0].threshold).toBe(290);
    expect(cyclist.heartRateZones.length).toBeGreaterThan(0);
  });

  it("answers each athlete's workouts with their own sports and ids, and no power for the runner", async () => {
    const [tri, run, bike] = await Promise.all(ROSTER.map((p) => workoutsOf(p.athleteId)));
    for (const [list, persona] of [[tri, TRIATHLETE], [run, RUNNER], [bike, CYCLIST]] as const) {
      expect(list!.length).toBeGreaterThan(30);
      expect(new Set(list!.map((w) => w.athleteId))).toEqual(new Set([persona.athleteId]));
    }
    const ids = [tri!, run!, bike!].map((list) => new Set(list.map((w) => w.workoutId)));
    expect(ids[0]!.size + ids[1]!.size + ids[2]!.size).toBe(new Set([...ids[0]!, ...ids[1]!, ...ids[2]!]).size);
    const sports = (list: DemoWorkout[]) => [...new Set(list.map((w) => w.workoutTypeValueId))].sort((a, b) => a - b);
    expect(sports(tri!)).toEqual([1, 2, 3, 7, 9]);
    expect(sports(run!).filter((s) => s !== 7 && s !== 9)).toEqual([3]);
    expect(sports(bike!).filter((s) => s !== 7)).toEqual([2]);
    expect(run!.every((w) => w.powerAverage === null)).toBe(true);
    expect(bike!.some((w) => (w.powerAverage ?? 0) > 0)).toBe(true);
  });

  it("answers each athlete's own events, fitness, metrics and peaks", async () => {
    const focus = await Promise.all(ROSTER.map(async (p) => (await get(`/fitness/v6/athletes/${p.athleteId}/events/focusevent`)).body));
    expect(focus.map((e) => [e.personId, e.eventType])).toEqual([
      [1000001, "Triathlon"],
      [1000002, "RoadRunning"],
      [1000003, "RoadCycling"],
    ]);
    const metrics = await Promise.all(ROSTER.map(async (p) => (await get(`/metrics/v3/athletes/${p.athleteId}/consolidatedtimedmetrics/2026-11-01/2026-11-20`)).body as Json[]));
    expect(metrics.map((list) => new Set(list.map((m) => m.athleteId)).size)).toEqual([1, 1, 1]);
    expect(new Set(metrics.map((list) => JSON.stringify(list.map((m) => m.details)))).size).toBe(3);
    const peaks = async (id: number, sport: string, prType: string) => (await get(`/personalrecord/v2/athletes/${id}/${sport}?prType=${prType}`)).body as Json[];
    expect(await peaks(RUNNER.athleteId, "Bike", "power20min")).toEqual([]);
    expect((await peaks(RUNNER.athleteId, "Run", "speed5K")).length).toBeGreaterThan(0);
    expect((await peaks(CYCLIST.athleteId, "Bike", "power20min"))[0]).toMatchObject({ athleteId: CYCLIST.athleteId });
  });

  it("analyses a coached athlete's workout by its bare id, as the analysis host takes it", async () => {
    const run = (await workoutsOf(RUNNER.athleteId)).filter((w) => w.totalTime !== null && w.workoutTypeValueId === 3).at(-1)!;
    const res = await demoFetch("https://api.peakswaresb.com/workout-analysis/v2/analyze/summary", { method: "POST", body: JSON.stringify({ workoutId: run.workoutId }) });
    expect(res.status).toBe(200);
    expect((await res.json()).workoutId).toBe(run.workoutId);
    const unknown = await demoFetch("https://api.peakswaresb.com/workout-analysis/v2/analyze/summary", { method: "POST", body: JSON.stringify({ workoutId: 3_900_000_000 }) });
    expect(unknown.status).toBe(404);
  });

  it.each([
    ["an athlete outside the roster", "/fitness/v6/athletes/1000004/workouts/2026-11-01/2026-11-02"],
    ["a roster id written differently", "/fitness/v1/athletes/01000002/settings"],
    ["the strength calendar of someone else", "/rx/activity/v1/workouts/calendar/42/2026-11-01/2026-11-02"],
    ["the notes of someone else", "/fitness/v2/athletes/42/calendarNote/2026-11-01/2026-11-02"],
  ])("refuses %s with 403, as the API does", async (_title, path) => {
    const { status, body } = await get(path);
    expect(status).toBe(403);
    expect(body.message).toMatch(/No access to athlete/);
  });

  it("keeps the triathlete's training whatever else the roster holds, and builds each athlete deterministically", () => {
    const runner = createDemoAthlete({ today: TODAY, persona: RUNNER });
    expect(JSON.stringify(createDemoAthlete({ today: TODAY, persona: RUNNER }))).toBe(JSON.stringify(runner));
    expect(createDemoAthlete({ today: TODAY }).workouts[0]!.workoutId).toBe(3_000_000_000);
    expect(runner.workouts[0]!.workoutId).toBe(3_100_000_000);
  });
});

describe("the strength calendar and the notes", () => {
  it("holds a weekly Strength Builder session for the triathlete: done, partly done or missed before today, prescribed after", async () => {
    const { body } = await get(`/rx/activity/v1/workouts/calendar/${TRIATHLETE.athleteId}/2026-08-25/2026-11-22`);
    const sessions = body.data as DemoStrengthSession[];
    expect(sessions.length).toBe(13);
    const past = sessions.filter((s) => s.prescribedDate! < TODAY);
    expect(past.some((s) => s.completedDateTime !== null && s.snapshot!.completedSets === s.snapshot!.totalSets)).toBe(true);
    expect(sessions.filter((s) => s.prescribedDate! >= TODAY).every((s) => s.startDateTime === null && s.snapshot!.completedSets === 0)).toBe(true);
    const future = (await get(`/rx/activity/v1/workouts/calendar/${TRIATHLETE.athleteId}/2026-11-20/2026-12-31`)).body.data as DemoStrengthSession[];
    expect(future.length).toBeGreaterThan(3);
    // Loads in pounds per side, as the Strength Builder records some exercises.
    expect(JSON.stringify(sessions)).toContain('"parameter":"WeightPerSideLb"');
    expect((await get(`/rx/activity/v1/workouts/calendar/${CYCLIST.athleteId}/2026-08-25/2026-11-22`)).body).toEqual({ data: [] });
  });

  it("answers one session by its bare id for whichever athlete it belongs to, 404 for an id nobody has", async () => {
    const sessions = (await get(`/rx/activity/v1/workouts/calendar/${RUNNER.athleteId}/2026-11-01/2026-11-30`)).body.data as DemoStrengthSession[];
    const { status, body } = await get(`/rx/activity/v1/workouts/${sessions[0]!.id}`);
    expect(status).toBe(200);
    expect(body).toEqual({ data: sessions[0], errors: {} });
    expect((await get("/rx/activity/v1/workouts/49999999")).status).toBe(404);
  });

  it("refuses a strength range longer than the spec's 90 days", async () => {
    expect((await get(`/rx/activity/v1/workouts/calendar/${TRIATHLETE.athleteId}/2026-01-01/2026-04-01`)).status).toBe(400);
  });

  it("holds a few notes per athlete, one of them hidden from the athlete", async () => {
    const notes = await Promise.all(ROSTER.map(async (p) => (await get(`/fitness/v2/athletes/${p.athleteId}/calendarNote/2026-09-01/2027-02-28`)).body as Json[]));
    expect(notes.map((list) => list.length)).toEqual([5, 4, 3]);
    expect(notes.map((list) => list.filter((n) => n.isHidden).length)).toEqual([1, 1, 0]);
    expect(notes[1]!.map((n) => n.title)).toContain("Tight calf");
  });
});
