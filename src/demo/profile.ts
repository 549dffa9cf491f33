/**
 * Who the demo athlete is: a fictional age-group triathlete, the thresholds that move with the
 * training, and the user, settings and token answers built from them.
 */
import { round } from "../core/numbers.js";
import { apiDay, fromDay, toDay } from "../core/dates.js";

export const DEMO_ATHLETE_ID = 1000001;

export const PERSON = {
  firstName: "Alex",
  lastName: "Rivera",
  fullName: "Alex Rivera",
  email: "alex.rivera@example.com",
  userName: "alex.rivera.demo",
  timeZone: "Europe/Amsterdam",
  birthday: "1991-05-17",
  gender: "M",
  weightKg: 72,
  maxHeartRate: 188,
  restingHeartRate: 46,
  /** Run (and default) lactate-threshold heart rate, bpm. */
  lthr: 168,
  /** Cycling LTHR sits a few beats below the run's. */
  bikeLthr: 163,
} as const;

/** Today's thresholds; the history climbs towards them. */
const FTP_NOW = 265;
const FTP_GAIN_PER_2Y = 17;
const RUN_PACE_NOW = 250; // s/km: 4:10/km
const RUN_PACE_GAIN_PER_2Y = 12;
const SWIM_PACE_NOW = 100; // s/100 m: 1:40/100 m (CSS)
const SWIM_PACE_GAIN_PER_2Y = 4;

/** Thresholds change only on test days, every six weeks, like a real athlete's settings. */
function lastTestBefore(day: number, today: number, offset: number): number {
  const first = today - offset;
  if (day >= first) return first;
  return first - Math.ceil((first - day) / 42) * 42;
}

export interface Thresholds {
  /** Functional threshold power, W. */
  ftp: number;
  /** Run threshold speed, m/s. */
  runSpeed: number;
  /** Swim critical speed, m/s. */
  swimSpeed: number;
}

export function thresholdsOn(day: number, today: number): Thresholds {
  // Years (of two) between the test that set the day's value and the latest test.
  const age = (offset: number) => (lastTestBefore(today, today, offset) - lastTestBefore(day, today, offset)) / 730;
  return {
    ftp: Math.round(FTP_NOW - FTP_GAIN_PER_2Y * age(14)),
    runSpeed: round(1000 / (RUN_PACE_NOW + RUN_PACE_GAIN_PER_2Y * age(35)), 3),
    swimSpeed: round(100 / (SWIM_PACE_NOW + SWIM_PACE_GAIN_PER_2Y * age(21)), 3),
  };
}

function ageOn(today: number): number {
  const date = fromDay(today);
  const age = Number(date.slice(0, 4)) - Number(PERSON.birthday.slice(0, 4));
  return date.slice(5) < PERSON.birthday.slice(5) ? age - 1 : age;
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

/** The account's kind, which the user's roster entry and the settings both carry. */
const ACCOUNT = { userType: 4, athleteType: 1 } as const;

/** The account fields the user and the settings answers share, in the order both send them. */
function account(today: number) {
  return {
    userName: PERSON.userName,
    timeZone: PERSON.timeZone,
    units: 2,
    dateFormat: "dd-mm-yyyy",
    birthday: apiDay(toDay(PERSON.birthday)),
    gender: PERSON.gender,
    age: ageOn(today),
  };
}

/** A sport's zones; heart-rate groups also carry the athlete's maximum and resting pulse (`extra`). */
function zoneGroup<E extends object>(workoutTypeId: number, threshold: number, zoneList: Zone[], extra: E) {
  return { workoutTypeId, threshold, calculationMethod: 1, zoneCalculatorId: null, ...extra, zones: zoneList };
}

/** `GET /fitness/v1/athletes/{id}/settings`. */
export function buildSettings(today: number) {
  const t = thresholdsOn(today, today);
  const pulse = { maximumHeartRate: PERSON.maxHeartRate, restingHeartRate: PERSON.restingHeartRate };
  const hrGroup = (workoutTypeId: number, threshold: number) =>
    zoneGroup(workoutTypeId, threshold, zones(threshold, THRESHOLD_ZONE_LABELS, HR_EDGES, 0).map((z, i) => (i === THRESHOLD_ZONE_LABELS.length - 1 ? { ...z, maximum: PERSON.maxHeartRate } : z)), pulse);
  return {
    athleteId: DEMO_ATHLETE_ID,
    personId: DEMO_ATHLETE_ID,
    firstName: PERSON.firstName,
    lastName: PERSON.lastName,
    fullName: PERSON.fullName,
    email: PERSON.email,
    ...account(today),
    weight: PERSON.weightKg,
    isAthlete: true,
    // As in the user's roster entry: a premium account (userType 4).
    userType: ACCOUNT.userType,
    athleteType: ACCOUNT.athleteType,
    heartRateZones: [hrGroup(0, PERSON.lthr), hrGroup(2, PERSON.bikeLthr), hrGroup(3, PERSON.lthr)],
    powerZones: [zoneGroup(2, t.ftp, zones(t.ftp, POWER_ZONE_LABELS, POWER_EDGES, 0), {})],
    speedZones: [zoneGroup(3, t.runSpeed, zones(t.runSpeed, THRESHOLD_ZONE_LABELS, SPEED_EDGES, 3), {}), zoneGroup(1, t.swimSpeed, zones(t.swimSpeed, THRESHOLD_ZONE_LABELS, SPEED_EDGES, 3), {})],
  };
}

/** `GET /users/v3/user`. */
export function buildUser(today: number) {
  const names = { firstName: PERSON.firstName, lastName: PERSON.lastName, email: PERSON.email };
  return {
    user: {
      userId: DEMO_ATHLETE_ID,
      personId: DEMO_ATHLETE_ID,
      ...names,
      fullName: PERSON.fullName,
      ...account(today),
      settings: {},
      athletes: [{ athleteId: DEMO_ATHLETE_ID, ...names, coachedBy: null, ...ACCOUNT }],
    },
    accountStatus: { isAthlete: true, isCoach: false, isCoachedAthlete: false, isPremium: true },
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
