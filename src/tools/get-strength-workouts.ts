import type { components } from "../generated/api.js";
import { byCodeUnit } from "../core/compare.js";
import { localDate } from "../core/dates.js";
import { round } from "../core/numbers.js";
import { clock, compact, parts } from "./format.js";
import { exerciseOf, setText } from "./strength-sets.js";
import type { HandlerOutput, ToolHandler } from "./types.js";

type StrengthWorkout = components["schemas"]["StrengthWorkout"];
type Output = HandlerOutput<"tp_get_strength_workouts">;
type Session = Output["sessions"][number];

/**
 * Started or any set ticked off counts as done, as a workout with actuals does; a past day's
 * session never started is missed; the rest is still planned.
 */
function statusOf(workout: StrengthWorkout, date: string, setsDone: number, today: string): Session["status"] {
  if (workout.completedDateTime || workout.startDateTime || setsDone > 0) return "completed";
  return date < today ? "missed" : "planned";
}

function summariseSession(workout: StrengthWorkout, today: string): Session | undefined {
  const date = localDate(workout.prescribedDate);
  if (!date) return undefined;
  const exercises = (workout.blocks ?? []).flatMap((block) => (block.prescriptions ?? []).map((p) => exerciseOf(p, block.title)));
  const sets = exercises.flatMap((exercise) => exercise.sets);
  const setsTotal = workout.snapshot?.totalSets ?? sets.length;
  const setsDone = workout.snapshot?.completedSets ?? sets.filter((set) => set.done).length;
  const percent = workout.compliancePercent ?? (setsTotal > 0 ? (setsDone / setsTotal) * 100 : undefined);
  return {
    date,
    ...compact({ title: workout.title?.trim() }),
    status: statusOf(workout, date, setsDone, today),
    ...compact({ percent_complete: percent === undefined ? undefined : round(percent, 1) }),
    sets_done: setsDone,
    sets_total: setsTotal,
    ...compact({ duration_s: workout.executedDurationInSeconds, planned_duration_s: workout.prescribedDurationInSeconds, rpe: workout.rpe }),
    exercises,
  };
}

function sessionText(session: Session): string {
  const head = `${session.date} "${session.title ?? "Strength session"}" ${session.status}: ${parts(
    session.percent_complete !== undefined && `${session.percent_complete}% done`,
    `${session.sets_done}/${session.sets_total} sets`,
    session.duration_s !== undefined ? clock(session.duration_s) : session.planned_duration_s !== undefined && `planned ${clock(session.planned_duration_s)}`,
    session.rpe !== undefined && `RPE ${session.rpe}`,
  )}`;
  const exercises = session.exercises.map((e) => `  ${e.name}${e.block ? ` (${e.block})` : ""}: ${e.sets.map((s) => setText(s, e)).join("; ") || "no sets"}`);
  return [head, ...exercises].join("\n");
}

/** Hidden sessions are left out and counted, as hidden calendar notes are. */
export const getStrengthWorkouts: ToolHandler<"tp_get_strength_workouts"> = async (input, { client, today, signal }) => {
  const { start_date: startDate, end_date: endDate } = input;
  const [all, now] = await Promise.all([client.getStrengthWorkouts(startDate, endDate, { signal }), today()]);
  const hiddenCount = all.filter((w) => w.isHidden === true).length;
  const sessions = all
    .filter((w) => w.isHidden !== true)
    .map((w) => [summariseSession(w, now), w.orderOnDay ?? 0] as const)
    .filter((entry): entry is readonly [Session, number] => entry[0] !== undefined)
    .sort(([a, orderA], [b, orderB]) => byCodeUnit(a.date, b.date) || orderA - orderB)
    .map(([session]) => session);
  const count = (status: Session["status"]) => sessions.filter((s) => s.status === status).length;
  const totals = {
    completed_count: count("completed"),
    planned_count: count("planned"),
    missed_count: count("missed"),
    sets_done: sessions.reduce((sum, s) => sum + s.sets_done, 0),
    sets_total: sessions.reduce((sum, s) => sum + s.sets_total, 0),
  };
  const hidden = hiddenCount ? `\n${hiddenCount} hidden session${hiddenCount === 1 ? "" : "s"} left out.` : "";
  const text =
    sessions.length === 0
      ? `No Strength Builder sessions from ${startDate} to ${endDate}.${hidden}`
      : `${sessions.length} strength session${sessions.length === 1 ? "" : "s"} from ${startDate} to ${endDate} (${totals.completed_count} completed, ${totals.planned_count} planned, ${totals.missed_count} missed; ${totals.sets_done}/${totals.sets_total} sets done; loads in kg):\n${sessions.map(sessionText).join("\n")}${hidden}`;
  return { structured: { start_date: startDate, end_date: endDate, count: sessions.length, hidden_count: hiddenCount, totals, sessions }, text };
};
