import { addDays } from "../core/dates.js";
import { daysUntilText, eventLabel, noneIfMissing, summariseEvent, summariseEvents, type EventSummary } from "./events.js";
import type { ToolHandler } from "./types.js";

const DEFAULT_DAYS_AHEAD = 365;
const MAX_RANGE_DAYS = 730;

/**
 * The range asked for: a year on from today by default. An end date given alone counts from
 * today (the year before it, when it is past), never over MAX_RANGE_DAYS.
 */
function rangeOf(input: { start_date?: string; end_date?: string }, today: string): [string, string] {
  if (input.start_date) return [input.start_date, input.end_date ?? addDays(input.start_date, DEFAULT_DAYS_AHEAD)];
  if (!input.end_date) return [today, addDays(today, DEFAULT_DAYS_AHEAD)];
  if (input.end_date < today) return [addDays(input.end_date, -DEFAULT_DAYS_AHEAD), input.end_date];
  const earliest = addDays(input.end_date, -(MAX_RANGE_DAYS - 1));
  return [earliest > today ? earliest : today, input.end_date];
}

function line(event: EventSummary, focusId: number | undefined): string {
  const extras = [
    daysUntilText(event.days_until),
    event.type,
    event.ctl_target === undefined ? undefined : `CTL target ${event.ctl_target}`,
    event.id === focusId ? "focus event" : undefined,
    `id ${event.id}`,
  ].filter(Boolean);
  return `${eventLabel(event)}: ${extras.join(", ")}${event.description ? `. ${event.description}` : ""}`;
}

export const getEvents: ToolHandler<"tp_get_events"> = async (input, { client, today, signal }) => {
  const now = await today();
  const [startDate, endDate] = rangeOf(input, now);
  const [listed, focus, next] = await Promise.all([
    client.getEvents(startDate, endDate, { signal }),
    noneIfMissing(client.getFocusEvent({ signal })),
    noneIfMissing(client.getNextPlannedEvent({ signal })),
  ]);
  const events = summariseEvents(listed, now);
  const focusEvent = (focus && summariseEvent(focus, now)) ?? undefined;
  const nextEvent = (next && summariseEvent(next, now)) ?? undefined;
  const lines = [
    events.length === 0
      ? `No races or events from ${startDate} to ${endDate}.`
      : `${events.length} event${events.length === 1 ? "" : "s"} from ${startDate} to ${endDate}:\n${events.map((e) => line(e, focusEvent?.id)).join("\n")}`,
    focusEvent ? `Focus event: ${eventLabel(focusEvent)}, ${daysUntilText(focusEvent.days_until)}.` : "No focus event is set.",
    nextEvent ? `Next planned event: ${eventLabel(nextEvent)}, ${daysUntilText(nextEvent.days_until)}.` : "No event is planned.",
  ];
  return {
    structured: {
      start_date: startDate,
      end_date: endDate,
      count: events.length,
      events,
      ...(focusEvent ? { focus_event: focusEvent } : {}),
      ...(nextEvent ? { next_planned_event: nextEvent } : {}),
    },
    text: lines.join("\n"),
  };
};
