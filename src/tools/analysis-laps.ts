/**
 * The laps of the analysis service's `laps` answer in the tools' units. Its columns carry their
 * units in `columnMetadata`; where a unit is missing, times are seconds (h:mm:ss strings too),
 * distances metres and speeds m/s, as the peers' notes assume.
 */
import type { components } from "../generated/api.js";
import type { HandlerOutput } from "./types.js";
import { round } from "../core/numbers.js";
import { speedInMps } from "./analysis-samples.js";
import { compact, pace } from "./format.js";

type Schemas = components["schemas"];
type LapRow = Schemas["AnalysisLap"];
export type Lap = NonNullable<HandlerOutput<"tp_analyze_workout">["laps"]>[number];

/** A number, a numeric string, or h:mm:ss / mm:ss as seconds. */
function numberOf(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string" || value.trim() === "") return undefined;
  const text = value.trim();
  if (/^\d+(:\d{1,2}){1,2}(\.\d+)?$/.test(text)) return text.split(":").reduce((total, part) => total * 60 + Number(part), 0);
  const parsed = Number(text);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** Each column's unit, whichever of the two shapes `columnMetadata` came in. */
function unitsOf(metadata: Schemas["AnalysisLaps"]["columnMetadata"]): Map<string, string> {
  const units = new Map<string, string>();
  const entries = Array.isArray(metadata)
    ? metadata.map((column) => [column?.identifier ?? column?.field ?? "", column] as const)
    : Object.entries(metadata ?? {});
  for (const [key, column] of entries) if (key && column?.unit) units.set(key, column.unit.toLowerCase());
  return units;
}

function distanceInMetres(value: number, unit: string | undefined): number {
  if (unit === "km") return value * 1000;
  if (unit === "mi" || unit === "miles") return value * 1609.344;
  return value;
}

function cadenceField(sport: string, cadence: number | undefined): Partial<Lap> {
  if (cadence === undefined) return {};
  if (sport === "Run" || sport === "Walk") return { avg_cadence_strides_per_min: cadence };
  if (sport === "Swim") return { avg_stroke_rate_per_min: cadence };
  return { avg_cadence_rpm: cadence };
}

function paceOf(sport: string, speed: number | undefined): string | undefined {
  if (speed === undefined || speed <= 0) return undefined;
  if (sport === "Run" || sport === "Walk") return `${pace(speed)}/km`;
  if (sport === "Swim") return `${pace(speed, 100)}/100m`;
  return undefined;
}

/**
 * The laps, in the order sent. `workoutSeconds` (the workout's duration, where known) tells
 * seconds from milliseconds when the columns do not say: laps cannot add up to 50 times the workout.
 */
export function readLaps(answer: Schemas["AnalysisLaps"], sport: string, workoutSeconds: number | undefined): Lap[] {
  const rows = (answer.data ?? []).filter((row): row is LapRow => row !== null && typeof row === "object");
  const units = unitsOf(answer.columnMetadata);
  const elapsedSum = rows.reduce((sum, row) => sum + (numberOf(row.TotalElapsedTime) ?? 0), 0);
  const inMilliseconds = (key: string) =>
    units.get(key) === "ms" || (!units.has(key) && workoutSeconds !== undefined && workoutSeconds > 0 && elapsedSum > 50 * workoutSeconds);
  const seconds = (row: LapRow, key: keyof LapRow & string) => {
    const v = numberOf(row[key]);
    // startOffsetSeconds says its unit in its name.
    return v === undefined ? undefined : key !== "startOffsetSeconds" && inMilliseconds(key) && typeof row[key] === "number" ? v / 1000 : v;
  };
  const number = (row: LapRow, key: keyof LapRow & string, digits = 0) => {
    const v = numberOf(row[key]);
    return v === undefined ? undefined : round(v, digits);
  };

  let clock = 0;
  return rows.map((row, i) => {
    const elapsed = seconds(row, "TotalElapsedTime");
    const duration = seconds(row, "TotalMovingTime") ?? seconds(row, "TotalTimerTime") ?? elapsed;
    const start = seconds(row, "startOffsetSeconds") ?? clock;
    clock = start + (elapsed ?? duration ?? 0);
    const distance = numberOf(row.TotalDistance);
    const rawSpeed = numberOf(row.AverageSpeed);
    const speed =
      rawSpeed !== undefined
        ? speedInMps(rawSpeed, units.get("AverageSpeed"))
        : distance !== undefined && duration
          ? distanceInMetres(distance, units.get("TotalDistance")) / duration
          : undefined;
    const lap: Lap = {
      name: row.Name ?? `Lap ${i + 1}`,
      ...compact({
        start_s: Math.round(start),
        duration_s: duration === undefined ? undefined : Math.round(duration),
        elapsed_s: elapsed !== undefined && duration !== undefined && Math.round(elapsed) !== Math.round(duration) ? Math.round(elapsed) : undefined,
        distance_m: distance === undefined ? undefined : Math.round(distanceInMetres(distance, units.get("TotalDistance"))),
        avg_power_w: number(row, "AveragePower"),
        max_power_w: number(row, "MaximumPower"),
        np_w: number(row, "NormalizedPower"),
        avg_hr_bpm: number(row, "AverageHeartRate"),
        max_hr_bpm: number(row, "MaximumHeartRate"),
      }),
      ...cadenceField(sport, number(row, "AverageCadence")),
      ...compact({
        avg_speed_mps: speed === undefined ? undefined : round(speed, 2),
        avg_pace: paceOf(sport, speed),
        intensity: row.Intensity ?? undefined,
      }),
    };
    return lap;
  });
}
