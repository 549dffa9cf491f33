import { addDays } from "../core/dates.js";
import { round } from "../core/numbers.js";
import { RUN_RECORD_DISTANCE_M } from "../generated/constants.js";
import type { ToolOutput } from "../generated/tools.js";
import { compact } from "./format.js";
import { describeValue, metricOf, speedFigures, usableRecords } from "./records.js";
import type { ToolHandler } from "./types.js";

type Peak = ToolOutput<"tp_get_peaks">["records"][number];

export const getPeaks: ToolHandler<"tp_get_peaks"> = async (input, { client, today, signal }) => {
  const endDate = await today();
  const startDate = addDays(endDate, -(input.days - 1));
  const metric = metricOf(input.pr_type);
  const records = usableRecords(await client.getPeaks(input.sport, input.pr_type, startDate, endDate, { signal }))
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || b.value - a.value);
  const peaks: Peak[] = records.map((record, index) => ({
    rank: record.rank ?? index + 1,
    date: record.workoutDate,
    workout_id: record.workoutId,
    workout_title: record.workoutTitle,
    ...(metric === "power" ? { power_w: round(record.value, 0) } : {}),
    ...(metric === "heart_rate" ? { heart_rate_bpm: round(record.value, 0) } : {}),
    ...(metric === "speed" ? speedFigures(input.pr_type, record.value) : {}),
    ...compact({ event_name: record.eventName }),
  }));
  const distance = RUN_RECORD_DISTANCE_M[input.pr_type];
  const header = `${input.sport} ${input.pr_type} records from ${startDate} to ${endDate}: ${peaks.length || "none"}`;
  const lines = records.map(
    (r, i) => `#${peaks[i]?.rank} ${describeValue(input.pr_type, r.value)} on ${r.workoutDate ?? "?"} in "${r.workoutTitle ?? "untitled"}" (workout ${r.workoutId ?? "?"})`,
  );
  return {
    structured: {
      sport: input.sport,
      pr_type: input.pr_type,
      metric,
      start_date: startDate,
      end_date: endDate,
      ...(distance ? { distance_m: distance } : {}),
      records: peaks,
    },
    text: [header, ...lines].join("\n"),
  };
};
