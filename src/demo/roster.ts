/**
 * The demo account's athletes: the signed-in coach, a triathlete who trains themself, and two
 * athletes they coach. One generator builds every athlete; a persona only says who they are,
 * what they train for, and where they live.
 */

export type Discipline = "triathlon" | "run" | "bike";

export interface DemoPersona {
  athleteId: number;
  /** Keeps each athlete's ids (workouts, records, races, metrics) in a range of their own. */
  idBlock: number;
  /** Mixed into every random stream; undefined for the triathlete, whose data predates the roster. */
  seedSalt: string | undefined;
  discipline: Discipline;
  /** How the long sessions name the A race's pace ("70.3 pace", "marathon pace"). */
  raceLabel: string;
  person: {
    firstName: string;
    lastName: string;
    fullName: string;
    email: string;
    userName: string;
    timeZone: string;
    birthday: string;
    gender: "M" | "F";
    weightKg: number;
    maxHeartRate: number;
    restingHeartRate: number;
    /** Run (and default) lactate-threshold heart rate, bpm. */
    lthr: number;
    /** Cycling LTHR sits a few beats below the run's. */
    bikeLthr: number;
  };
  /** Today's thresholds and how much they improved over the two years of history. */
  form: { ftp: number; ftpGain: number; runPace: number; runPaceGain: number; swimPace: number; swimPaceGain: number };
  /** userType 4 premium, 6 basic. */
  account: { userType: number; athleteType: number };
  /** Which zone groups the settings carry: heart rate by sport id (0 all sports), the others on or off. */
  zones: { heartRate: number[]; power: boolean; runPace: boolean; swimPace: boolean };
  /** Air temperature over the year, °C: mean, half the swing, and the coldest day of the year. */
  climate: { mean: number; swing: number; coldestDay: number };
}

export const TRIATHLETE: DemoPersona = {
  athleteId: 1000001,
  idBlock: 0,
  seedSalt: undefined,
  discipline: "triathlon",
  raceLabel: "70.3",
  person: {
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
    lthr: 168,
    bikeLthr: 163,
  },
  // FTP 265 W, run threshold 4:10/km, swim CSS 1:40/100 m.
  form: { ftp: 265, ftpGain: 17, runPace: 250, runPaceGain: 12, swimPace: 100, swimPaceGain: 4 },
  account: { userType: 4, athleteType: 1 },
  zones: { heartRate: [0, 2, 3], power: true, runPace: true, swimPace: true },
  climate: { mean: 10.5, swing: 7.5, coldestDay: 15 },
};

/** A marathoner who trains by pace: no power meter, no heart-rate zones set. */
export const RUNNER: DemoPersona = {
  athleteId: 1000002,
  idBlock: 1,
  seedSalt: "runner",
  discipline: "run",
  raceLabel: "marathon",
  person: {
    firstName: "Zoë",
    lastName: "Lindqvist",
    fullName: "Zoë Lindqvist",
    email: "zoe.lindqvist@example.com",
    userName: "zoe.lindqvist.demo",
    timeZone: "America/Los_Angeles",
    birthday: "1988-09-02",
    gender: "F",
    weightKg: 56,
    maxHeartRate: 186,
    restingHeartRate: 44,
    lthr: 170,
    bikeLthr: 165,
  },
  // Run threshold 3:55/km; the bike and swim figures are never used.
  form: { ftp: 190, ftpGain: 0, runPace: 235, runPaceGain: 10, swimPace: 120, swimPaceGain: 0 },
  account: { userType: 4, athleteType: 1 },
  zones: { heartRate: [], power: false, runPace: true, swimPace: false },
  climate: { mean: 18, swing: 4, coldestDay: 15 },
};

/** A road cyclist on a basic (free) account, with power and heart-rate zones. */
export const CYCLIST: DemoPersona = {
  athleteId: 1000003,
  idBlock: 2,
  seedSalt: "cyclist",
  discipline: "bike",
  raceLabel: "gran fondo",
  person: {
    firstName: "Sam",
    lastName: "Okafor",
    fullName: "Sam Okafor",
    email: "sam.okafor@example.com",
    userName: "sam.okafor.demo",
    timeZone: "Australia/Sydney",
    birthday: "1995-02-11",
    gender: "M",
    weightKg: 75,
    maxHeartRate: 192,
    restingHeartRate: 50,
    lthr: 172,
    bikeLthr: 170,
  },
  // FTP 290 W; the run and swim figures are never used.
  form: { ftp: 290, ftpGain: 20, runPace: 300, runPaceGain: 0, swimPace: 120, swimPaceGain: 0 },
  account: { userType: 6, athleteType: 1 },
  zones: { heartRate: [0, 2], power: true, runPace: false, swimPace: false },
  // Southern hemisphere: coldest in July.
  climate: { mean: 18.5, swing: 4.5, coldestDay: 196 },
};

/** The signed-in user first: the default athlete when none is named. */
export const ROSTER: readonly DemoPersona[] = [TRIATHLETE, RUNNER, CYCLIST];

export function personaOf(athleteId: number): DemoPersona | undefined {
  return ROSTER.find((persona) => persona.athleteId === athleteId);
}

/** The seed of one athlete's random streams. */
export function personaSeed(seed: number, persona: DemoPersona): number | string {
  return persona.seedSalt === undefined ? seed : `${seed}:${persona.seedSalt}`;
}
