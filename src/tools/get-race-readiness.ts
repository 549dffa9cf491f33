import { NotFoundError } from "../client/errors.js";
import type { FitnessDay } from "../client/normalize.js";
import { addDays, fromDay, toDay } from "../core/dates.js";
import { round } from "../core/numbers.js";
import { daysUntilText, eventLabel, lastPlannedDate, nextRace, restAssumedFrom, summariseEvents, type EventSummary } from "./events.js";
import type { HandlerOutput, ToolHandler } from "./types.js";

type Answer = HandlerOutput<"tp_get_race_readiness">;

/** How far the event lookup reaches, each way from today (tp_get_events' own limit). */
const LOOKUP_DAYS = 730;
/** TrainingPeaks' default time constants (days) of the Performance Management Chart. */
const CTL_DAYS = 42;
const ATL_DAYS = 7;
const RAMP_WINDOW_DAYS = 28;
/**
 * Race-day TSB that counts as fresh, by priority (Friel's and Coggan's usual reading): an A race
 * gets a full taper, a B race a short one, a C race is trained through.
 */
const FRESH_TSB: Record<"A" | "B" | "C", [number, number]> = { A: [5, 25], B: [0, 25], C: [-10, 25] };
/** CTL points short of the target that still count as close. */
const CLOSE_TO_TARGET = 5;
/** A weekly CTL rise above this raises the risk of injury and illness (Friel's 5–8 a week). */
const RISKY_RAMP_7D = 8;

interface Load {
  date: string;
  ctl: number;
  atl: number;
  tsb: number;
}

/** Steps the 42/7-day model from `from` to `until`; TSB on a day is the day before's CTL − ATL. */
function stepTo(from: Load, until: string, tssOn: (date: string) => number): Load {
  let { ctl, atl, tsb } = from;
  for (let day = toDay(from.date) + 1; day <= toDay(until); day++) {
    tsb = ctl - atl;
    const tss = tssOn(fromDay(day));
    ctl += (tss - ctl) / CTL_DAYS;
    atl += (tss - atl) / ATL_DAYS;
  }
  return { date: until, ctl, atl, tsb };
}

const rounded = (load: Load) => ({ date: load.date, ctl: round(load.ctl, 1), atl: round(load.atl, 1), tsb: round(load.tsb, 1) });
const signed = (value: number) => `${value > 0 ? "+" : ""}${value}`;

function verdictOf(race: EventSummary, raceDay: ReturnType<typeof rounded>, ramp7: number | undefined): Pick<Answer, "form" | "fitness" | "verdict"> {
  const priority = race.priority ?? "C";
  const [lo, hi] = FRESH_TSB[priority];
  const past = race.days_until < 0;
  const band = `${signed(lo)} to ${signed(hi)} for ${priority === "A" ? "an" : "a"} ${priority} race`;
  const form = raceDay.tsb < lo ? "tired" : raceDay.tsb > hi ? "very_fresh" : "fresh";
  const formWords = {
    tired: `tired (fresh is ${band})${past ? "" : ": ease the last days before it (a taper)"}`,
    fresh: `fresh (${band})`,
    very_fresh: `very fresh, above ${signed(hi)}: fitness fades${past ? "" : "; the taper may be too long"}`,
  }[form];
  const lead = past ? `Race-day form (TSB) was ${signed(raceDay.tsb)}` : `${race.days_until === 0 ? "Form (TSB) today" : "Projected race-day form (TSB)"} ${signed(raceDay.tsb)}`;
  const target = race.ctl_target;
  const gap = target === undefined ? undefined : round(raceDay.ctl - target, 1);
  const fitness = gap === undefined ? "no_target" : gap >= 0 ? "on_target" : gap >= -CLOSE_TO_TARGET ? "close" : "below_target";
  const fitnessWords = {
    no_target: "No CTL target is set.",
    on_target: `CTL ${raceDay.ctl} reaches the target ${target}.`,
    close: `CTL ${raceDay.ctl} is ${-gap!} short of the target ${target}: close.`,
    below_target: `CTL ${raceDay.ctl} is ${-gap!} below the target ${target}.`,
  }[fitness];
  const ramp = ramp7 !== undefined && ramp7 > RISKY_RAMP_7D ? ` CTL rose ${ramp7} in 7 days: above ${RISKY_RAMP_7D} a week raises the risk of injury and illness.` : "";
  return { form, fitness, verdict: `${lead}: ${formWords}. ${fitnessWords}${ramp}` };
}

export const getRaceReadiness: ToolHandler<"tp_get_race_readiness"> = async (input, { client, today, signal }) => {
  const now = await today();
  // An id may name a past race; the default looks only ahead.
  const lookup = [input.event_id === undefined ? now : addDays(now, -LOOKUP_DAYS), addDays(now, LOOKUP_DAYS)] as const;
  const events = summariseEvents(await client.getEvents(lookup[0], lookup[1], { signal }), now);
  const race = input.event_id === undefined ? nextRace(events) : events.find((event) => event.id === input.event_id);
  if (!race) {
    if (input.event_id !== undefined) throw new NotFoundError(`No event ${input.event_id} from ${lookup[0]} to ${lookup[1]}: call tp_get_events to find the event's id.`);
    const verdict = `No upcoming race from ${lookup[0]} to ${lookup[1]}: add one to the TrainingPeaks calendar; tp_get_fitness gives today's fitness and form.`;
    return { structured: { verdict, warnings: [] }, text: verdict };
  }

  const past = race.days_until < 0;
  // The day the "today" values and the ramps refer to: race day itself for a past race.
  const anchor = past ? race.date : now;
  const rows: FitnessDay[] = await client.getFitness(addDays(anchor, -RAMP_WINDOW_DAYS), race.date, { signal });
  const byDate = new Map(rows.map((row) => [row.date, row]));
  const tssOn = (date: string) => (date > now ? byDate.get(date)?.tssPlanned : byDate.get(date)?.tssActual) ?? 0;
  const warnings: string[] = [];
  const base = rows.findLast((row) => row.date <= anchor && row.ctl !== null && row.atl !== null && row.tsb !== null);
  if (!base) warnings.push(`TrainingPeaks has no fitness values up to ${anchor}: CTL and ATL start from 0.`);
  else if (base.date < anchor) warnings.push(`TrainingPeaks gives fitness values up to ${base.date} only; ${anchor}'s are computed from them.`);
  const start: Load = base ? { date: base.date, ctl: base.ctl!, atl: base.atl!, tsb: base.tsb! } : { date: addDays(anchor, -RAMP_WINDOW_DAYS - 1), ctl: 0, atl: 0, tsb: 0 };
  const atAnchor = stepTo(start, anchor, tssOn);
  const raceDay = { ...rounded(stepTo(atAnchor, race.date, tssOn)), projected: race.date > now };
  const ramp = (days: number) => {
    const before = byDate.get(addDays(anchor, -days))?.ctl;
    return before === null || before === undefined ? undefined : round(atAnchor.ctl - before, 1);
  };
  const [ramp7, ramp28] = [ramp(7), ramp(RAMP_WINDOW_DAYS)];

  let plan: Partial<Answer> = {};
  if (!past) {
    const lastPlanned = lastPlannedDate(rows, now);
    const restFrom = restAssumedFrom(lastPlanned, now, race.date);
    const planned = rows.filter((row) => row.date > now).reduce((sum, row) => sum + (row.tssPlanned ?? 0), 0);
    if (restFrom) warnings.push(`${lastPlanned ? `The plan stops on ${lastPlanned}` : "No workout is planned before the race"}: the projection counts ${restFrom} to race day as rest, so race-day form looks fresher and fitness lower than a full plan would give.`);
    plan = { planned_tss_to_race: round(planned, 0), ...(lastPlanned ? { last_planned_date: lastPlanned } : {}), plan_reaches_race: restFrom === undefined };
  }
  const answer: Answer = {
    race,
    days_to_go: race.days_until,
    ...(past ? {} : { today: rounded(atAnchor) }),
    race_day: raceDay,
    ...(race.ctl_target === undefined ? {} : { ctl_target: race.ctl_target, ctl_gap: round(raceDay.ctl - race.ctl_target, 1) }),
    ...(ramp7 === undefined ? {} : { ctl_ramp_7d: ramp7 }),
    ...(ramp28 === undefined ? {} : { ctl_ramp_28d: ramp28 }),
    ...plan,
    ...verdictOf(race, raceDay, ramp7),
    warnings,
  };
  return { structured: answer, text: render(answer, race) };
};

function render(answer: Answer, race: EventSummary): string {
  const ramps = [answer.ctl_ramp_7d !== undefined && `${signed(answer.ctl_ramp_7d)} over 7 days`, answer.ctl_ramp_28d !== undefined && `${signed(answer.ctl_ramp_28d)} over 28 days`].filter(Boolean);
  const load = (l: { ctl: number; atl: number; tsb: number }) => `CTL ${l.ctl}, ATL ${l.atl}, TSB ${signed(l.tsb)}`;
  const day = answer.race_day!;
  const source = day.projected
    ? ` (projected from ${answer.planned_tss_to_race} planned TSS${answer.last_planned_date ? `; last planned workout ${answer.last_planned_date}` : ""})`
    : "";
  return [
    `${eventLabel(race)}: ${daysUntilText(race.days_until)} (event id ${race.id}).`,
    answer.today ? `Today ${answer.today.date}: ${load(answer.today)}.` : undefined,
    ramps.length > 0 ? `CTL ramp ${ramps.join(", ")}${answer.today ? "" : " before race day"}.` : undefined,
    `Race day ${day.date}${source}: ${load(day)}${answer.ctl_target === undefined ? "" : `; CTL target ${answer.ctl_target} (gap ${signed(answer.ctl_gap!)})`}.`,
    `Verdict: ${answer.verdict}`,
    ...answer.warnings.map((warning) => `Warning: ${warning}`),
  ]
    .filter(Boolean)
    .join("\n");
}
