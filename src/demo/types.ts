/**
 * The raw TrainingPeaks JSON the demo serves (camelCase, the API's own units), as the spec's
 * schemas: a spec change the demo no longer meets fails to compile here, not in a user's tool.
 */
import type { components } from "../generated/api.js";
import type { buildSettings, buildToken, buildUser } from "./profile.js";

type Schemas = components["schemas"];

/** The demo writes every field it knows, null when empty, so none is optional. */
type Complete<S> = { [K in keyof S]-?: Exclude<S[K], undefined> };

/** Narrower values than a schema allows (never null, a literal); a key the schema lacks is refused. */
type Narrowing<S, N> = { [K in keyof N]: K extends keyof S ? Exclude<S[K], undefined> : never };

/**
 * Schema `S` as the demo serves it: complete, with the narrowings `N` the demo's code relies on,
 * without the optional fields `Unsent` it never writes.
 */
type Served<S, N extends Narrowing<S, N> = Record<never, never>, Unsent extends keyof S = never> = Omit<Complete<S>, keyof N | Unsent> & N;

/** Holds when the demo's own builder returns what the schema allows (extra fields are TrainingPeaks' too). */
type Conforms<T extends S, S> = T;

/** The sports the demo trains. */
export type SportId = Extract<Schemas["WorkoutTypeId"], 1 | 2 | 3 | 7 | 9>;

export type WorkoutComment = Complete<Schemas["WorkoutComment"]>;

export type IntensityClass = "warmUp" | "active" | "rest" | "coolDown";

export type StructureStep = Served<
  Schemas["StructureStep"],
  {
    name: string;
    length: { value: number; unit: "second" };
    targets: Array<{ minValue: number; maxValue: number }>;
    intensityClass: IntensityClass;
  },
  "type" | "openDuration" | "notes"
>;

export type StructureBlock = Served<
  Schemas["StructureBlock"],
  {
    type: "step" | "repetition";
    length: { value: number; unit: "repetition" };
    steps: StructureStep[];
    /** Seconds from the start of the workout. */
    begin: number;
    end: number;
  }
>;

export type WorkoutStructure = Served<
  Schemas["WorkoutStructure"],
  {
    structure: StructureBlock[];
    primaryLengthMetric: "duration";
    primaryIntensityMetric: "percentOfFtp" | "percentOfThresholdPace";
  }
>;

/** A workout as `GET /fitness/v6/athletes/{id}/workouts/…` returns it. */
export type DemoWorkout = Served<
  Schemas["Workout"],
  {
    workoutTypeValueId: SportId;
    workoutComments: WorkoutComment[];
    structure: WorkoutStructure | null;
    personalRecordCount: number;
    lastModifiedDate: string;
    orderOnDay: number;
    tssSource: number;
  }
> & {
  // Fields TrainingPeaks sends that the spec leaves undescribed.
  code: null;
  isItAnOr: false;
  newComment: null;
  equipmentBikeId: null;
  equipmentShoeId: null;
};

export type LapStats = Served<NonNullable<Schemas["WorkoutDetailData"]["lapsStats"]>[number], { stoppedTime: number }>;

export type PersonalRecord = Served<
  Schemas["PersonalRecord"],
  {
    class: "Power" | "HeartRate" | "Speed";
    timeFrame: { name: "All Time" | "Year" };
    value: number;
    workoutId: number;
    workoutDate: string;
  }
>;

export type WorkoutPrs = Served<
  Schemas["WorkoutPersonalRecords"],
  { calcsPending: boolean; workoutId: number; personalRecordCount: number; personalRecords: PersonalRecord[] }
>;

export type DemoEvent = Complete<Schemas["Event"]>;

export type AtpWeek = Served<Schemas["AnnualPlanWeek"], { volume: number }>;

export type TimedMetricDetail = Served<NonNullable<Schemas["MetricEntry"]["details"]>[number], { value: number }>;

export type TimedMetric = Served<Schemas["MetricEntry"], { details: TimedMetricDetail[] }>;

export type PerformanceRow = Served<
  Schemas["PerformanceDataRow"],
  { tssActual: number; tssPlanned: number; ctl: number; atl: number; tsb: number; ifActual: number | null; ifPlanned: number | null }
>;

export type DemoUser = Conforms<ReturnType<typeof buildUser>, Schemas["UserResponse"]>;
export type DemoSettings = Conforms<ReturnType<typeof buildSettings>, Schemas["AthleteSettings"]>;
export type DemoToken = Conforms<ReturnType<typeof buildToken>, Schemas["TokenResponse"]>;

/** A Strength Builder session as the strength calendar answers it (`{ data: [...] }`). */
export type DemoStrengthSession = Complete<Schemas["StrengthWorkout"]>;

export type DemoCalendarNote = Complete<Schemas["CalendarNote"]>;
