/**
 * A demo athlete: about two years of training up to `today` (a triathlete's by default, or another
 * persona of the roster's), a plan after it that runs through the coming A race, and everything
 * TrainingPeaks derives from them. A plain, JSON-serialisable
 * object: the same seed and `today` give byte-identical data on any machine and in any time zone.
 */
import { apiDay, fromDay, mondayOf, toDay, todayIn } from "../core/dates.js";
import { performanceRows, type PerformancePoint } from "./fitness.js";
import type { Segment } from "./effort.js";
import { buildLaps } from "./laps.js";
import { buildMetrics } from "./metrics.js";
import type { Peaks } from "./peaks.js";
import { planWeek, type PlannedSession } from "./plan.js";
import { buildSettings, buildUser, PERSON, thresholdsOn } from "./profile.js";
import { indexPeaks, workoutRecords } from "./records.js";
import { personaOf, TRIATHLETE, type DemoPersona } from "./roster.js";
import { buildSeason, raceEvent, type WeekInfo } from "./season.js";
import { buildCalendarNotes } from "./notes.js";
import { buildStrengthSessions } from "./strength.js";
import type {
  AtpWeek,
  DemoCalendarNote,
  DemoEvent,
  DemoSettings,
  DemoStrengthSession,
  DemoUser,
  DemoWorkout,
  LapStats,
  PerformanceRow,
  TimedMetric,
  WorkoutPrs,
} from "./types.js";
import { plannedNumbers } from "./workout-numbers.js";
import { buildWorkouts, type BuiltWorkout } from "./workouts.js";

/**
 * Days of history before today, and the fewest days of plan after it: the plan runs on to the
 * coming A race (31–37 days out) when that is later, so a race-readiness projection reaches it.
 */
export const HISTORY_DAYS = 730;
export const PLANNED_DAYS = 21;
export const DEFAULT_SEED = 42;

export interface DemoAthleteOptions {
  /** `YYYY-MM-DD`; defaults to today's date on this machine's calendar. */
  today?: string;
  seed?: number;
  /** Whose training; default the triathlete (the signed-in user). */
  persona?: DemoPersona;
}

/** Today on the demo athlete's calendar (their time zone), as the server computes it too. */
export function demoToday(now: Date = new Date()): string {
  return todayIn(PERSON.timeZone, now);
}

export interface DemoAthlete {
  /** Which persona of the roster it is. */
  athleteId: number;
  seed: number;
  today: string;
  /** First day of history and last day of the plan (the coming A race at the earliest), `YYYY-MM-DD`. */
  firstDay: string;
  lastDay: string;
  /** The signed-in account's answer (the triathlete's, a coach's too), whoever the athlete is. */
  user: DemoUser;
  settings: DemoSettings;
  /** Chronological (day, then order on the day). */
  workouts: DemoWorkout[];
  /** Peaks of completed bike and run workouts whose PRs are computed, by workout id. */
  peaks: Record<string, Peaks>;
  /** PR answers for workouts that set records or are still pending, by workout id. */
  workoutPrs: Record<string, WorkoutPrs>;
  events: DemoEvent[];
  focusEvent: DemoEvent;
  nextPlannedEvent: DemoEvent | null;
  atp: AtpWeek[];
  metrics: TimedMetric[];
  /** One row per day from `firstDay` to `lastDay` (TrainingPeaks' default constants, all sports). */
  performance: PerformanceRow[];
  /** Strength Builder sessions, in date order: on the strength calendar, not among `workouts`. */
  strengthSessions: DemoStrengthSession[];
  /** Calendar notes in date order, hidden ones included. */
  calendarNotes: DemoCalendarNote[];
}

/** Workouts grouped by day number. */
export function workoutsByDay(workouts: readonly DemoWorkout[]): Map<number, DemoWorkout[]> {
  const map = new Map<number, DemoWorkout[]>();
  for (const w of workouts) {
    const day = toDay(w.workoutDay);
    const list = map.get(day);
    if (list) list.push(w);
    else map.set(day, [w]);
  }
  return map;
}

/**
 * The recordings behind an athlete's completed workouts. They stay out of the plain object
 * (laps are cut from them on request); an athlete built elsewhere, say parsed from JSON, is
 * rebuilt from its seed and date.
 */
const recordings = new WeakMap<DemoAthlete, Map<number, BuiltWorkout>>();

export function createDemoAthlete(options: DemoAthleteOptions = {}): DemoAthlete {
  const seed = options.seed ?? DEFAULT_SEED;
  const persona = options.persona ?? TRIATHLETE;
  const todayText = options.today ?? demoToday();
  const today = toDay(todayText);
  const first = today - HISTORY_DAYS;
  const season = buildSeason(today, persona);
  const upcoming = season.races.filter((r) => r.day >= today);
  const focus = upcoming.find((r) => r.priority === "A")!;
  const next = upcoming[0];
  const last = Math.max(today + PLANNED_DAYS, focus.day);

  const plans = new Map<number, PlannedSession[][]>();
  const planFor = (week: WeekInfo): PlannedSession[][] => {
    let plan = plans.get(week.monday);
    if (!plan) {
      plan = planWeek(seed, today, week, persona);
      plans.set(week.monday, plan);
    }
    return plan;
  };

  const built = buildWorkouts(seed, today, season, { first, last }, planFor, persona);
  const workouts = built.map((b) => b.workout);

  const peaks: Record<string, Peaks> = {};
  for (const b of built) if (b.peaks) peaks[b.workout.workoutId] = b.peaks;
  const records = workoutRecords(indexPeaks(built));
  const workoutPrs: Record<string, WorkoutPrs> = {};
  for (const b of built) {
    const found = records.get(b.workout.workoutId) ?? [];
    b.workout.personalRecordCount = found.length;
    if (found.length > 0 || b.pending) {
      workoutPrs[b.workout.workoutId] = { calcsPending: b.pending, workoutId: b.workout.workoutId, personalRecordCount: found.length, personalRecords: found };
    }
  }

  const byDay = workoutsByDay(workouts);
  const fitness = performanceRows(byDay, { first, today }, first, last);
  const load = (day: number): PerformancePoint => fitness[day - first]!;

  const events = season.races.map(raceEvent);

  const atp: AtpWeek[] = [];
  for (let monday = mondayOf(first); monday <= mondayOf(focus.day) + 28; monday += 7) {
    const week = season.weekOf(monday);
    const volume = planFor(week)
      .flat()
      .reduce((sum, s) => sum + (plannedNumbers(s, thresholdsOn(monday, today, persona)).tssPlanned ?? 0), 0);
    atp.push({
      week: apiDay(monday),
      atpType: "TSS",
      volume: Math.round(volume),
      period: week.period,
      raceName: week.race?.name ?? null,
      racePriority: week.race?.priority ?? null,
      weeksToNextPriorityEvent: week.weeksToA,
    });
  }

  const athlete: DemoAthlete = {
    athleteId: persona.athleteId,
    seed,
    today: fromDay(today),
    firstDay: fromDay(first),
    lastDay: fromDay(last),
    user: buildUser(today),
    settings: buildSettings(today, persona),
    workouts,
    peaks,
    workoutPrs,
    events,
    focusEvent: raceEvent(focus),
    nextPlannedEvent: next ? raceEvent(next) : null,
    atp,
    metrics: buildMetrics(seed, today, first, load, persona),
    performance: fitness,
    strengthSessions: buildStrengthSessions(seed, today, last, persona),
    calendarNotes: buildCalendarNotes(today, focus, persona),
  };
  recordings.set(athlete, new Map(built.filter((b) => b.segs).map((b) => [b.workout.workoutId, b])));
  return athlete;
}

/** The recording behind a completed workout (laps, analysis); `undefined` when it has none. */
export function workoutRecording(athlete: DemoAthlete, workoutId: number): (BuiltWorkout & { segs: Segment[] }) | undefined {
  let byId = recordings.get(athlete);
  if (!byId) {
    byId = recordings.get(createDemoAthlete({ today: athlete.today, seed: athlete.seed, persona: personaOf(athlete.athleteId) }))!;
    recordings.set(athlete, byId);
  }
  const b = byId.get(workoutId);
  return b?.segs ? { ...b, segs: b.segs } : undefined;
}

/** Laps of a completed workout (`…/detaildata`); `undefined` when it has no recording. */
export function workoutLaps(athlete: DemoAthlete, workoutId: number): LapStats[] | undefined {
  const b = workoutRecording(athlete, workoutId);
  return b ? buildLaps(b.segs, b.workout, b.thresholds, b.lapsByStep) : undefined;
}
