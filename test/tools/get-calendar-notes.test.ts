import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { createTrainingPeaksClient } from "../../src/client/client.js";
import { answerText, EXAMPLE_ATHLETE, textOf } from "../support/mcp.js";
import { setupToolCalls } from "../support/tool-calls.js";

const tools = setupToolCalls();
const call = (args: Record<string, unknown>) => tools.call("tp_get_calendar_notes", args);
const note = (fields: Record<string, unknown>) => ({ isHidden: false, commentCount: 0, attachments: [], ownerId: 2400117, ...fields });

describe("tp_get_calendar_notes", () => {
  it("lists the visible notes of the spec's example with date, title, text and comments; the hidden one is only counted", async () => {
    const result = await call({ start_date: "2026-11-23", end_date: "2026-11-29" });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toEqual({
      athlete: EXAMPLE_ATHLETE,
      start_date: "2026-11-23",
      end_date: "2026-11-29",
      count: 1,
      hidden_count: 1,
      notes: [{ date: "2026-11-26", title: "Travel day", text: "Flying to the race; only a 20 min shakeout if the hotel has a treadmill.", comment_count: 2 }],
    });
    expect(tools.sent("getCalendarNotes").map((r) => r.url.pathname)).toEqual(["/fitness/v2/athletes/2400117/calendarNote/2026-11-23/2026-11-29"]);
    expect(answerText(result)).toBe(
      "1 calendar note from 2026-11-23 to 2026-11-29:\n2026-11-26 Travel day (2 comments): Flying to the race; only a 20 min shakeout if the hotel has a treadmill.\n1 hidden note left out.",
    );
  });

  it("sorts by day, tolerates nulls and absent fields, drops a note without a day and cuts a long text", async () => {
    const long = "y".repeat(1500);
    await tools.start({
      overrides: {
        getCalendarNotes: () =>
          HttpResponse.json([
            note({ id: 3, title: null, description: long, noteDate: "2026-11-28T00:00:00", commentCount: null, isHidden: null }),
            note({ id: 1, title: "  Sick  ", description: null, noteDate: "2026-11-24T00:00:00", commentCount: 1 }),
            note({ id: 2, title: "No day", noteDate: null }),
            { noteDate: "2026-11-25T00:00:00" },
          ]),
      },
    });
    const result = await call({ start_date: "2026-11-23", end_date: "2026-11-29" });
    const { notes, count, hidden_count } = result.structuredContent as { notes: Array<Record<string, unknown>>; count: number; hidden_count: number };
    expect([count, hidden_count]).toEqual([3, 0]);
    expect(notes.slice(0, 2)).toEqual([
      { date: "2026-11-24", title: "Sick", comment_count: 1 },
      { date: "2026-11-25", comment_count: 0 },
    ]);
    expect(notes[2]!.text).toHaveLength(1000);
    expect(String(notes[2]!.text).endsWith("…")).toBe(true);
    expect(textOf(result)).toContain("2026-11-24 Sick (1 comment)\n2026-11-25 Note\n2026-11-28 Note: yyy");
  });

  it("answers plainly when there are no notes", async () => {
    await tools.start({ overrides: { getCalendarNotes: () => HttpResponse.json([]) } });
    const result = await call({ start_date: "2026-01-01", end_date: "2026-12-31" });
    expect(result.structuredContent).toEqual({ athlete: EXAMPLE_ATHLETE, start_date: "2026-01-01", end_date: "2026-12-31", count: 0, hidden_count: 0, notes: [] });
    expect(answerText(result)).toBe("No calendar notes from 2026-01-01 to 2026-12-31.");
  });

  it.each([
    ["367 days", { start_date: "2026-01-01", end_date: "2027-01-02" }, /at most 366 days/],
    ["an end before its start", { start_date: "2026-03-02", end_date: "2026-03-01" }, /before start_date/],
  ])("refuses %s before any request for notes", async (_title, args, message) => {
    const result = await call(args);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(message);
    expect(tools.sent("getCalendarNotes")).toEqual([]);
  });

  it("reads the demo account's notes, leaving the coach's hidden one out", async () => {
    const today = "2026-11-20";
    await tools.start({}, { client: createTrainingPeaksClient({ demo: true, today }), today });
    const result = await call({ start_date: "2026-09-01", end_date: "2027-02-28" });
    expect(result.isError, textOf(result)).toBeFalsy();
    const { notes, count, hidden_count } = result.structuredContent as { notes: Array<{ date: string; title?: string; comment_count: number }>; count: number; hidden_count: number };
    expect([count, hidden_count]).toEqual([4, 1]);
    expect(notes.map((n) => n.title)).not.toContain("Taper check");
    expect(notes.find((n) => n.title === "Head cold")).toEqual({ date: "2026-10-11", title: "Head cold", text: expect.stringContaining("Sore throat") as unknown, comment_count: 2 });
    expect(notes.map((n) => n.date)).toEqual([...notes.map((n) => n.date)].sort());
  });
});
