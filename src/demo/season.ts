/**
 * The athlete's season: races around `today` and the periodisation of every week
 * (Friel-style annual training plan: Prep, Base 1–3, Build 1–2, Peak, Race, Transition).
 * Weeks are numbered from the Monday of today's week (week 0), so the plan always looks current.
 */
import { apiDay, mondayOf, weekday } from "../core/dates.js";
import { TRIATHLETE, type DemoPersona, type Discipline } from "./roster.js";
import type { DemoEvent } from "./types.js";

export type Priority = "A" | "B" | "C";
export type RaceKind = "half" | "olympic" | "sprint" | "halfMarathon" | "tenK" | "marathon" | "granFondo" | "timeTrial" | "roadRace";

export interface Race {
  id: number;
  /** Whose race it is. */
  athleteId: number;
  name: string;
  day: number;
  kind: RaceKind;
  priority: Priority;
  ctlTarget: number | null;
}

export type Period =
  | "Prep"
  | "Base 1"
  | "Base 2"
  | "Base 3"
  | "Build 1"
  | "Build 2"
  | "Peak"
  | "Race"
  | "Transition";

export interface WeekInfo {
  monday: number;
  /** Weeks from the Monday of today's week. */
  week: number;
  period: Period;
  recovery: boolean;
  /** Weeks to the next A race (0 in race week), null after the last one. */
  weeksToA: number | null;
  /** Volume relative to a full Build 2 week. */
  scale: number;
  race: Race | undefined;
}

export interface Season {
  today: number;
  races: Race[];
  /** Week number of the coming A race (4 or 5: its Sunday is 31–37 days after today). */
  aRaceWeek: number;
  weekOf(day: number): WeekInfo;
}

const KIND_INFO: Record<RaceKind, { eventType: DemoEvent["eventType"]; km: number; what: string }> = {
  half: { eventType: "Triathlon", km: 113, what: "1.9 km swim, 90 km bike, 21.1 km run" },
  olympic: { eventType: "Triathlon", km: 51.5, what: "1.5 km swim, 40 km bike, 10 km run" },
  sprint: { eventType: "Triathlon", km: 25.75, what: "750 m swim, 20 km bike, 5 km run" },
  halfMarathon: { eventType: "RoadRunning", km: 21.1, what: "Half marathon, flat city course" },
  tenK: { eventType: "RoadRunning", km: 10, what: "10 km road race" },
  marathon: { eventType: "RoadRunning", km: 42.195, what: "Marathon, rolling course" },
  granFondo: { eventType: "RoadCycling", km: 160, what: "160 km gran fondo, 2100 m of climbing" },
  timeTrial: { eventType: "RoadCycling", km: 40, what: "40 km individual time trial" },
  roadRace: { eventType: "RoadCycling", km: 100, what: "100 km club road race" },
};

const PAST_A_WEEK = -52;

type CalendarEntry = Omit<Race, "id" | "day" | "athleteId"> & { week: number };

/** Races by week number; `k` is the coming A race's week. Every discipline races on the same weeks. */
function raceCalendar(k: number, discipline: Discipline): CalendarEntry[] {
  const p = PAST_A_WEEK;
  const weeks = [p - 34, p - 8, p - 5, p, p + 12, k - 24, k - 13, k - 7, k - 3, k, k + 8];
  const races: Record<Discipline, Array<Omit<CalendarEntry, "week">>> = {
    triathlon: [
      { kind: "tenK", priority: "C", name: "Canal Run 10K", ctlTarget: null },
      { kind: "sprint", priority: "C", name: "Dune Sprint Triathlon", ctlTarget: null },
      { kind: "olympic", priority: "B", name: "Polder Olympic Triathlon", ctlTarget: 74 },
      { kind: "half", priority: "A", name: "Riverside Half Triathlon", ctlTarget: 80 },
      { kind: "tenK", priority: "C", name: "Harbour 10K", ctlTarget: null },
      { kind: "halfMarathon", priority: "B", name: "City Half Marathon", ctlTarget: 60 },
      { kind: "sprint", priority: "C", name: "Lakes Sprint Triathlon", ctlTarget: null },
      { kind: "olympic", priority: "B", name: "Polder Olympic Triathlon", ctlTarget: 80 },
      { kind: "tenK", priority: "C", name: "Bridge 10K", ctlTarget: null },
      { kind: "half", priority: "A", name: "Lake Haven Half Triathlon", ctlTarget: 88 },
      { kind: "tenK", priority: "C", name: "Harvest 10K", ctlTarget: null },
    ],
    run: [
      { kind: "tenK", priority: "C", name: "Presidio 10K", ctlTarget: null },
      { kind: "tenK", priority: "C", name: "Beach Boardwalk 10K", ctlTarget: null },
      { kind: "halfMarathon", priority: "B", name: "Canyon Half Marathon", ctlTarget: 38 },
      { kind: "marathon", priority: "A", name: "Golden Coast Marathon", ctlTarget: 44 },
      { kind: "tenK", priority: "C", name: "Harbor Lights 10K", ctlTarget: null },
      { kind: "halfMarathon", priority: "B", name: "Valley Half Marathon", ctlTarget: 38 },
      { kind: "tenK", priority: "C", name: "Mission Hills 10K", ctlTarget: null },
      { kind: "halfMarathon", priority: "B", name: "Canyon Half Marathon", ctlTarget: 42 },
      { kind: "tenK", priority: "C", name: "Pier to Pier 10K", ctlTarget: null },
      { kind: "marathon", priority: "A", name: "Pacific Crest Marathon", ctlTarget: 46 },
      { kind: "tenK", priority: "C", name: "Turkey Trot 10K", ctlTarget: null },
    ],
    bike: [
      { kind: "timeTrial", priority: "C", name: "Harbour Bridge TT", ctlTarget: null },
      { kind: "roadRace", priority: "C", name: "Blue Mountains Road Race", ctlTarget: null },
      { kind: "timeTrial", priority: "B", name: "State Time Trial Championship", ctlTarget: 52 },
      { kind: "granFondo", priority: "A", name: "Snowy Ranges Gran Fondo", ctlTarget: 58 },
      { kind: "roadRace", priority: "C", name: "Hawkesbury Road Race", ctlTarget: null },
      { kind: "timeTrial", priority: "B", name: "Coastal Time Trial", ctlTarget: 50 },
      { kind: "roadRace", priority: "C", name: "Royal National Park Road Race", ctlTarget: null },
      { kind: "timeTrial", priority: "B", name: "State Time Trial Championship", ctlTarget: 56 },
      { kind: "roadRace", priority: "C", name: "Hunter Valley Road Race", ctlTarget: null },
      { kind: "granFondo", priority: "A", name: "Alpine Classic Gran Fondo", ctlTarget: 62 },
      { kind: "roadRace", priority: "C", name: "Harvest Road Race", ctlTarget: null },
    ],
  };
  return races[discipline].map((race, i) => ({ ...race, week: weeks[i]! }));
}

const PERIOD_SCALE: Record<Period, number> = {
  Prep: 0.68,
  "Base 1": 0.78,
  "Base 2": 0.85,
  "Base 3": 0.92,
  "Build 1": 0.96,
  "Build 2": 1,
  Peak: 0.85,
  Race: 0.45,
  Transition: 0.35,
};

function periodFor(d: number | null, s: number | null): Period {
  if (d === 0) return "Race";
  if (s !== null && s >= 1 && s <= 3) return "Transition";
  if (d === null) return "Prep";
  if (d <= 2) return "Peak";
  if (d <= 6) return "Build 2";
  if (d <= 10) return "Build 1";
  if (d <= 14) return "Base 3";
  if (d <= 18) return "Base 2";
  if (d <= 26) return "Base 1";
  return "Prep";
}

export function buildSeason(today: number, persona: DemoPersona = TRIATHLETE): Season {
  const monday0 = mondayOf(today);
  // The A race is the Sunday 31–37 days ahead: week 4 or 5.
  const aRaceWeek = Math.ceil((25 + weekday(today)) / 7);
  const races = raceCalendar(aRaceWeek, persona.discipline).map(({ week, ...race }, i) => ({
    ...race,
    id: 7_000_001 + 1000 * persona.idBlock + i,
    athleteId: persona.athleteId,
    day: monday0 + 7 * week + 6,
  }));
  const aWeeks = [PAST_A_WEEK, aRaceWeek];
  const raceByWeek = new Map(races.map((r) => [Math.floor((r.day - monday0) / 7), r]));

  const weekOf = (day: number): WeekInfo => {
    const monday = mondayOf(day);
    const week = (monday - monday0) / 7;
    const next = aWeeks.find((w) => w >= week);
    const prev = [...aWeeks].reverse().find((w) => w < week);
    const d = next === undefined ? null : next - week;
    const s = prev === undefined ? null : week - prev;
    const period = periodFor(d, s);
    // Every fourth week is easy: counted back from the race in base and build, by calendar in prep.
    const loading = period.startsWith("Base") || period.startsWith("Build");
    const recovery = loading ? (d ?? 0) % 4 === 3 : period === "Prep" && ((week % 4) + 4) % 4 === 3;
    const firstSeason = week <= PAST_A_WEEK ? 0.92 : 1;
    const taper = d === 1 ? 0.7 : 1;
    const scale = PERIOD_SCALE[period] * (recovery ? 0.6 : 1) * firstSeason * taper;
    return { monday, week, period, recovery, weeksToA: d, scale, race: raceByWeek.get(week) };
  };

  return { today, races, aRaceWeek, weekOf };
}

export function raceEvent(race: Race): DemoEvent {
  const info = KIND_INFO[race.kind];
  return {
    id: race.id,
    name: race.name,
    eventDate: apiDay(race.day),
    eventType: info.eventType,
    atpPriority: race.priority,
    ctlTarget: race.ctlTarget,
    description: info.what,
    distance: info.km,
    distanceUnits: "km",
    isHidden: false,
    isLocked: false,
    personId: race.athleteId,
  };
}
