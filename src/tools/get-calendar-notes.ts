import type { components } from "../generated/api.js";
import { byCodeUnit } from "../core/compare.js";
import { localDate } from "../core/dates.js";
import { compact } from "./format.js";
import type { HandlerOutput, ToolHandler } from "./types.js";

type Note = HandlerOutput<"tp_get_calendar_notes">["notes"][number];

/** A note is the answer here, so it gets more room than an event's description; a pasted essay still cannot flood the context. */
const NOTE_MAX_CHARS = 1000;

function cut(text: string | null | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed && trimmed.length > NOTE_MAX_CHARS ? `${trimmed.slice(0, NOTE_MAX_CHARS - 1)}…` : trimmed;
}

function summariseNote(note: components["schemas"]["CalendarNote"]): Note | undefined {
  const date = localDate(note.noteDate);
  if (!date) return undefined; // a note with no day has no place on the calendar
  return {
    date,
    ...compact({ title: note.title?.trim(), text: cut(note.description) }),
    comment_count: note.commentCount ?? 0,
  };
}

function line(note: Note): string {
  const comments = note.comment_count ? ` (${note.comment_count} comment${note.comment_count === 1 ? "" : "s"})` : "";
  return `${note.date} ${note.title ?? "Note"}${comments}${note.text ? `: ${note.text}` : ""}`;
}

/**
 * Hidden notes are left out and counted: TrainingPeaks hides them from the athlete's calendar,
 * so listing them beside the visible ones would put words on the calendar the athlete never sees.
 */
export const getCalendarNotes: ToolHandler<"tp_get_calendar_notes"> = async (input, { client, signal }) => {
  const { start_date: startDate, end_date: endDate } = input;
  const all = await client.getCalendarNotes(startDate, endDate, { signal });
  const hiddenCount = all.filter((note) => note.isHidden === true).length;
  const notes = all
    .filter((note) => note.isHidden !== true)
    .map(summariseNote)
    .filter((note): note is Note => note !== undefined)
    .sort((a, b) => byCodeUnit(a.date, b.date));
  const hidden = hiddenCount ? `\n${hiddenCount} hidden note${hiddenCount === 1 ? "" : "s"} left out.` : "";
  const text =
    notes.length === 0
      ? `No calendar notes from ${startDate} to ${endDate}.${hidden}`
      : `${notes.length} calendar note${notes.length === 1 ? "" : "s"} from ${startDate} to ${endDate}:\n${notes.map(line).join("\n")}${hidden}`;
  return { structured: { start_date: startDate, end_date: endDate, count: notes.length, hidden_count: hiddenCount, notes }, text };
};
