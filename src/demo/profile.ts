/**
 * Who a demo athlete is (a persona of the roster), the thresholds that move with the training,
 * and the user, settings and token answers built from them.
 */
import { round } from "../core/numbers.js";
import { apiDay, fromDay, toDay } from "../core/dates.js";
import { ROSTER, TRIATHLETE, type DemoPersona } from "./roster.js";

export const DEMO_ATHLETE_ID = TRIATHLETE.athleteId;

/** The triathlete: the signed-in user, and the default athlete. */
export const PERSON = TRIATHLETE.person;

/** Thresholds change only on test days, every six weeks, like a real athlete's settings. */
function lastTestBefore(day: number, today: number, offset: number): number {
  const first = today - offset;
  if (day >= first) return first;
  return first - Math.ceil((first - day) / 42) * 42;
}

/** The athlete's body on a day: what the recordings are made from. */
export interface Thresholds {
  /** Functional threshold power, W. */
  ftp: number;
  /** Run threshold speed, m/s. */
  runSpeed: number;
  /** Swim critical speed, m/s. */
  swimSpeed: number;
  /** The heart-rate and weight figures, which do not move with training. */
  body: Pick<DemoPersona["person"], "lthr" | "bikeLthr" | "maxHeartRate" | "weightKg">;
}

export function thresholdsOn(day: number, today: number, persona: DemoPersona = TRIATHLETE): Thresholds {
  // Years (of two) between the test that set the day's value and the latest test.
  const age = (offset: number) => (lastTestBefore(today, today, offset) - lastTestBefore(day, today, offset)) / 730;
  const { form, person } = persona;
  return {
    ftp: Math.round(form.ftp - form.ftpGain * age(14)),
    runSpeed: round(1000 / (form.runPace + form.runPaceGain * age(35)), 3),
    swimSpeed: round(100 / (form.swimPace + form.swimPaceGain * age(21)), 3),
    body: { lthr: person.lthr, bikeLthr: person.bikeLthr, maxHeartRate: person.maxHeartRate, weightKg: person.weightKg },
  };
}

function ageOn(today: number, birthday: string): number {
  const date = fromDay(today);
  const age = Number(date.slice(0, 4)) - Number(birthday.slice(0, 4));
  return date.slice(5) < birthday.slice(5) ? age - 1 : age;
}

interface Zone {
  label: string;
  minimum: number;
  maximum: number;
}

/** Zones that meet end to end: zone i runs from edges[i] to edges[i + 1], as fractions of the threshold. */
function zones(threshold: number, labels: readonly string[], edges: readonly number[], digits: number): Zone[] {
  return labels.map((label, i) => ({
    label,
    minimum: round(threshold * edges[i]!, digits),
    maximum: round(threshold * edges[i + 1]!, digits),
  }));
}

// Heart-rate and pace zones go by the same seven names; power zones by Coggan's.
const THRESHOLD_ZONE_LABELS = [
  "Zone 1: Recovery",
  "Zone 2: Aerobic",
  "Zone 3: Tempo",
  "Zone 4: SubThreshold",
  "Zone 5a: SuperThreshold",
  "Zone 5b: Aerobic Capacity",
  "Zone 5c: Anaerobic Capacity",
] as const;
const POWER_ZONE_LABELS = [
  "Zone 1: Active Recovery",
  "Zone 2: Endurance",
  "Zone 3: Tempo",
  "Zone 4: Threshold",
  "Zone 5: VO2 Max",
  "Zone 6: Anaerobic Capacity",
  "Zone 7: Neuromuscular",
] as const;
const HR_EDGES = [0, 0.85, 0.9, 0.95, 1.0, 1.03, 1.06, 1.12] as const;
const POWER_EDGES = [0, 0.55, 0.75, 0.9, 1.05, 1.2, 1.5, 7.5] as const;
const SPEED_EDGES = [0, 0.78, 0.88, 0.94, 1.0, 1.03, 1.11, 1.5] as const;

/** The account fields the user and the settings answers share, in the order both send them. */
function account(today: number, person: DemoPersona["person"]) {
  return {
    userName: person.userName,
    timeZone: person.timeZone,
    units: 2,
    dateFormat: "dd-mm-yyyy",
    birthday: apiDay(toDay(person.birthday)),
    gender: person.gender,
    age: ageOn(today, person.birthday),
  };
}

/** A sport's zones; heart-rate groups also carry the athlete's maximum and resting pulse (`extra`). */
function zoneGroup<E extends object>(workoutTypeId: number, threshold: number, zoneList: Zone[], extra: E) {
  return { workoutTypeId, threshold, calculationMethod: 1, zoneCalculatorId: null, ...extra, zones: zoneList };
}

/** `GET /fitness/v1/athletes/{id}/settings`: the zone groups the persona has, empty lists for the rest. */
export function buildSettings(today: number, persona: DemoPersona = TRIATHLETE) {
  const { person, zones: has } = persona;
  const t = thresholdsOn(today, today, persona);
  const pulse = { maximumHeartRate: person.maxHeartRate, restingHeartRate: person.restingHeartRate };
  const hrGroup = (workoutTypeId: number, threshold: number) =>
    zoneGroup(workoutTypeId, threshold, zones(threshold, THRESHOLD_ZONE_LABELS, HR_EDGES, 0).map((z, i) => (i === THRESHOLD_ZONE_LABELS.length - 1 ? { ...z, maximum: person.maxHeartRate } : z)), pulse);
  const speedGroup = (workoutTypeId: number, threshold: number) => zoneGroup(workoutTypeId, threshold, zones(threshold, THRESHOLD_ZONE_LABELS, SPEED_EDGES, 3), {});
  return {
    athleteId: persona.athleteId,
    personId: persona.athleteId,
    firstName: person.firstName,
    lastName: person.lastName,
    fullName: person.fullName,
    email: person.email,
    ...account(today, person),
    weight: person.weightKg,
    isAthlete: true,
    // As in the user's roster entry.
    userType: persona.account.userType,
    athleteType: persona.account.athleteType,
    heartRateZones: has.heartRate.map((sport) => hrGroup(sport, sport === 2 ? person.bikeLthr : person.lthr)),
    powerZones: has.power ? [zoneGroup(2, t.ftp, zones(t.ftp, POWER_ZONE_LABELS, POWER_EDGES, 0), {})] : [],
    speedZones: [...(has.runPace ? [speedGroup(3, t.runSpeed)] : []), ...(has.swimPace ? [speedGroup(1, t.swimSpeed)] : [])],
  };
}

/**
 * `GET /users/v3/user`: the triathlete's own account, a coach's too. `athletes` lists everyone
 * whose data it can read: themself (self-coached) and the athletes they coach.
 */
export function buildUser(today: number) {
  const { person } = TRIATHLETE;
  return {
    user: {
      userId: TRIATHLETE.athleteId,
      personId: TRIATHLETE.athleteId,
      firstName: person.firstName,
      lastName: person.lastName,
      email: person.email,
      fullName: person.fullName,
      ...account(today, person),
      settings: {},
      athletes: ROSTER.map(({ athleteId, person: { firstName, lastName, email }, account: kind }) => ({
        athleteId,
        firstName,
        lastName,
        email,
        coachedBy: TRIATHLETE.athleteId,
        ...kind,
      })),
    },
    accountStatus: { isAthlete: true, isCoach: true, isCoachedAthlete: false, isPremium: true },
  };
}

/** `GET /users/v3/token`: the only answer that reads the clock (`expires` is an hour from `now`). */
export function buildToken(now: Date) {
  return {
    success: true,
    token: {
      access_token: "demo-access-token",
      token_type: "Bearer",
      expires_in: 3600,
      expires: new Date(now.getTime() + 3_600_000).toISOString(),
      refresh_token: "demo-refresh",
      scope: "demo",
    },
  };
}
