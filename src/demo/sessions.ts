/**
 * The session catalogue: what each kind of workout looks like as steps, scaled to the week's
 * volume. Every session is described by steps, even the unstructured ones, so planned and actual
 * numbers come from one model; only structured sessions publish their steps as `structure`.
 */
import type { Rng } from "./random.js";
import type { Period, WeekInfo } from "./season.js";
import { coolDown, intervals, one, reps, seconds, step, warmUp, type Block, type Interval } from "./steps.js";
import type { SportId } from "./types.js";

export type SessionKind =
  | "dayOff"
  | "swimTech"
  | "swimEndurance"
  | "swimCss"
  | "swimEasy"
  | "bikeEasy"
  | "bikeEndurance"
  | "bikeQuality"
  | "bikeLong"
  | "brickRun"
  | "runEasy"
  | "runQuality"
  | "runLong"
  | "strength";

export interface SessionShape {
  sport: SportId;
  title: string;
  description: string;
  blocks: Block[];
  /** Whether the steps are published as the workout's `structure`. */
  structured: boolean;
  /** Long ride, long run or race: the sessions a demo tour looks at. */
  key: boolean;
}

/** Minutes rounded to 5, scaled by the week's volume and a little day-to-day variation. */
function vol(base: number, week: WeekInfo, rng: Rng, floor = 20): number {
  return Math.max(floor, Math.round((base * week.scale * rng.range(0.92, 1.08)) / 5) * 5);
}

/** n × `on` minutes at lo–hi % of threshold, `off` minutes easy between. */
const set = (title: string, n: number, on: number, lo: number, hi: number, off: number): Interval => ({ title, n, on, lo, hi, off });

/** The quality sessions of each period, [bike, run]; without a run one, the run is easy strides. */
const QUALITY: Partial<Record<Period, [Interval, Interval?]>> = {
  Prep: [set("Tempo 3x12 min", 3, 12, 76, 85, 5)],
  "Base 1": [set("Tempo 3x15 min", 3, 15, 76, 88, 5), set("Hill repeats 8x90 s", 8, 1.5, 104, 112, 2)],
  "Base 2": [set("Sweet spot 3x12 min", 3, 12, 88, 93, 5), set("Cruise intervals 4x6 min", 4, 6, 95, 100, 2)],
  "Base 3": [set("Sweet spot 2x20 min", 2, 20, 88, 94, 8), set("Tempo 2x15 min", 2, 15, 88, 93, 3)],
  "Build 1": [set("Threshold 4x10 min", 4, 10, 95, 102, 5), set("Threshold 5x5 min", 5, 5, 98, 102, 2)],
  "Build 2": [set("VO2max 5x4 min", 5, 4, 108, 118, 4), set("Intervals 6x3 min", 6, 3, 104, 110, 2)],
  Peak: [set("Race pace 3x15 min", 3, 15, 82, 88, 5), set("Race pace 3x10 min", 3, 10, 88, 93, 3)],
};

function bikeQuality(week: WeekInfo): SessionShape {
  if (week.period === "Race") {
    return {
      sport: 2,
      title: "Race openers",
      description: "15 min easy, 4x1 min at 105-115% FTP with 2 min easy, 15 min steady, spin down.",
      blocks: [warmUp(15), reps(4, step("Opener", 1, 105, 115), step("Easy", 2, 50, 60, "rest")), one(step("Steady", 15, 65, 75)), coolDown(10)],
      structured: true,
      key: false,
    };
  }
  const [i] = QUALITY[week.period] ?? QUALITY.Prep!;
  return {
    sport: 2,
    title: i.title,
    description: `Warm up 15 min, ${i.n}x${i.on} min at ${i.lo}-${i.hi}% FTP with ${i.off} min easy, cool down 10 min.`,
    blocks: intervals(i, 15, 10),
    structured: true,
    key: false,
  };
}

function runQuality(week: WeekInfo, rng: Rng): SessionShape {
  const i = QUALITY[week.period]?.[1];
  if (!i) {
    const easy = vol(40, week, rng, 20);
    return {
      sport: 3,
      title: week.period === "Race" ? "Easy run + strides" : "Aerobic run + strides",
      description: `${easy} min relaxed, then 6x20 s strides with 70 s jog.`,
      blocks: [
        one(step("Aerobic", easy, 72, 80)),
        reps(6, seconds("Stride", 20, 115, 125, "active"), seconds("Jog", 70, 60, 70, "rest")),
        coolDown(5, 62, 70),
      ],
      structured: true,
      key: false,
    };
  }
  return {
    sport: 3,
    title: i.title,
    description: `Warm up 15 min easy, ${i.n}x${i.on} min at ${i.lo}-${i.hi}% of threshold pace with ${i.off} min jog, cool down 10 min.`,
    blocks: intervals(i, 15, 10, 62, 70),
    structured: true,
    key: false,
  };
}

function bikeLong(week: WeekInfo, rng: Rng, raceLabel: string): SessionShape {
  const d = week.weeksToA ?? 99;
  const pace = (n: number, on: number, label: string): SessionShape => ({
    sport: 2,
    title: label,
    description: `Mostly endurance (65-75% FTP) with ${n}x${on} min at ${raceLabel} race power (84-90% FTP). Fuel as on race day.`,
    blocks: [
      warmUp(20, 55, 68),
      one(step("Endurance", vol(60, week, rng, 30), 65, 75)),
      reps(n, step("Race pace", on, 84, 90), step("Easy", 10, 55, 65, "rest")),
      one(step("Endurance", vol(45, week, rng, 20), 65, 75)),
      coolDown(10),
    ],
    structured: true,
    key: true,
  });
  if (week.period === "Build 2") {
    if (d <= 4) return { ...pace(1, 90, `Race simulation: 90 min at ${raceLabel} power`), description: `The big one: 90 min continuous at ${raceLabel} race power (84-90% FTP) inside an endurance ride.` };
    return pace(2, d === 5 ? 40 : 30, `Long ride with 2x${d === 5 ? 40 : 30} min at ${raceLabel} power`);
  }
  if (week.period === "Peak") return pace(2, d === 1 ? 20 : 30, "Long ride with race-pace blocks");
  if (week.period === "Build 1") return pace(2, 20, `Long ride with 2x20 min at ${raceLabel} power`);
  const main = vol(165, week, rng, 60);
  const hilly = week.period === "Base 3";
  return {
    sport: 2,
    title: hilly ? "Long ride with tempo climbs" : "Long endurance ride",
    description: hilly ? "Endurance ride taking every climb at tempo (76-85% FTP)." : "Steady endurance, 62-72% FTP, keep it conversational.",
    blocks: [warmUp(15, 55, 65), one(step("Endurance", main, hilly ? 66 : 62, hilly ? 76 : 72)), coolDown(10)],
    structured: false,
    key: true,
  };
}

function runLong(week: WeekInfo, rng: Rng, raceLabel: string): SessionShape {
  const d = week.weeksToA ?? 99;
  if (week.period === "Build 2" || week.period === "Peak") {
    const block = week.period === "Peak" ? (d === 1 ? 20 : 30) : d <= 4 ? 60 : d === 5 ? 50 : 40;
    return {
      sport: 3,
      title: `Long run with ${block} min at ${raceLabel} pace`,
      description: `Easy start, ${block} min at ${raceLabel} run pace (90-95% of threshold pace), easy finish.`,
      blocks: [warmUp(20, 70, 78), one(step("Race pace", block, 90, 95)), one(step("Easy", week.period === "Peak" ? 15 : 25, 70, 78)), coolDown(5, 62, 70)],
      structured: true,
      key: true,
    };
  }
  const main = vol(90, week, rng, 40);
  const finish = week.period === "Base 3" || week.period === "Build 1";
  return {
    sport: 3,
    title: finish ? "Long run with tempo finish" : "Long run",
    description: finish ? "Steady long run, last 20 min at tempo (86-90% of threshold pace)." : "Easy long run, conversational pace.",
    blocks: finish
      ? [warmUp(10, 68, 75), one(step("Steady", main, 72, 80)), one(step("Tempo finish", 20, 86, 90))]
      : [warmUp(10, 68, 75), one(step("Steady", main, 72, 80))],
    structured: finish,
    key: true,
  };
}

/** `raceLabel` names the A race's pace in the long sessions ("70.3 pace"). */
export function shapeSession(kind: SessionKind, week: WeekInfo, rng: Rng, raceLabel = "70.3"): SessionShape {
  const steady = (sport: SportId, title: string, description: string, base: number, lo: number, hi: number, floor = 20): SessionShape => ({
    sport,
    title,
    description,
    blocks: [one(step(title, vol(base, week, rng, floor), lo, hi))],
    structured: false,
    key: false,
  });
  switch (kind) {
    case "dayOff":
      return { sport: 7, title: "Day Off", description: "Rest. Legs up, eat well, sleep.", blocks: [], structured: false, key: false };
    case "swimTech":
      return steady(1, "Swim technique", "400 easy, 8x50 drill/swim, 6x100 pull moderate, 200 easy.", 50, 87, 91, 30);
    case "swimEndurance":
      return steady(1, "Endurance swim", "Continuous aerobic swimming, 4x400 at steady effort, bilateral breathing.", 60, 87, 92, 30);
    case "swimEasy":
      return steady(1, "Easy swim", "Loosen up: easy strokes, a few fast 25s.", 30, 86, 90, 20);
    case "swimCss":
      return {
        sport: 1,
        title: "CSS intervals",
        description: "400 warm up, 10x100 at CSS pace with 20 s rest, 200 easy.",
        blocks: [warmUp(8, 80, 86), reps(10, seconds("100 m at CSS", 100, 98, 102, "active"), seconds("Rest", 20, 50, 60, "rest")), coolDown(6, 78, 84)],
        structured: false,
        key: false,
      };
    case "bikeEasy":
      return steady(2, "Recovery spin", "Easy spin, high cadence, under 60% FTP.", 50, 48, 58, 30);
    case "bikeEndurance":
      return steady(2, "Endurance ride", "Zone 2 ride, 65-75% FTP, smooth pedalling.", 90, 64, 74, 45);
    case "bikeQuality":
      return bikeQuality(week);
    case "bikeLong":
      return bikeLong(week, rng, raceLabel);
    case "brickRun":
      return steady(3, "Brick run off the bike", `Straight off the bike: settle into ${raceLabel} run pace.`, 25, 88, 94, 15);
    case "runEasy":
      return steady(3, "Easy run", "Relaxed aerobic run.", 45, 70, 78, 25);
    case "runQuality":
      return runQuality(week, rng);
    case "runLong":
      return runLong(week, rng, raceLabel);
    case "strength":
      return steady(9, "Strength: core & hips", "Squats, lunges, deadlifts, planks, side planks, clamshells: 3 rounds.", 45, 55, 65, 30);
  }
}
