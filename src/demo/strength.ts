/**
 * Strength Builder sessions: a weekly gym session (two programmes in turn, loads rising every
 * three weeks) for the athletes who lift, done, half done or skipped up to today, prescribed
 * after it. They live on the strength calendar only, never in the workout list, as in TrainingPeaks.
 */
import { round } from "../core/numbers.js";
import { apiDateTime, fromDay, mondayOf } from "../core/dates.js";
import { Rng } from "./random.js";
import { personaSeed, type DemoPersona, type Discipline } from "./roster.js";
import type { DemoStrengthSession } from "./types.js";

/** The weeks of Strength Builder history: the feature is younger than the two years of training. */
const STRENGTH_HISTORY_WEEKS = 16;
/** The weekday (Monday 0) of the session, per discipline; cyclists do not lift here. */
const SESSION_WEEKDAY: Partial<Record<Discipline, number>> = { triathlon: 2, run: 4 };

/** Every id of a session (its blocks, sets and values too) lies in its athlete's range, so an id names its owner. */
export const STRENGTH_ID_BASE = 40_000_000;
export const STRENGTH_IDS_PER_ATHLETE = 1_000_000;

type Parameter = "Reps" | "RepsPerSide" | "WeightKg" | "WeightPerSideKg" | "WeightPerSideLb" | "TimeSeconds";

interface ExercisePlan {
  title: string;
  sets: number;
  /** The prescribed value of each parameter in week 0; loads rise by `step` every three weeks. */
  values: Partial<Record<Parameter, number>>;
  step?: number;
}

interface Programme {
  title: string;
  instructions: string;
  minutes: number;
  warmUp: ExercisePlan[];
  main: ExercisePlan[];
}

const PROGRAMMES: Programme[] = [
  {
    title: "Strength A: legs & core",
    instructions: "Controlled tempo, 90 s rest between sets, stop two reps short of failure.",
    minutes: 45,
    warmUp: [{ title: "Air Squat", sets: 2, values: { Reps: 12 } }],
    main: [
      { title: "Back Squat", sets: 3, values: { Reps: 8, WeightKg: 60 }, step: 2.5 },
      { title: "Single-leg RDL", sets: 3, values: { RepsPerSide: 10, WeightPerSideLb: 25 }, step: 5 },
      { title: "Side Plank", sets: 2, values: { TimeSeconds: 45 } },
    ],
  },
  {
    title: "Strength B: hips & upper body",
    instructions: "Stay tall through the split squats; press without arching the back.",
    minutes: 40,
    warmUp: [{ title: "Glute Bridge", sets: 2, values: { Reps: 15 } }],
    main: [
      { title: "Bulgarian Split Squat", sets: 3, values: { RepsPerSide: 8, WeightPerSideKg: 12 }, step: 2 },
      { title: "Alternating DB Press", sets: 3, values: { RepsPerSide: 10, WeightPerSideLb: 30 }, step: 5 },
      { title: "Dead Bug", sets: 2, values: { RepsPerSide: 10 } },
    ],
  },
];

const INPUT_FORMAT: Record<Parameter, string> = {
  Reps: "Integer",
  RepsPerSide: "Integer",
  WeightKg: "Decimal",
  WeightPerSideKg: "Decimal",
  WeightPerSideLb: "Decimal",
  TimeSeconds: "Integer",
};

/**
 * One set as prescribed (loads up a step every three weeks) and, when done, as executed: now and
 * then a rep short, or a step heavier than asked.
 */
function setOf(plan: ExercisePlan, progression: number, done: boolean, rng: Rng, id: () => string) {
  const parameterValues = (Object.entries(plan.values) as Array<[Parameter, number]>).map(([parameter, base]) => {
    const load = parameter.startsWith("Weight");
    const prescribed = load ? base + (plan.step ?? 0) * progression : base;
    let executed: number | null = null;
    if (done) executed = parameter.startsWith("Reps") && rng.chance(0.15) ? prescribed - 1 : load && rng.chance(0.1) ? prescribed + (plan.step ?? 0) : prescribed;
    return { id: id(), parameter, inputFormat: INPUT_FORMAT[parameter], prescribedValue: String(prescribed), executedValue: executed === null ? null : String(executed) };
  });
  return { id: id(), isComplete: done, setOrigin: "Prescribed", parameterValues };
}

/** What became of a session: all done, stopped early, or never started. */
type Outcome = "done" | "partial" | "skipped" | "planned";

export function buildStrengthSessions(seed: number, today: number, last: number, persona: DemoPersona): DemoStrengthSession[] {
  const weekday = SESSION_WEEKDAY[persona.discipline];
  if (weekday === undefined) return [];
  const sessions: DemoStrengthSession[] = [];
  let nextId = 1;
  const id = () => String(STRENGTH_ID_BASE + STRENGTH_IDS_PER_ATHLETE * persona.idBlock + nextId++);
  const firstMonday = mondayOf(today) - 7 * STRENGTH_HISTORY_WEEKS;
  for (let monday = firstMonday, week = 0; monday + weekday <= last; monday += 7, week++) {
    const day = monday + weekday;
    const rng = Rng.for(personaSeed(seed, persona), "strength", day - today);
    const programme = PROGRAMMES[week % PROGRAMMES.length]!;
    const outcome: Outcome = day >= today ? "planned" : rng.chance(0.12) ? "skipped" : rng.chance(0.15) ? "partial" : "done";
    const progression = Math.floor(week / 3);
    const plans = [...programme.warmUp.map((plan) => ({ plan, block: 0 })), ...programme.main.map((plan) => ({ plan, block: 1 }))];
    const totalSets = plans.reduce((sum, { plan }) => sum + plan.sets, 0);
    // A session stopped early leaves its last exercise's sets (or more) undone.
    const setsDone = outcome === "done" ? totalSets : outcome === "partial" ? totalSets - rng.int(2, 4) : 0;
    let setIndex = 0;
    const blocks = ["Warm Up", "Main set"].map((title, blockIndex) => {
      const prescriptions = plans
        .filter(({ block }) => block === blockIndex)
        .map(({ plan }) => {
          const sets = Array.from({ length: plan.sets }, () => setOf(plan, progression, setIndex++ < setsDone, rng, id));
          const complete = sets.filter((set) => set.isComplete).length;
          return {
            id: id(),
            coachNotes: null,
            compliancePercent: round((complete / sets.length) * 100, 1),
            setSummaryTemplate: Object.keys(plan.values).map((name) => `{${name}}`).join(" @ "),
            exercise: { id: id(), title: plan.title },
            sets,
          };
        });
      const isComplete = prescriptions.every((p) => p.sets.every((set) => set.isComplete));
      const compliancePercent = round(prescriptions.reduce((sum, p) => sum + p.compliancePercent, 0) / prescriptions.length, 1);
      return { id: id(), title, blockType: blockIndex === 0 ? "WarmUp" : "Standard", isComplete, compliancePercent, coachNotes: null, parameters: [], prescriptions };
    });
    const started = outcome === "done" || outcome === "partial";
    const startSec = 18 * 3600 + rng.int(0, 90) * 60;
    const minutes = Math.round(programme.minutes * (setsDone / totalSets) * rng.range(0.9, 1.1));
    sessions.push({
      id: id(),
      calendarId: 6_000_000 + persona.idBlock,
      title: programme.title,
      instructions: programme.instructions,
      workoutType: "StructuredStrength",
      workoutSubTypeId: null,
      prescribedDate: fromDay(day),
      prescribedStartTime: null,
      startDateTime: started ? apiDateTime(day, startSec) : null,
      completedDateTime: started ? apiDateTime(day, startSec + minutes * 60) : null,
      prescribedDurationInSeconds: programme.minutes * 60,
      executedDurationInSeconds: started ? minutes * 60 : null,
      orderOnDay: 2,
      isLocked: false,
      isHidden: false,
      prescribedTss: null,
      completedTss: null,
      lastUpdatedAt: apiDateTime(started ? day : day - 7, 21 * 3600),
      compliancePercent: round((setsDone / totalSets) * 100, 1),
      rpe: started ? rng.int(5, 8) : null,
      feel: started ? rng.int(3, 5) : null,
      snapshot: {
        totalBlocks: blocks.length,
        completedBlocks: blocks.filter((b) => b.isComplete).length,
        totalSets,
        completedSets: setsDone,
        totalPrescriptions: plans.length,
        completedPrescriptions: blocks.reduce((n, b) => n + b.prescriptions.filter((p) => p.compliancePercent === 100).length, 0),
      },
      blocks,
    });
  }
  return sessions;
}
