/**
 * The tool calls the bench makes, derived from the tool declarations themselves: every tool in
 * `toolDefinitions`, on each of its declared `examples`, so a tool added to openapi/tools/ is
 * measured on the next run without touching the bench. The examples are written against the
 * spec's own data; ids in them (`workout_id`, `event_id`, …) are swapped for the demo athlete's.
 */
import { addDays } from "../src/core/dates.js";
import { workoutLaps, type DemoAthlete } from "../src/demo/index.js";
import { MAX_RANGE_DAYS } from "../src/generated/constants.js";
import { toolDefinitions } from "../src/generated/tools.js";

export interface ToolCall {
  /** A short label for the report. */
  label: string;
  name: string;
  args: Record<string, unknown>;
}

/** One tool and its declared examples, adapted to the demo athlete. */
export interface ToolCase {
  name: string;
  calls: ToolCall[];
}

export interface Workload {
  today: string;
  /** Every declared tool, sorted by name. */
  tools: ToolCase[];
  /** A varied rotation for the memory run: every example of every tool, ids rotating. */
  mixed: ToolCall[];
  /** Input the server must refuse before sending anything. */
  refused: ToolCall[];
  /** The demo workout a "2-hour ride with 20 laps" budget is measured on. */
  ride: { workoutId: number; hours: number; laps: number } | undefined;
  /** `days(n)`: the last n days up to the athlete's today, as start_date/end_date. */
  days(n: number): { start_date: string; end_date: string };
}

interface DemoIds {
  /** Completed workouts with device data (laps) and computed records, newest first. */
  workouts: number[];
  events: number[];
  athlete: number;
}

/** The demo's ids by argument name; an argument not named here keeps the example's value. */
const ID_ARGUMENTS: Record<string, (ids: DemoIds, turn: number) => number> = {
  workout_id: (ids, turn) => ids.workouts[turn % ids.workouts.length]!,
  event_id: (ids, turn) => ids.events[turn % ids.events.length]!,
  athlete_id: (ids) => ids.athlete,
  // The athlete a coach reads: the demo's own, whose workout ids are the ones swapped in above.
  athlete: (ids) => ids.athlete,
};

export function withDemoIds(args: Record<string, unknown>, ids: DemoIds, turn: number): Record<string, unknown> {
  const adapted: Record<string, unknown> = { ...args };
  for (const key of Object.keys(adapted)) {
    const pick = ID_ARGUMENTS[key];
    if (pick) adapted[key] = pick(ids, turn);
  }
  return adapted;
}

function demoIds(athlete: DemoAthlete): DemoIds {
  const done = athlete.workouts
    .filter((w) => w.workoutDay.slice(0, 10) <= athlete.today && (w.totalTime != null || w.startTime != null))
    .sort((a, b) => b.workoutDay.localeCompare(a.workoutDay) || b.workoutId - a.workoutId);
  if (done.length === 0) throw new Error("the demo athlete has no completed workout");
  // Richest first: laps (the analysis and laps tools need them) and computed records.
  const withLaps = done.slice(0, 120).filter((w) => workoutLaps(athlete, w.workoutId) !== undefined);
  const withPrs = withLaps.filter((w) => {
    const prs = athlete.workoutPrs[w.workoutId];
    return prs !== undefined && !prs.calcsPending && prs.personalRecordCount > 0;
  });
  const workouts = [...new Set([...withPrs, ...withLaps, ...done].map((w) => w.workoutId))].slice(0, 40);
  const events = [athlete.nextPlannedEvent, athlete.focusEvent, ...athlete.events].flatMap((e) => (e?.id == null ? [] : [e.id]));
  return { workouts, events: [...new Set(events)], athlete: athlete.athleteId };
}

/** The completed bike workout nearest 2 hours with the lap count nearest 20 among those. */
function twoHourRide(athlete: DemoAthlete): Workload["ride"] {
  const rides = athlete.workouts
    .filter((w) => w.workoutTypeValueId === 2 && w.workoutDay.slice(0, 10) <= athlete.today && typeof w.totalTime === "number")
    .map((w) => ({ w, offHours: Math.abs((w.totalTime as number) - 2) }))
    .sort((a, b) => a.offHours - b.offHours)
    .slice(0, 30)
    .flatMap(({ w }) => {
      const laps = workoutLaps(athlete, w.workoutId);
      return laps ? [{ workoutId: w.workoutId, hours: w.totalTime as number, laps: laps.length }] : [];
    })
    .sort((a, b) => Math.abs(a.laps - 20) - Math.abs(b.laps - 20) || Math.abs(a.hours - 2) - Math.abs(b.hours - 2));
  return rides[0];
}

export function buildWorkload(athlete: DemoAthlete): Workload {
  const today = athlete.today;
  const ids = demoIds(athlete);
  const days = (n: number) => ({ start_date: addDays(today, -(n - 1)), end_date: today });

  const tools: ToolCase[] = Object.entries(toolDefinitions)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, definition]) => {
      const examples = (definition.examples as readonly Record<string, unknown>[]).length > 0 ? definition.examples : [{}];
      return {
        name,
        calls: (examples as readonly Record<string, unknown>[]).map((args, index) => ({
          label: `${name} #${index + 1}`,
          name,
          args: withDemoIds(args, ids, 0),
        })),
      };
    });

  // 40 turns over every example: ids rotate through the demo's workouts and events.
  const mixed: ToolCall[] = [];
  for (let turn = 0; turn < 40; turn++) {
    for (const tool of tools) {
      const call = tool.calls[turn % tool.calls.length]!;
      mixed.push({ ...call, args: withDemoIds(call.args, ids, turn) });
    }
  }

  const refused: ToolCall[] = [
    { label: "91-day range", name: "tp_get_workouts", args: days(MAX_RANGE_DAYS.getWorkouts + 1) },
    { label: "bad date", name: "tp_get_workouts", args: { start_date: "2026-02-30", end_date: "2026-03-02" } },
  ];
  return { today, tools, mixed, refused, ride: twoHourRide(athlete), days };
}
