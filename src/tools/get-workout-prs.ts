import type { PersonalRecord } from "../client/normalize.js";
import { isCompleted } from "../client/normalize.js";
import { localDate } from "../core/dates.js";
import { round } from "../core/numbers.js";
import { compact, sportName } from "./format.js";
import { describeValue, metricOf, speedFigures, usableRecords, type RecordMetric } from "./records.js";
import type { HandlerOutput, ToolHandler } from "./types.js";

type Output = HandlerOutput<"tp_get_workout_prs">;
type Effort = Output["power"][number];
type Usable = PersonalRecord & { value: number; type: string };

/** TrainingPeaks lists an effort once per time frame it ranks in; the answer lists it once, with its ranks. */
function efforts(records: readonly Usable[]): Array<{ record: Usable; effort: Effort }> {
  const byKey = new Map<string, { record: Usable; effort: Effort }>();
  for (const record of records) {
    const key = `${record.type}|${record.value}`;
    const rank = compact({ rank: record.rank, time_frame: record.timeFrame });
    const known = byKey.get(key);
    if (known) {
      known.effort.ranks.push(rank);
      continue;
    }
    const speed = metricOf(record.type) === "speed" ? speedFigures(record.type, record.value) : undefined;
    byKey.set(key, {
      record,
      effort: {
        type: record.type,
        ranks: [rank],
        value: speed ? speed.speed_mps : round(record.value, 0),
        ...compact({ time_s: speed?.time_s, pace: speed?.pace }),
      },
    });
  }
  return [...byKey.values()];
}

const ranksText = (effort: Effort) => effort.ranks.map((r) => `#${r.rank ?? "?"} ${r.time_frame ?? "?"}`).join(", ");

/** TrainingPeaks counts a rank in each time frame (tp_get_workout's personal_record_count); an effort ranked All Time and Year is one record of two ranks. */
const rankCount = (listed: ReadonlyArray<{ effort: Effort }>) => listed.reduce((sum, { effort }) => sum + effort.ranks.length, 0);

export const getWorkoutPrs: ToolHandler<"tp_get_workout_prs"> = async (input, { client, signal }) => {
  const [result, workout] = await Promise.all([client.getWorkoutRecords(input.workout_id, { signal }), client.getWorkout(input.workout_id, { signal })]);
  const done = isCompleted(workout);
  const listed = done ? efforts(usableRecords(result.personalRecords).filter((r): r is Usable => r.type !== null)) : [];
  const groups: { [M in RecordMetric]: Effort[] } = { power: [], heart_rate: [], speed: [] };
  for (const { record, effort } of listed) groups[metricOf(record.type)].push(effort);
  const status: Output["status"] = !done ? "not_done" : result.calcsPending ? "calculating" : "ready";
  const sport = sportName(workout.workoutTypeValueId);
  const date = localDate(workout.workoutDay) ?? undefined;
  const name = `${sport} "${workout.title ?? "untitled"}"${date ? ` on ${date}` : ""} (#${input.workout_id})`;
  const lines =
    status === "not_done"
      ? [`${name} is planned, not done yet: it has no records.`]
      : status === "calculating"
        ? [`TrainingPeaks is still calculating the records of ${name}; ask again in a few minutes.`]
        : [
            `${name} set ${listed.length} record${listed.length === 1 ? "" : "s"}${rankCount(listed) > listed.length ? ` (${rankCount(listed)} ranks across time frames)` : ""}.`,
            ...listed.map(({ record, effort }) => `${record.type}: ${describeValue(record.type, record.value)}, ${ranksText(effort)}`),
          ];
  return {
    structured: {
      workout_id: result.workoutId,
      ...compact({ date, sport, title: workout.title }),
      status,
      record_count: status === "ready" ? listed.length : 0,
      ...groups,
    },
    text: lines.join("\n"),
  };
};
