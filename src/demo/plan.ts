/**
 * The weekly plan: which sessions fall on which day for a week's period, plus race-day legs.
 * Pure function of (seed, today, week, athlete): the same week always plans the same sessions.
 */
import { bikeSpeed } from "./effort.js";
import { thresholdsOn } from "./profile.js";
import { Rng } from "./random.js";
import { personaSeed, TRIATHLETE, type DemoPersona, type Discipline } from "./roster.js";
import type { Race, RaceKind, WeekInfo } from "./season.js";
import { shapeSession, type SessionKind, type SessionShape } from "./sessions.js";
import { blockSeconds, type Block } from "./steps.js";

export interface PlannedSession extends SessionShape {
  /** Planned local start, seconds after midnight (races and weekends carry it as `startTimePlanned`). */
  startSec: number;
  showPlannedStart: boolean;
  race: Race | undefined;
  /** Race distance in metres, when the session is a race leg. */
  raceDistance: number | null;
}

/** A session that is not a race leg, starting at `startSec`. */
export function asPlanned(shape: SessionShape, startSec: number, showPlannedStart: boolean): PlannedSession {
  return { ...shape, startSec, showPlannedStart, race: undefined, raceDistance: null };
}

type Day = SessionKind[];
type WeekTemplate = [Day, Day, Day, Day, Day, Day, Day];

type Template = "prep" | "base" | "build" | "recovery" | "race" | "transition";

const TEMPLATES: Record<Discipline, Record<Template, WeekTemplate>> = {
  triathlon: {
    prep: [["dayOff"], ["bikeQuality", "strength"], ["swimTech", "runEasy"], ["bikeEndurance"], ["swimEndurance", "strength"], ["bikeLong"], ["runLong"]],
    base: [["dayOff"], ["bikeQuality", "runEasy"], ["swimCss", "runQuality"], ["bikeEndurance", "strength"], ["swimEndurance"], ["bikeLong"], ["runLong"]],
    build: [["dayOff"], ["bikeQuality", "runEasy"], ["swimCss", "runQuality"], ["bikeEndurance"], ["swimEndurance"], ["bikeLong", "brickRun"], ["runLong"]],
    recovery: [["dayOff"], ["bikeEasy"], ["swimTech", "runEasy"], ["strength"], ["swimEasy"], ["bikeEndurance"], ["runEasy"]],
    race: [["dayOff"], ["bikeQuality"], ["swimEasy", "runQuality"], ["bikeEasy"], ["swimEasy"], ["bikeEasy", "runEasy"], []],
    transition: [[], ["runEasy"], [], ["bikeEndurance"], ["swimEasy"], [], ["bikeEndurance"]],
  },
  run: {
    prep: [["dayOff"], ["runEasy", "strength"], ["runEasy"], ["runQuality"], ["runEasy", "strength"], ["runEasy"], ["runLong"]],
    base: [["dayOff"], ["runEasy"], ["runQuality"], ["runEasy", "strength"], ["runEasy"], ["runEasy"], ["runLong"]],
    build: [["dayOff"], ["runEasy"], ["runQuality"], ["runEasy"], ["runEasy", "strength"], ["runEasy"], ["runLong"]],
    recovery: [["dayOff"], ["runEasy"], [], ["strength"], ["runEasy"], [], ["runEasy"]],
    race: [["dayOff"], ["runEasy"], ["runQuality"], ["runEasy"], [], ["runEasy"], []],
    transition: [[], ["runEasy"], [], [], ["runEasy"], [], ["runEasy"]],
  },
  bike: {
    prep: [["dayOff"], ["bikeQuality"], ["bikeEasy"], ["bikeEndurance"], [], ["bikeLong"], ["bikeEndurance"]],
    base: [["dayOff"], ["bikeQuality"], ["bikeEndurance"], ["bikeEasy"], ["bikeEndurance"], ["bikeLong"], ["bikeEndurance"]],
    build: [["dayOff"], ["bikeQuality"], ["bikeEasy"], ["bikeEndurance"], ["bikeEasy"], ["bikeLong"], ["bikeEndurance"]],
    recovery: [["dayOff"], ["bikeEasy"], [], ["bikeEndurance"], [], ["bikeEndurance"], ["bikeEasy"]],
    race: [["dayOff"], ["bikeQuality"], ["bikeEasy"], [], ["bikeEasy"], ["bikeEasy"], []],
    transition: [[], ["bikeEasy"], [], ["bikeEndurance"], [], [], ["bikeEndurance"]],
  },
};

function templateFor(week: WeekInfo): Template {
  if (week.period === "Race") return "race";
  if (week.period === "Transition") return "transition";
  if (week.recovery) return "recovery";
  if (week.period === "Prep") return "prep";
  if (week.period.startsWith("Base")) return "base";
  return "build";
}

/** The easy sessions the day before a B or C race, by sport. */
const SHAKEOUTS: Record<Discipline, Array<[SessionKind, string]>> = {
  triathlon: [
    ["bikeEasy", "Pre-race spin"],
    ["runEasy", "Pre-race shakeout run"],
  ],
  run: [["runEasy", "Pre-race shakeout run"]],
  bike: [["bikeEasy", "Pre-race spin with openers"]],
};

interface Leg {
  sport: 1 | 2 | 3;
  metres: number;
  /** % of threshold. */
  lo: number;
  hi: number;
}

const LEGS: Record<RaceKind, Leg[]> = {
  half: [
    { sport: 1, metres: 1900, lo: 94, hi: 98 },
    { sport: 2, metres: 90_000, lo: 78, hi: 82 },
    { sport: 3, metres: 21_097.5, lo: 86, hi: 90 },
  ],
  olympic: [
    { sport: 1, metres: 1500, lo: 98, hi: 102 },
    { sport: 2, metres: 40_000, lo: 86, hi: 90 },
    { sport: 3, metres: 10_000, lo: 93, hi: 97 },
  ],
  sprint: [
    { sport: 1, metres: 750, lo: 100, hi: 104 },
    { sport: 2, metres: 20_000, lo: 91, hi: 95 },
    { sport: 3, metres: 5000, lo: 98, hi: 102 },
  ],
  halfMarathon: [{ sport: 3, metres: 21_097.5, lo: 96, hi: 99 }],
  tenK: [{ sport: 3, metres: 10_000, lo: 102, hi: 106 }],
  marathon: [{ sport: 3, metres: 42_195, lo: 89, hi: 93 }],
  granFondo: [{ sport: 2, metres: 160_000, lo: 68, hi: 74 }],
  timeTrial: [{ sport: 2, metres: 40_000, lo: 96, hi: 101 }],
  roadRace: [{ sport: 2, metres: 100_000, lo: 76, hi: 82 }],
};

const LEG_NAME = { 1: "swim", 2: "bike", 3: "run" } as const;

/** Planned time for a leg from its distance and the speed the athlete expects to hold. */
function raceLeg(race: Race, leg: Leg, expectedSpeed: number): PlannedSession {
  const sec = Math.round(leg.metres / expectedSpeed);
  const multi = LEGS[race.kind].length > 1;
  const blocks: Block[] = [{ reps: 1, steps: [{ name: "Race", sec, lo: leg.lo, hi: leg.hi, cls: "active" }] }];
  return {
    sport: leg.sport,
    title: multi ? `${race.name}: ${LEG_NAME[leg.sport]}` : race.name,
    description: `${race.priority} race. ${multi ? `${LEG_NAME[leg.sport]} leg, ` : ""}${(leg.metres / 1000).toFixed(leg.metres < 10_000 ? 2 : 1)} km.`,
    blocks,
    structured: false,
    key: true,
    startSec: 8 * 3600 + 30 * 60, // later legs follow the one before (below)
    showPlannedStart: true,
    race,
    raceDistance: leg.metres,
  };
}

/** The sessions planned on each day (Monday first) of `week`. */
export function planWeek(seed: number, today: number, week: WeekInfo, persona: DemoPersona = TRIATHLETE): PlannedSession[][] {
  const rng = Rng.for(personaSeed(seed, persona), "plan", week.monday - today);
  const template = TEMPLATES[persona.discipline][templateFor(week)];
  const days = template.map((kinds, wd): PlannedSession[] => {
    if (week.period === "Transition" && kinds.length > 0 && rng.chance(0.3)) return [];
    return kinds
      .filter((kind) => kind !== "dayOff" || rng.chance(0.4))
      .map((kind, i) => asPlanned(shapeSession(kind, week, rng, persona.raceLabel), startTime(wd, i, kind, rng), wd >= 5));
  });

  const race = week.race;
  if (race) {
    // Expected race speed from the thresholds of race week (the TT bike is about 7 % faster).
    const th = thresholdsOn(race.day, today, persona);
    const speed = (sport: 1 | 2 | 3, pct: number) =>
      sport === 2 ? bikeSpeed((pct / 100) * th.ftp) * 1.07 : (pct / 100) * (sport === 3 ? th.runSpeed : th.swimSpeed);
    days[6] = LEGS[race.kind].map((leg) => raceLeg(race, leg, speed(leg.sport, (leg.lo + leg.hi) / 2)));
    // The day before a race: a short shakeout instead of the usual session.
    if (race.priority !== "A") {
      const shake = (kind: SessionKind, title: string, i: number): PlannedSession =>
        asPlanned({ ...shapeSession(kind, { ...week, scale: 0.5 }, rng, persona.raceLabel), title }, startTime(5, i, kind, rng), true);
      days[5] = SHAKEOUTS[persona.discipline].map(([kind, title], i) => shake(kind, title, i));
    }
  }
  // A second session starts after the first one ends (a brick run straight off the bike).
  for (const sessions of days) {
    for (let i = 1; i < sessions.length; i++) {
      const prev = sessions[i - 1]!;
      const cur = sessions[i]!;
      cur.startSec = Math.max(cur.startSec, prev.startSec + blockSeconds(prev.blocks) + 300);
    }
  }
  return days;
}

function startTime(wd: number, order: number, kind: SessionKind, rng: Rng): number {
  const at = (h: number, m: number) => h * 3600 + m * 60 + rng.int(0, 20) * 60;
  if (wd >= 5) return order === 0 ? at(8, 0) : at(11, 30);
  if (kind.startsWith("swim")) return at(6, 30);
  if (kind === "strength") return at(19, 30);
  return order === 0 ? at(6, 15) : at(18, 0);
}
