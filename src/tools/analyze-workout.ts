import { isTpError } from "../client/errors.js";
import { round } from "../core/numbers.js";
import { readLaps, type Lap } from "./analysis-laps.js";
import { decouplingOf, downsample, effortOf, efficiencyFactor, type Series } from "./analysis-metrics.js";
import { movingSeconds, readRecording } from "./analysis-samples.js";
import { zoneTimes, type ZoneTimes } from "./analysis-zones.js";
import { clock, compact, hoursToSeconds, km, parts, sportName } from "./format.js";
import { unlessUnreadable } from "./optional-read.js";
import type { HandlerOutput, ToolHandler } from "./types.js";
import { workoutDate } from "./workout-status.js";

type Output = HandlerOutput<"tp_analyze_workout">;

/** Enough for any structured session; a track or pool session of hundreds stays within the answer's budget. */
const MAX_LAPS = 50;

/** The analysis service answers 404 for a workout without a device file: an answer, not a failure. */
const unlessNoFile = <T>(promise: Promise<T>): Promise<T | undefined> =>
  promise.catch((error: unknown) => {
    if (isTpError(error) && error.code === "not_found") return undefined;
    throw error;
  });

const ZONE_NAMES = { power: "Power", heart_rate: "Heart rate", speed: "Speed" } as const;

function lapLine(lap: Lap): string {
  return `  ${parts(
    lap.name,
    lap.duration_s !== undefined && clock(lap.duration_s),
    lap.distance_m !== undefined && km(lap.distance_m),
    lap.avg_power_w !== undefined && `${lap.avg_power_w} W (max ${lap.max_power_w ?? "?"})`,
    lap.avg_hr_bpm !== undefined && `HR ${lap.avg_hr_bpm} (max ${lap.max_hr_bpm ?? "?"})`,
    lap.avg_pace ? `pace ${lap.avg_pace}` : lap.avg_speed_mps !== undefined && `${round(lap.avg_speed_mps * 3.6, 1)} km/h`,
    lap.intensity,
  )}`;
}

function zoneLine(name: keyof typeof ZONE_NAMES, times: ZoneTimes): string {
  const zones = times.zones.filter((z) => z.seconds > 0).map((z) => `${z.label} ${clock(z.seconds)} (${z.pct}%)`);
  return `${ZONE_NAMES[name]} zones (${times.source === "settings" ? "the athlete's settings" : "from the recording"}): ${zones.join(", ")}`;
}

function seriesLines(series: Series): string[] {
  const columns = (["power_w", "hr_bpm", "cadence", "speed_mps"] as const).filter((c) => series[c]);
  return [
    `Series every ${series.interval_s} s (${series.time_s.length} points): time_s,${columns.join(",")}`,
    ...series.time_s.map((t, i) => [t, ...columns.map((c) => series[c]![i])].join(",")),
  ];
}

function render(answer: Output): string {
  const head = `${answer.date ?? ""} #${answer.workout_id} ${answer.sport ?? ""} "${answer.title ?? "untitled"}"`.trim();
  if (answer.status === "nothing_to_analyse") return `${head}: nothing to analyse. ${answer.note ?? ""}`.trim();
  const lines = [`${head}: analysis${answer.moving_time_s !== undefined ? ` of ${clock(answer.moving_time_s)} moving` : ""}.`];
  if (answer.note) lines.push(answer.note);
  if (answer.laps?.length) lines.push(`${answer.laps.length} laps:`, ...answer.laps.map(lapLine));
  for (const name of ["power", "heart_rate", "speed"] as const) {
    const times = answer.zones?.[name];
    if (times) lines.push(zoneLine(name, times));
  }
  if (answer.decoupling) lines.push(`Decoupling (${answer.decoupling.kind}): ${answer.decoupling.pct}%`);
  else if (answer.decoupling_skipped) lines.push(`No decoupling: ${answer.decoupling_skipped}.`);
  if (answer.efficiency_factor !== undefined) lines.push(`Efficiency factor: ${answer.efficiency_factor}`);
  if (answer.series) lines.push(...seriesLines(answer.series));
  return lines.join("\n");
}

export const analyzeWorkout: ToolHandler<"tp_analyze_workout"> = async (input, { client, signal }) => {
  const id = input.workout_id;
  const [workout, charts, lapAnswer, settings] = await Promise.all([
    client.getWorkout(id, { signal }),
    unlessNoFile(client.analyzeWorkoutCharts(id, { signal })),
    unlessNoFile(client.analyzeWorkoutLaps(id, { signal })),
    // Zones are a nice-to-have: without the settings the recording's own zones serve.
    unlessUnreadable(client.getSettings({ signal })),
  ]);
  const sport = sportName(workout.workoutTypeValueId);
  const about = { workout_id: id, ...compact({ date: workoutDate(workout), sport, title: workout.title }) };
  const recording = charts && readRecording(charts);
  const laps = lapAnswer ? readLaps(lapAnswer, sport, hoursToSeconds(workout.totalTime)) : [];
  if (!recording && laps.length === 0) {
    const structured: Output = {
      ...about,
      status: "nothing_to_analyse",
      note: "TrainingPeaks has no device file for this workout (planned, or entered by hand), so there are no laps, zones or samples.",
    };
    return { structured, text: render(structured) };
  }

  const structured: Output = { ...about, status: "analysed" };
  if (laps.length > 0) structured.laps = laps.slice(0, MAX_LAPS);
  const notes = laps.length > MAX_LAPS ? [`The first ${MAX_LAPS} of ${laps.length} laps.`] : [];
  if (recording && charts) {
    const moving = movingSeconds(recording);
    const effort = effortOf(workout.workoutTypeValueId, recording);
    const found = decouplingOf({ recording, effort, movingSeconds: moving, intensityFactor: workout.if ?? undefined });
    const zones = zoneTimes(recording, charts, settings, workout.workoutTypeValueId);
    Object.assign(
      structured,
      compact({
        moving_time_s: Math.round(moving),
        zones: Object.keys(zones).length > 0 ? zones : undefined,
        efficiency_factor: efficiencyFactor(recording, effort),
      }),
      "decoupling" in found ? { decoupling: found.decoupling } : { decoupling_skipped: found.skipped },
    );
    if (input.include_series) structured.series = downsample(recording, input.resolution_s);
  } else {
    notes.push("The recording's samples are not available: laps only.");
  }
  if (notes.length > 0) structured.note = notes.join(" ");
  return { structured, text: render(structured) };
};
