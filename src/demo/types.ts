/**
 * The raw TrainingPeaks JSON the demo serves (camelCase, the API's own units). These types
 * describe the demo's output only; the client's types come from the OpenAPI spec.
 */

export type SportId = 1 | 2 | 3 | 7 | 9;

export interface WorkoutComment {
  id: number;
  workoutId: number;
  comment: string;
  commenterName: string;
  commenterPersonId: number;
  dateCreated: string;
  firstName: string;
  lastName: string;
  isCoach: boolean;
}

export type IntensityClass = "warmUp" | "active" | "rest" | "coolDown";

export interface StructureStep {
  name: string;
  length: { value: number; unit: "second" };
  targets: Array<{ minValue: number; maxValue: number }>;
  intensityClass: IntensityClass;
}

export interface StructureBlock {
  type: "step" | "repetition";
  length: { value: number; unit: "repetition" };
  steps: StructureStep[];
  /** Seconds from the start of the workout. */
  begin: number;
  end: number;
}

export interface WorkoutStructure {
  structure: StructureBlock[];
  primaryLengthMetric: "duration";
  primaryIntensityMetric: "percentOfFtp" | "percentOfThresholdPace";
}

/** A workout as `GET /fitness/v6/athletes/{id}/workouts/…` returns it. */
export interface DemoWorkout {
  workoutId: number;
  athleteId: number;
  title: string | null;
  workoutTypeValueId: SportId;
  code: null;
  workoutDay: string;
  startTime: string | null;
  startTimePlanned: string | null;
  isItAnOr: false;
  isHidden: null;
  completed: null;
  description: string | null;
  userTags: string | null;
  coachComments: string | null;
  workoutComments: WorkoutComment[];
  newComment: null;
  /** Metres. */
  distance: number | null;
  distancePlanned: number | null;
  /** Hours. */
  totalTime: number | null;
  totalTimePlanned: number | null;
  heartRateMinimum: number | null;
  heartRateMaximum: number | null;
  heartRateAverage: number | null;
  calories: number | null;
  caloriesPlanned: number | null;
  tssActual: number | null;
  tssPlanned: number | null;
  tssSource: number;
  if: number | null;
  ifPlanned: number | null;
  /** Metres per second. */
  velocityAverage: number | null;
  velocityMaximum: number | null;
  velocityPlanned: number | null;
  normalizedSpeedActual: number | null;
  /** Watts. */
  normalizedPowerActual: number | null;
  powerAverage: number | null;
  powerMaximum: number | null;
  /** Kilojoules. */
  energy: number | null;
  energyPlanned: number | null;
  elevationGain: number | null;
  elevationGainPlanned: number | null;
  elevationLoss: number | null;
  elevationMinimum: number | null;
  elevationAverage: number | null;
  elevationMaximum: number | null;
  tempMin: number | null;
  tempAvg: number | null;
  tempMax: number | null;
  cadenceAverage: number | null;
  cadenceMaximum: number | null;
  feeling: number | null;
  rpe: number | null;
  personalRecordCount: number;
  structure: WorkoutStructure | null;
  lastModifiedDate: string;
  isLocked: null;
  orderOnDay: number;
  complianceDurationPercent: number | null;
  complianceDistancePercent: number | null;
  complianceTssPercent: number | null;
  equipmentBikeId: null;
  equipmentShoeId: null;
}

export interface LapStats {
  name: string;
  /** Milliseconds from the start of the recording. */
  begin: number;
  end: number;
  /** Milliseconds. */
  elapsedTime: number;
  stoppedTime: number;
  distance: number;
  averageHeartRate: number;
  maximumHeartRate: number;
  averagePower: number | null;
  maximumPower: number | null;
  normalizedPowerActual: number | null;
  averageCadence: number | null;
  averageSpeed: number | null;
  elevationGain: number | null;
  trainingStressScoreActual: number;
  intensityFactorActual: number;
  calories: number;
}

export interface PersonalRecord {
  id: number;
  athleteId: number;
  workoutId: number;
  workoutDate: string;
  workoutTypeId: number;
  workoutTitle: string | null;
  class: "Power" | "HeartRate" | "Speed";
  type: string;
  timeFrame: { name: "All Time" | "Year" };
  value: number;
  invalid: false;
  rank: number;
  eventName: null;
}

export interface DemoEvent {
  id: number;
  name: string;
  eventDate: string;
  eventType: "Triathlon" | "RoadRunning";
  atpPriority: "A" | "B" | "C";
  ctlTarget: number | null;
  description: string;
  distance: number | null;
  distanceUnits: "km" | null;
  isHidden: false;
  isLocked: false;
  personId: number;
}

export interface AtpWeek {
  week: string;
  atpType: "TSS";
  volume: number;
  period: string;
  raceName: string | null;
  racePriority: "A" | "B" | "C" | null;
  weeksToNextPriorityEvent: number | null;
}

export interface TimedMetricDetail {
  type: number;
  label: string;
  value: number;
  time: string;
  uploadClient: "Garmin Connect";
}

export interface TimedMetric {
  id: string;
  athleteId: number;
  timeStamp: string;
  details: TimedMetricDetail[];
}

export interface PerformanceRow {
  workoutDay: string;
  tssActual: number;
  tssPlanned: number;
  ctl: number;
  atl: number;
  tsb: number;
  ifActual: number | null;
  ifPlanned: number | null;
}
