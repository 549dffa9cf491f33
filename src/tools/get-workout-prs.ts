import type { PersonalRecord } from "../client/normalize.js";
import type { ToolOutput } from "../generated/tools.js";
import { round } from "../core/numbers.js";
import { compact } from "./format.js";
import { describeValue, metricOf, speedFigures, usableRecords, type RecordMetric } from "./records.js";
import type { ToolHandler } from "./types.js";

type Record = ToolOutput<"tp_get_workout_prs">["power"][number];

function toolRecord(record: PersonalRecord & { value: number; type: string }): Record {
  const speed = metricOf(record.type) === "speed" ? speedFigures(record.type, record.value) : undefined;
  return {
    type: record.type,
    rank: record.rank,
    time_frame: record.timeFrame,
    value: speed ? speed.speed_mps : round(record.value, 0),
    ...compact({ time_s: speed?.time_s, pace: speed?.pace }),
  };
}

export const getWorkoutPrs: ToolHandler<"tp_get_workout_prs"> = async (input, { client, signal }) => {
  const result = await client.getWorkoutRecords(input.workout_id, { signal });
  const groups: { [M in RecordMetric]: Record[] } = { power: [], heart_rate: [], speed: [] };
  const records = usableRecords(result.personalRecords).filter((r): r is typeof r & { type: string } => r.type !== null);
  for (const record of records) groups[metricOf(record.type)].push(toolRecord(record));
  const status = result.calcsPending ? "calculating" : "ready";
  const lines =
    status === "calculating"
      ? [`TrainingPeaks is still calculating the records of workout ${input.workout_id}; ask again in a few minutes.`]
      : [
          `Workout ${input.workout_id} set ${records.length} record${records.length === 1 ? "" : "s"}.`,
          ...records.map((r) => `${r.type}: ${describeValue(r.type, r.value)}, rank ${r.rank ?? "?"} (${r.timeFrame ?? "?"})`),
        ];
  return {
    structured: {
      workout_id: result.workoutId,
      status,
      record_count: status === "calculating" ? 0 : records.length,
      ...groups,
    },
    text: lines.join("\n"),
  };
};
