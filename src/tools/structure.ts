import { round } from "../core/numbers.js";
import type { components } from "../generated/api.js";
import { clock } from "./format.js";

type Structure = components["schemas"]["WorkoutStructure"];
type Step = components["schemas"]["StructureStep"];

const INTENSITY_UNITS: Record<string, string> = {
  percentOfFtp: "% FTP",
  percentOfThresholdHr: "% threshold HR",
  percentOfThresholdPace: "% threshold pace",
  percentOfMaxHr: "% max HR",
};

function length(step: Step): string {
  const value = step.length?.value;
  if (typeof value !== "number") return "open";
  switch (step.length?.unit) {
    case "second":
      return value % 60 === 0 && value >= 60 ? `${value / 60} min` : value < 60 ? `${value} s` : clock(value);
    case "meter":
      return value >= 1000 ? `${round(value / 1000, 2)} km` : `${value} m`;
    default:
      return `${value} ${step.length?.unit ?? ""}`.trim();
  }
}

function target(step: Step, unit: string): string {
  const first = step.targets?.[0];
  const min = first?.minValue;
  const max = first?.maxValue;
  if (typeof min !== "number") return "";
  return typeof max === "number" && max !== min ? ` @ ${min}–${max}${unit}` : ` @ ${min}${unit}`;
}

function stepText(step: Step, unit: string): string {
  return `${step.name ?? step.intensityClass ?? "step"} ${length(step)}${target(step, unit)}`;
}

/**
 * One line per block: "Warm up 15 min @ 50–65% FTP", "3× [Threshold 20 min @ 95–100% FTP, Easy 5 min @ 50–60% FTP]".
 * The raw structure runs to kilobytes; this is what a coach would read out.
 */
export function summarizeStructure(structure: Structure | null | undefined) {
  const blocks = structure?.structure ?? [];
  if (blocks.length === 0) return undefined;
  const metric = structure?.primaryIntensityMetric ?? null;
  const unit = metric ? (INTENSITY_UNITS[metric] ?? "") : "";
  const lines = blocks.map((block) => {
    const steps = (block.steps ?? []).map((step) => stepText(step, unit));
    const repeat = block.type === "repetition" && typeof block.length?.value === "number" ? block.length.value : 1;
    const body = steps.length === 1 ? steps[0] : `[${steps.join(", ")}]`;
    const ramp = block.type === "rampUp" || block.type === "rampDown" ? ` (${block.type === "rampUp" ? "ramp up" : "ramp down"})` : "";
    return `${repeat > 1 ? `${repeat}× ` : ""}${body}${ramp}`;
  });
  const last = blocks[blocks.length - 1]?.end;
  const durationBased = (structure?.primaryLengthMetric ?? "duration") === "duration";
  return {
    ...(metric ? { intensity_metric: metric } : {}),
    ...(durationBased && typeof last === "number" ? { total_s: Math.round(last) } : {}),
    blocks: lines,
  };
}
