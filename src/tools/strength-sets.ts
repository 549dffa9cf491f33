/**
 * Reading the Strength Builder's sets: every value is a string in the unit its parameter's name
 * carries (WeightPerSideLb, TimeSeconds, …), so the name says both what it is and how to convert it.
 */
import type { components } from "../generated/api.js";
import type { HandlerOutput } from "./types.js";
import { round } from "../core/numbers.js";
import { compact } from "./format.js";

type Schemas = components["schemas"];
type Prescription = NonNullable<NonNullable<NonNullable<Schemas["StrengthWorkout"]["blocks"]>[number]["prescriptions"]>[number]>;
type StrengthSet = NonNullable<Prescription["sets"]>[number];
export type Exercise = HandlerOutput<"tp_get_strength_workouts">["sessions"][number]["exercises"][number];
type ExerciseSet = Exercise["sets"][number];

const KG_PER_LB = 0.45359237;
const M_PER = { meters: 1, m: 1, kilometers: 1000, km: 1000, miles: 1609.344, mi: 1609.344, yards: 0.9144, yd: 0.9144, feet: 0.3048, ft: 0.3048 } as const;

type Quantity = "reps" | "load_kg" | "duration_s" | "distance_m";

interface Reading {
  quantity: Quantity;
  perSide: boolean;
  /** From the parameter's unit to the answer's. */
  factor: number;
}

/** What a parameter's name measures; undefined for the ones the answer does not carry (RPE, notes, …). */
export function readParameter(name: string | null | undefined): Reading | undefined {
  const match = /^(Reps|Weight|Time|Duration|Distance)(PerSide)?(.*)$/i.exec(name ?? "");
  if (!match) return undefined;
  const [, what, side, unitText] = match;
  const perSide = side !== undefined;
  const unit = unitText!.toLowerCase();
  switch (what!.toLowerCase()) {
    case "reps":
      return unit === "" ? { quantity: "reps", perSide, factor: 1 } : undefined;
    case "weight":
      if (unit === "kg" || unit === "kilograms") return { quantity: "load_kg", perSide, factor: 1 };
      if (unit === "lb" || unit === "lbs" || unit === "pounds") return { quantity: "load_kg", perSide, factor: KG_PER_LB };
      return undefined;
    case "distance":
      return unit in M_PER ? { quantity: "distance_m", perSide, factor: M_PER[unit as keyof typeof M_PER] } : undefined;
    default:
      if (unit === "seconds" || unit === "") return { quantity: "duration_s", perSide, factor: 1 };
      if (unit === "minutes") return { quantity: "duration_s", perSide, factor: 60 };
      return undefined;
  }
}

function valueOf(text: string | null | undefined, factor: number): number | undefined {
  if (text === null || text === undefined || text.trim() === "") return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? round(value * factor, factor === 1 ? 2 : 1) : undefined;
}

function setOf(set: StrengthSet): ExerciseSet {
  const done: Partial<Record<Quantity, number>> = {};
  const planned: Partial<Record<Quantity, number>> = {};
  for (const value of set.parameterValues ?? []) {
    const reading = readParameter(value.parameter);
    if (!reading) continue;
    done[reading.quantity] ??= valueOf(value.executedValue, reading.factor);
    planned[reading.quantity] ??= valueOf(value.prescribedValue, reading.factor);
  }
  return {
    done: set.isComplete === true,
    ...compact({ ...done, planned_reps: planned.reps, planned_load_kg: planned.load_kg, planned_duration_s: planned.duration_s, planned_distance_m: planned.distance_m }),
  };
}

export function exerciseOf(prescription: Prescription, block: string | null | undefined): Exercise {
  const names = (prescription.sets ?? []).flatMap((set) => (set.parameterValues ?? []).map((value) => value.parameter));
  const perSide = (quantity: Quantity) => names.some((name) => readParameter(name)?.quantity === quantity && readParameter(name)?.perSide);
  return {
    name: prescription.exercise?.title?.trim() || "Exercise",
    ...compact({ block: block?.trim(), coach_notes: prescription.coachNotes?.trim() }),
    ...(perSide("reps") ? { reps_per_side: true } : {}),
    ...(perSide("load_kg") ? { load_per_side: true } : {}),
    sets: (prescription.sets ?? []).map(setOf),
  };
}

/** "8 × 62.5 kg (planned 8 × 60 kg)", "12 reps", or "45 s" for a hold. */
export function setText(set: ExerciseSet, exercise: Exercise): string {
  const side = (flag: boolean | undefined) => (flag ? "/side" : "");
  const describe = (reps?: number, load?: number, seconds?: number, metres?: number) =>
    [
      // Reps alone ("12 reps"), or as the count of a load or a hold ("8 × 60 kg").
      reps !== undefined && `${reps}${load === undefined && seconds === undefined && metres === undefined ? " reps" : ""}${side(exercise.reps_per_side)}`,
      load !== undefined && `${load} kg${side(exercise.load_per_side)}`,
      seconds !== undefined && `${seconds} s`,
      metres !== undefined && `${metres} m`,
    ]
      .filter(Boolean)
      .join(" × ");
  const done = describe(set.reps, set.load_kg, set.duration_s, set.distance_m);
  const planned = describe(set.planned_reps, set.planned_load_kg, set.planned_duration_s, set.planned_distance_m);
  if (!set.done) return planned ? `not done (planned ${planned})` : "not done";
  if (!done || done === planned) return planned || "done";
  return planned ? `${done} (planned ${planned})` : done;
}
