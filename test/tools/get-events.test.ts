import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { answerText, EXAMPLE_ATHLETE, textOf } from "../support/mcp.js";
import type { SpecHandlerOptions } from "../support/spec-mocks.js";
import { setupToolCalls, TOOL_TEST_TODAY } from "../support/tool-calls.js";

const tools = setupToolCalls();
const TODAY = TOOL_TEST_TODAY;
const start = (options?: SpecHandlerOptions) => tools.start(options);

const call = (args: Record<string, unknown> = {}) => tools.call("tp_get_events", args);

const sent = (operationId: string) => tools.sent(operationId);
const event = (fields: Record<string, unknown>) => ({ personId: 2400117, isHidden: false, isLocked: false, ...fields });
const season = [
  event({ id: 3, name: "Autumn 70.3", eventDate: "2027-09-12T00:00:00", eventType: "Triathlon", atpPriority: "A", ctlTarget: 90, description: "Goal race.", distance: 113, distanceUnits: "km" }),
  event({ id: 1, name: "Parkrun", eventDate: "2026-11-20T00:00:00", eventType: "RoadRunning", atpPriority: "C", ctlTarget: null, description: null, distance: 5000, distanceUnits: "Meters" }),
  event({ id: 2, name: "Marathon", eventDate: "2027-04-11T00:00:00", eventType: "RoadRunning", atpPriority: "b", ctlTarget: 70, description: "", distance: 26.2, distanceUnits: "mi" }),
  event({ id: 4, name: "Club swim", eventDate: "2027-06-01T00:00:00", eventType: "OpenWater", atpPriority: null, ctlTarget: null, description: null, distance: 3, distanceUnits: "laps" }),
];


describe("tp_get_events", () => {
  it("lists events in date order with priority, distance in metres, CTL target and days until", async () => {
    await start({ overrides: { getEvents: () => HttpResponse.json(season), getNextPlannedEvent: () => HttpResponse.json(season[2]) } });
    const result = await call({ start_date: "2026-11-01", end_date: "2027-10-31" });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({
      athlete: EXAMPLE_ATHLETE,
      start_date: "2026-11-01",
      end_date: "2027-10-31",
      count: 4,
      events: [
        { id: 1, date: "2026-11-20", name: "Parkrun", type: "RoadRunning", priority: "C", distance: 5000, distance_unit: "Meters", distance_m: 5000, days_until: -5 },
        { id: 2, date: "2027-04-11", name: "Marathon", type: "RoadRunning", priority: "B", distance: 26.2, distance_unit: "mi", distance_m: 42165, ctl_target: 70, days_until: 137 },
        // An unknown unit keeps the distance as given, without a guess in metres.
        { id: 4, date: "2027-06-01", name: "Club swim", type: "OpenWater", distance: 3, distance_unit: "laps", days_until: 188 },
        { id: 3, date: "2027-09-12", name: "Autumn 70.3", type: "Triathlon", priority: "A", distance: 113, distance_unit: "km", distance_m: 113000, ctl_target: 90, description: "Goal race.", days_until: 291 },
      ],
      // The spec's example focus event (Lakeside 70.3), outside the range asked for: still named.
      focus_event: { id: 88012, date: "2026-12-28", name: "Lakeside 70.3", type: "Triathlon", priority: "A", distance: 113, distance_unit: "km", distance_m: 113000, ctl_target: 85, description: "Season goal.", days_until: 33 },
      next_planned_event: { id: 2, date: "2027-04-11", name: "Marathon", type: "RoadRunning", priority: "B", distance: 26.2, distance_unit: "mi", distance_m: 42165, ctl_target: 70, days_until: 137 },
    });
    expect(sent("getEvents")[0]!.url.pathname).toBe("/fitness/v6/athletes/2400117/events/2026-11-01/2027-10-31");
    const text = answerText(result);
    expect(text).toContain("Parkrun (C race, 5000 Meters) on 2026-11-20: 5 days ago, RoadRunning, id 1");
    expect(text).toContain("Autumn 70.3 (A race, 113 km) on 2027-09-12: in 291 days, Triathlon, CTL target 90, id 3. Goal race.");
    expect(text).toContain("Focus event: Lakeside 70.3 (A race, 113 km) on 2026-12-28, in 33 days.");
    expect(text).toContain("Next planned event: Marathon (B race, 26.2 mi) on 2027-04-11, in 137 days.");
  });

  it.each([
    ["no dates: today to a year ahead", {}, "2026-11-25/2027-11-25"],
    ["a start alone: a year from it", { start_date: "2026-01-01" }, "2026-01-01/2027-01-01"],
    ["an end ahead alone: from today", { end_date: "2027-03-01" }, "2026-11-25/2027-03-01"],
    ["an end in the past alone: the year before it", { end_date: "2026-06-30" }, "2025-06-30/2026-06-30"],
    ["exactly 730 days", { start_date: "2026-01-01", end_date: "2027-12-31" }, "2026-01-01/2027-12-31"],
    ["an end more than 730 days ahead alone: its last 730 days", { end_date: "2028-12-01" }, "2026-12-03/2028-12-01"],
  ])("asks for the range of %s", async (_title, args, range) => {
    const result = await call(args);
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(sent("getEvents").map((r) => r.url.pathname)).toEqual([`/fitness/v6/athletes/2400117/events/${range}`]);
  });

  it.each([
    ["731 days", { start_date: "2026-01-01", end_date: "2028-01-01" }, /at most 730 days/],
    ["an end before its start", { start_date: "2026-03-02", end_date: "2026-03-01" }, /before start_date/],
  ])("refuses %s before any data request", async (_title, args, message) => {
    const result = await call(args);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(message);
    expect(tools.recorded.filter((r) => r.operationId.includes("Event"))).toEqual([]);
  });

  it("answers plainly when there are no events, no focus event and no next event (a 404)", async () => {
    await start({
      overrides: {
        getEvents: () => HttpResponse.json([]),
        getFocusEvent: () => HttpResponse.json(null),
        getNextPlannedEvent: () => HttpResponse.json({ message: "No planned event." }, { status: 404 }),
      },
    });
    const result = await call();
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ athlete: EXAMPLE_ATHLETE, start_date: TODAY, end_date: "2027-11-25", count: 0, events: [] });
    expect(answerText(result)).toBe("No races or events from 2026-11-25 to 2027-11-25.\nNo focus event is set.\nNo event is planned.");
  });

  it("reports an outage of the next-event call instead of calling it none", async () => {
    await start({ overrides: { getNextPlannedEvent: () => HttpResponse.json({ message: "An error has occurred." }, { status: 500 }) } });
    const result = await call();
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/failed while reading your next event \(500/);
  });

  it("leaves out an event without an id or a readable date, and cuts a long description", async () => {
    const long = "x".repeat(1000);
    await start({ overrides: { getEvents: () => HttpResponse.json([event({ name: "No id", eventDate: "2026-12-01T00:00:00" }), event({ id: 9, name: "Long", eventDate: "2026-12-02T00:00:00", description: long })]) } });
    const { structuredContent } = await call();
    const events = (structuredContent as { events: Array<{ id: number; description?: string }> }).events;
    expect(events.map((e) => e.id)).toEqual([9]);
    expect(events[0]!.description).toHaveLength(300);
    expect(events[0]!.description!.endsWith("…")).toBe(true);
  });
});
