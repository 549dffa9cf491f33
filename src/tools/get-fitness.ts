import { addDays } from "../core/dates.js";
import type { FitnessDay } from "../client/normalize.js";
import { round } from "../core/numbers.js";
import { daysUntilText, eventLabel, lastPlannedDate, noneIfMissing, restAssumedFrom, summariseEvent, summariseEvents, type EventSummary } from "./events.js";
import { pngImage, type HandlerOutput, type ToolHandler } from "./types.js";

type Summary = NonNullable<HandlerOutput<"tp_get_fitness">["summary"]>;

/** The usual reading of TSB (Coggan/Friel): where form sits decides what the day is good for. */
export function formStatus(tsb: number): Pick<Summary, "form_status" | "form_advice"> {
  if (tsb > 25) return { form_status: "very_fresh", form_advice: "Very fresh: well rested, but fitness is starting to fade unless a race is near." };
  if (tsb > 5) return { form_status: "fresh", form_advice: "Fresh: rested and ready to race or to test." };
  if (tsb >= -10) return { form_status: "neutral", form_advice: "Neutral: neither fresh nor tired; normal training." };
  if (tsb >= -30) return { form_status: "productive", form_advice: "Productive fatigue: building fitness; not the day for a race." };
  return { form_status: "overreaching", form_advice: "Very fatigued: risk of overreaching; plan recovery days." };
}

const RAMP_DAYS = 7;

/** A day with training data: before the athlete's first data TrainingPeaks answers zeros or nulls. */
const hasData = (row: FitnessDay) => !!row.ctl || !!row.atl || !!row.tssActual;

/** What the numbers of the range cannot show by themselves. */
function rangeWarnings(shown: readonly FitnessDay[], rows: readonly FitnessDay[], startDate: string, endDate: string, now: string): string[] {
  const warnings: string[] = [];
  const firstData = shown.find(hasData)?.date;
  if (!firstData) {
    warnings.push(`No training data from ${startDate} to ${endDate}: the range lies before the athlete's first data (or there is none), so no form status is given.`);
  } else if (firstData > startDate) {
    warnings.push(`The first training data is on ${firstData}: the days before it carry no load.`);
  }
  if (endDate > now) {
    const lastPlanned = lastPlannedDate(rows, now);
    const restFrom = restAssumedFrom(lastPlanned, now, endDate);
    if (restFrom) {
      warnings.push(
        `${lastPlanned ? `No workout is planned after ${lastPlanned}` : "No workout is planned"}: the projection assumes rest from ${restFrom}, so form drifts towards "very fresh".`,
      );
    }
  }
  return warnings;
}

export const getFitness: ToolHandler<"tp_get_fitness"> = async (input, { client, today, signal }) => {
  const now = await today();
  const endDate = input.end_date ?? now;
  const startDate = addDays(endDate, -(input.days - 1));
  // A week more than asked, so the 7-day ramp of the first days asked for is known; a projection
  // also from today on, to see where the plan stops.
  const fetchFrom = addDays(startDate, -RAMP_DAYS);
  const [rows, next, eventsInRange] = await Promise.all([
    client.getFitness(endDate > now && now < fetchFrom ? now : fetchFrom, endDate, { signal }),
    noneIfMissing(client.getNextPlannedEvent({ signal })),
    // Only a chart shows the races of the range; the answer names the next one.
    input.chart ? client.getEvents(startDate, endDate, { signal }) : undefined,
  ]);
  const nextRace: EventSummary | undefined = next ? summariseEvent(next, now) : undefined;
  const byDate = new Map<string, FitnessDay>(rows.map((row) => [row.date, row]));
  const shown = rows.filter((row) => row.date >= startDate && row.date <= endDate);
  const days = shown.map((row) => ({
    date: row.date,
    ...(row.ctl === null ? {} : { ctl: round(row.ctl, 1) }),
    ...(row.atl === null ? {} : { atl: round(row.atl, 1) }),
    ...(row.tsb === null ? {} : { tsb: round(row.tsb, 1) }),
    ...(row.date > now || row.tssActual === null ? {} : { tss: round(row.tssActual, 1) }),
    ...(row.tssPlanned ? { planned_tss: round(row.tssPlanned, 1) } : {}),
  }));
  const warnings = rangeWarnings(shown, rows, startDate, endDate, now);
  const last = [...shown].reverse().find((row) => row.ctl !== null && row.atl !== null);
  let summary: Summary | undefined;
  // No form status from no data: zeros before the first data would read as "neutral".
  if (last && last.ctl !== null && last.atl !== null && shown.some(hasData)) {
    const tsb = last.tsb ?? 0;
    const weekBefore = byDate.get(addDays(last.date, -RAMP_DAYS))?.ctl;
    summary = {
      date: last.date,
      projected: last.date > now,
      fitness_ctl: round(last.ctl, 1),
      fatigue_atl: round(last.atl, 1),
      form_tsb: round(tsb, 1),
      ...(weekBefore === null || weekBefore === undefined ? {} : { ctl_ramp_7d: round(last.ctl - weekBefore, 1) }),
      ...formStatus(tsb),
    };
  }
  const raceLine = nextRace && nextRace.days_until >= 0 ? `Next race: ${eventLabel(nextRace)}, ${daysUntilText(nextRace.days_until)}.` : undefined;
  const text = [
    summary
      ? `${summary.projected ? "Projected for" : "On"} ${summary.date}: fitness (CTL) ${summary.fitness_ctl}, fatigue (ATL) ${summary.fatigue_atl}, ` +
        `form (TSB) ${summary.form_tsb}; CTL ramp over 7 days ${summary.ctl_ramp_7d ?? "unknown"}. ${summary.form_advice}`
      : `TrainingPeaks has no fitness data from ${startDate} to ${endDate}.`,
    raceLine,
    ...warnings.map((warning) => `Warning: ${warning}`),
    summary
      ? `${days.length} days from ${startDate} to ${endDate} (date CTL/ATL/TSB TSS):\n` +
        days.map((d) => `${d.date} ${d.ctl ?? "-"}/${d.atl ?? "-"}/${d.tsb ?? "-"} ${d.tss ?? (d.planned_tss !== undefined ? `planned ${d.planned_tss}` : "-")}`).join("\n")
      : undefined,
  ]
    .filter(Boolean)
    .join("\n");
  const structured = { start_date: startDate, end_date: endDate, ...(raceLine ? { next_race: nextRace } : {}), ...(summary ? { summary } : {}), days, warnings };
  // The chart's module (and its WebAssembly renderer) loads only when a chart is asked for.
  const races = eventsInRange && summariseEvents(eventsInRange, now);
  const image = races ? pngImage(await (await import("../charts/fitness-chart.js")).fitnessChart(structured, { today: now, races })) : undefined;
  return { structured, text, ...(image ? { image } : {}) };
};
