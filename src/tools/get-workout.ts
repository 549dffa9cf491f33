import { localDate } from "../core/dates.js";
import { round } from "../core/numbers.js";
import { clock, compact, hoursToSeconds, km, pace, parts, sportName } from "./format.js";
import { summarizeStructure } from "./structure.js";
import { unlessUnreadable } from "./optional-read.js";
import type { HandlerOutput, ToolHandler } from "./types.js";
import { workoutStatus } from "./workout-status.js";

type Detail = HandlerOutput<"tp_get_workout">;

const num = (value: number | null | undefined, digits = 0) => (typeof value === "number" ? round(value, digits) : undefined);

function paceFor(sport: string, speed: number | null | undefined): string | undefined {
  if (typeof speed !== "number" || speed <= 0) return undefined;
  if (sport === "Swim") return `${pace(speed, 100)}/100m`;
  if (sport === "Run" || sport === "Walk") return `${pace(speed)}/km`;
  return undefined;
}

/** The cadence fields of a sport: pedal revolutions, steps or strokes a minute. */
function cadenceFields(sport: string, average: number | undefined, maximum: number | undefined) {
  if (sport === "Run" || sport === "Walk") return { avg_cadence_strides_per_min: average, max_cadence_strides_per_min: maximum };
  if (sport === "Swim") return { avg_stroke_rate_per_min: average, max_stroke_rate_per_min: maximum };
  return { avg_cadence_rpm: average, max_cadence_rpm: maximum };
}

function cadenceText(d: Detail): string | undefined {
  if (d.avg_cadence_strides_per_min !== undefined) return `cadence ${d.avg_cadence_strides_per_min} strides/min (${d.avg_cadence_strides_per_min * 2} steps/min)`;
  if (d.avg_stroke_rate_per_min !== undefined) return `stroke rate ${d.avg_stroke_rate_per_min}/min`;
  if (d.avg_cadence_rpm !== undefined) return `cadence ${d.avg_cadence_rpm} rpm`;
  return undefined;
}

function render(d: Detail): string {
  const lines = [
    `${d.date} #${d.workout_id} ${d.sport} "${d.title ?? "untitled"}" (${d.status})`,
    parts(
      d.duration_s !== undefined && `duration ${clock(d.duration_s)}`,
      d.planned_duration_s !== undefined && `planned ${clock(d.planned_duration_s)}`,
      d.distance_m !== undefined && `distance ${km(d.distance_m)}`,
      d.tss !== undefined && `TSS ${d.tss}`,
      d.planned_tss !== undefined && `planned TSS ${d.planned_tss}`,
      d.if !== undefined && `IF ${d.if}`,
    ),
    parts(
      d.np_w !== undefined && `NP ${d.np_w} W`,
      d.avg_power_w !== undefined && `avg ${d.avg_power_w} W`,
      d.max_power_w !== undefined && `max ${d.max_power_w} W`,
      d.avg_hr_bpm !== undefined && `HR avg ${d.avg_hr_bpm}/max ${d.max_hr_bpm ?? "?"} bpm`,
      cadenceText(d),
      d.avg_speed_mps !== undefined && `speed ${round(d.avg_speed_mps * 3.6, 1)} km/h`,
      d.avg_pace !== undefined && `pace ${d.avg_pace}`,
      d.elevation_gain_m !== undefined && `+${d.elevation_gain_m} m`,
      d.calories_kcal !== undefined && `${d.calories_kcal} kcal`,
      d.energy_kj !== undefined && `${d.energy_kj} kJ`,
      d.feeling !== undefined && `feeling ${d.feeling}/10`,
      d.rpe !== undefined && `RPE ${d.rpe}/10`,
      d.temperature_avg_c !== undefined && `${d.temperature_avg_c} °C`,
    ),
    parts(
      d.personal_record_count !== undefined && d.personal_record_count > 0 && `${d.personal_record_count} record rank${d.personal_record_count === 1 ? "" : "s"} set (All Time, Year…; tp_get_workout_prs lists the efforts)`,
      d.tags !== undefined && d.tags.length > 0 && `tags: ${d.tags.join(", ")}`,
    ),
    d.description && `Description: ${d.description}`,
    d.coach_comments && `Coach: ${d.coach_comments}`,
    ...(d.comments ?? []).map((c) => `Comment by ${c.author ?? "someone"}${c.date ? ` (${c.date})` : ""}: ${c.text}`),
    d.structure && `Structure: ${d.structure.blocks.join("; ")}`,
    d.device_files?.length && `Files: ${d.device_files.map((f) => f.file_name ?? f.file_id).join(", ")}`,
  ];
  return lines.filter(Boolean).join("\n");
}

export const getWorkout: ToolHandler<"tp_get_workout"> = async (input, { client, signal, today }) => {
  const [workout, details, now] = await Promise.all([
    client.getWorkout(input.workout_id, { signal }),
    // The files are a nice-to-have: a workout without them must still be answered.
    unlessUnreadable(client.getWorkoutDetails(input.workout_id, { signal })),
    today(),
  ]);
  const sport = sportName(workout.workoutTypeValueId);
  const structured: Detail = {
    workout_id: workout.workoutId,
    date: localDate(workout.workoutDay) ?? workout.workoutDay,
    sport,
    status: workoutStatus(workout, now),
    ...compact({
      title: workout.title,
      start_time: workout.startTime ? workout.startTime.replace(/Z$/, "").slice(0, 19) : undefined,
      description: workout.description?.trim(),
      coach_comments: workout.coachComments?.trim(),
      tags: workout.userTags ? workout.userTags.split(",").map((t) => t.trim()).filter(Boolean) : undefined,
      duration_s: hoursToSeconds(workout.totalTime),
      planned_duration_s: hoursToSeconds(workout.totalTimePlanned),
      distance_m: num(workout.distance),
      planned_distance_m: num(workout.distancePlanned),
      tss: num(workout.tssActual, 1),
      planned_tss: num(workout.tssPlanned, 1),
      if: num(workout.if, 2),
      planned_if: num(workout.ifPlanned, 2),
      np_w: num(workout.normalizedPowerActual),
      avg_power_w: num(workout.powerAverage),
      max_power_w: num(workout.powerMaximum),
      avg_hr_bpm: num(workout.heartRateAverage),
      max_hr_bpm: num(workout.heartRateMaximum),
      min_hr_bpm: num(workout.heartRateMinimum),
      ...cadenceFields(sport, num(workout.cadenceAverage), num(workout.cadenceMaximum)),
      avg_speed_mps: num(workout.velocityAverage, 2),
      max_speed_mps: num(workout.velocityMaximum, 2),
      avg_pace: paceFor(sport, workout.velocityAverage),
      elevation_gain_m: num(workout.elevationGain),
      elevation_loss_m: num(workout.elevationLoss),
      calories_kcal: num(workout.calories),
      energy_kj: num(workout.energy),
      temperature_avg_c: num(workout.tempAvg, 1),
      feeling: num(workout.feeling),
      rpe: num(workout.rpe),
      personal_record_count: workout.personalRecordCount ?? undefined,
      compliance_duration_pct: num(workout.complianceDurationPercent),
      compliance_tss_pct: num(workout.complianceTssPercent),
      comments: workout.workoutComments?.length
        ? workout.workoutComments.map((c) => ({
            ...compact({ author: c.commenterName ?? [c.firstName, c.lastName].filter(Boolean).join(" "), date: c.dateCreated }),
            is_coach: c.isCoach === true,
            text: c.comment ?? "",
          }))
        : undefined,
      device_files: details?.workoutDeviceFileInfos?.length
        ? details.workoutDeviceFileInfos.map((f) => ({ file_id: f.fileId, ...compact({ file_name: f.fileName, uploaded: f.dateUploaded }) }))
        : undefined,
      structure: summarizeStructure(workout.structure),
    }),
  };
  return { structured, text: render(structured) };
};
