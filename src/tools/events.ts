/**
 * Races and events as the tools show them: one summary of an API event (tp_get_events,
 * tp_get_race_readiness, tp_get_fitness), the choice of the race to prepare for, and the
 * "none" that TrainingPeaks says with a 404 or a null.
 */
import type { HandlerOutput } from "./types.js";
import { NotFoundError } from "../client/errors.js";
import { byCodeUnit } from "../core/compare.js";
import { addDays, localDate, toDay } from "../core/dates.js";
import { round } from "../core/numbers.js";
import type { components } from "../generated/api.js";
import { compact } from "./format.js";

export type ApiEvent = components["schemas"]["Event"];

/** The event shape of the tools' answers, as tp_get_events declares it. */
export type EventSummary = NonNullable<HandlerOutput<"tp_get_events">["focus_event"]>;

/** Metres per unit, for the unit names TrainingPeaks and its users write (case-insensitive). */
const METRES_PER_UNIT: Record<string, number> = {
  m: 1,
  meter: 1,
  meters: 1,
  metre: 1,
  metres: 1,
  km: 1000,
  kilometer: 1000,
  kilometers: 1000,
  kilometre: 1000,
  kilometres: 1000,
  mi: 1609.344,
  mile: 1609.344,
  miles: 1609.344,
  yd: 0.9144,
  yard: 0.9144,
  yards: 0.9144,
};

const PRIORITIES = new Set(["A", "B", "C"]);
/** A race description is a line or two; a pasted race manual would flood the answer. */
const DESCRIPTION_MAX_CHARS = 300;

function shortened(text: string | undefined): string | undefined {
  if (!text) return undefined;
  return text.length > DESCRIPTION_MAX_CHARS ? `${text.slice(0, DESCRIPTION_MAX_CHARS - 1)}…` : text;
}

/** An event summarised; `undefined` when it has no id or no readable date (nothing to point at). */
export function summariseEvent(event: ApiEvent, today: string): EventSummary | undefined {
  const date = localDate(event.eventDate);
  if (!date || typeof event.id !== "number") return undefined;
  const priority = event.atpPriority?.trim().toUpperCase();
  const unit = event.distanceUnits?.trim() || undefined;
  const perUnit = unit ? METRES_PER_UNIT[unit.toLowerCase()] : undefined;
  const distance = typeof event.distance === "number" && event.distance > 0 ? event.distance : undefined;
  const ctlTarget = typeof event.ctlTarget === "number" && Number.isFinite(event.ctlTarget) && event.ctlTarget > 0 ? event.ctlTarget : undefined;
  return {
    id: event.id,
    date,
    ...compact({
      name: event.name?.trim() || undefined,
      type: event.eventType?.trim() || undefined,
      priority: priority && PRIORITIES.has(priority) ? (priority as "A" | "B" | "C") : undefined,
      distance,
      distance_unit: distance === undefined ? undefined : unit,
      distance_m: distance !== undefined && perUnit !== undefined ? round(distance * perUnit, 0) : undefined,
      ctl_target: ctlTarget === undefined ? undefined : round(ctlTarget, 1),
      description: shortened(event.description?.trim()),
    }),
    days_until: toDay(date) - toDay(today),
  };
}

/** Summaries of the events with a readable date, in date order. */
export function summariseEvents(events: readonly ApiEvent[], today: string): EventSummary[] {
  return events
    .map((event) => summariseEvent(event, today))
    .filter((event): event is EventSummary => event !== undefined)
    .sort((a, b) => byCodeUnit(a.date, b.date) || a.id - b.id);
}

/** The race to prepare for: the next A race from today on, else the next event of any priority. */
export function nextRace(events: readonly EventSummary[]): EventSummary | undefined {
  const upcoming = events.filter((event) => event.days_until >= 0);
  return upcoming.find((event) => event.priority === "A") ?? upcoming[0];
}

/** TrainingPeaks says "no such event" with a null or, from some accounts, a 404: both mean none. */
export async function noneIfMissing(request: Promise<ApiEvent | null>): Promise<ApiEvent | null> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

/** "Lake Haven Half Triathlon (A race, 113 km) on 2026-12-27". */
export function eventLabel(event: EventSummary): string {
  const distance = event.distance === undefined ? undefined : `${event.distance} ${event.distance_unit ?? ""}`.trim();
  const details = [event.priority && `${event.priority} race`, distance].filter(Boolean);
  return `${event.name ?? `Event ${event.id}`}${details.length > 0 ? ` (${details.join(", ")})` : ""} on ${event.date}`;
}

/** "in 31 days", "today", "12 days ago". */
export function daysUntilText(days: number): string {
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days === -1) return "yesterday";
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** The last day after `after` with planned TSS in performance rows: where the plan stops. */
export function lastPlannedDate(rows: ReadonlyArray<{ date: string; tssPlanned: number | null }>, after: string): string | undefined {
  let last: string | undefined;
  for (const row of rows) if (row.date > after && (row.tssPlanned ?? 0) > 0 && (last === undefined || row.date > last)) last = row.date;
  return last;
}

/** A plan may leave a day or two free before a race; a longer stretch means it simply stops. */
export const PLAN_GAP_DAYS = 2;

/**
 * The first day a projection to `day` counts as rest because nothing is planned from then on
 * (more than PLAN_GAP_DAYS free before `day`); `undefined` when the plan reaches it.
 */
export function restAssumedFrom(lastPlanned: string | undefined, today: string, day: string): string | undefined {
  const from = lastPlanned ?? today;
  return toDay(day) - toDay(from) > PLAN_GAP_DAYS ? addDays(from, 1) : undefined;
}
