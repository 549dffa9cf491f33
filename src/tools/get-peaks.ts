import { InvalidInputError } from "../client/errors.js";
import type { PersonalRecord } from "../client/normalize.js";
import { addDays, addYears, inclusiveDays } from "../core/dates.js";
import { round } from "../core/numbers.js";
import { RUN_RECORD_DISTANCE_M } from "../generated/constants.js";
import type { ToolInput } from "../generated/tools.js";
import { compact } from "./format.js";
import { describeValue, metricOf, speedFigures, usableRecords, type RecordMetric } from "./records.js";
import { pngImage, type HandlerOutput, type ToolContext, type ToolHandler } from "./types.js";

type Input = ToolInput<"tp_get_peaks">;
type Output = HandlerOutput<"tp_get_peaks">;
type Peak = Output["records"][number];
type Comparison = NonNullable<Output["comparison"]>;
type Usable = PersonalRecord & { value: number };

const DEFAULT_DAYS = 365;
const MAX_DAYS = 3650;

interface Window {
  start: string;
  end: string;
}

/** The window asked for: `days` back from the end, or from `start_date`; never both. */
async function windowOf(input: Input, today: ToolContext["today"]): Promise<Window> {
  if (input.start_date !== undefined && input.days !== undefined) {
    throw new InvalidInputError("Give either days (counted back from end_date) or start_date, not both.");
  }
  const end = input.end_date ?? (await today());
  const start = input.start_date ?? addDays(end, -((input.days ?? DEFAULT_DAYS) - 1));
  const days = inclusiveDays(start, end);
  if (days < 1) throw new InvalidInputError(`start_date (${start}) is after end_date (${end}${input.end_date ? "" : ", today"}); give an earlier start_date.`);
  if (days > MAX_DAYS) throw new InvalidInputError(`The window ${start} to ${end} covers ${days} days; at most ${MAX_DAYS} are allowed, so give a later start_date.`);
  return { start, end };
}

function earlierWindow(window: Window, compareTo: NonNullable<Input["compare_to"]>): Window {
  if (compareTo === "previous_year") return { start: addYears(window.start, -1), end: addYears(window.end, -1) };
  const days = inclusiveDays(window.start, window.end);
  return { start: addDays(window.start, -days), end: addDays(window.start, -1) };
}

async function rankedRecords(input: Input, window: Window, { client, signal }: ToolContext): Promise<Usable[]> {
  const records = await client.getPeaks(input.sport, input.pr_type, window.start, window.end, { signal });
  return usableRecords(records).sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || b.value - a.value);
}

function peakOf(record: Usable, rank: number, prType: string, metric: RecordMetric): Peak {
  return {
    rank,
    ...compact({ date: record.workoutDate, workout_id: record.workoutId, workout_title: record.workoutTitle }),
    ...(metric === "power" ? { power_w: round(record.value, 0) } : {}),
    ...(metric === "heart_rate" ? { heart_rate_bpm: round(record.value, 0) } : {}),
    ...(metric === "speed" ? speedFigures(prType, record.value) : {}),
    ...compact({ event_name: record.eventName }),
  };
}

/** This window's best minus the earlier one's, in the record's own units and in % of the earlier. */
function differenceOf(current: Usable, earlier: Usable, prType: string, metric: RecordMetric): NonNullable<Comparison["difference"]> {
  const percent = round(((current.value - earlier.value) / earlier.value) * 100, 1);
  if (metric === "power") return { power_w: round(current.value - earlier.value, 0), percent };
  if (metric === "heart_rate") return { heart_rate_bpm: round(current.value - earlier.value, 0), percent };
  const distance = RUN_RECORD_DISTANCE_M[prType];
  return {
    speed_mps: round(current.value - earlier.value, 3),
    ...(distance ? { time_s: Math.round(distance / current.value) - Math.round(distance / earlier.value) } : {}),
    percent,
  };
}

function signed(value: number, unit: string): string {
  return `${value > 0 ? "+" : ""}${value}${unit}`;
}

function comparisonText(comparison: Comparison, current: Usable | undefined, earlier: Usable | undefined, prType: string): string {
  const label = comparison.compare_to === "previous_year" ? "the previous year" : "the previous period";
  const head = `Compared with ${label} (${comparison.start_date} to ${comparison.end_date}): `;
  if (!earlier) return `${head}no record there.`;
  const best = `best ${describeValue(prType, earlier.value)} on ${earlier.workoutDate ?? "?"} in "${earlier.workoutTitle ?? "untitled"}"`;
  const d = comparison.difference;
  if (!current || !d) return `${head}${best}; none in this window.`;
  const own = d.power_w ?? d.heart_rate_bpm;
  const change =
    own !== undefined
      ? signed(own, d.power_w !== undefined ? " W" : " bpm")
      : d.time_s !== undefined
        ? `${signed(d.time_s, " s")} over the distance`
        : signed(d.speed_mps ?? 0, " m/s");
  return `${head}${best}. This window's best ${describeValue(prType, current.value)} is ${change} (${signed(d.percent, "%")}).`;
}

export const getPeaks: ToolHandler<"tp_get_peaks"> = async (input, context) => {
  const window = await windowOf(input, context.today);
  const earlier = input.compare_to ? earlierWindow(window, input.compare_to) : undefined;
  const [records, earlierRecords] = await Promise.all([rankedRecords(input, window, context), earlier ? rankedRecords(input, earlier, context) : undefined]);
  const metric = metricOf(input.pr_type);
  const listed = records.slice(0, input.limit);
  const peaks = listed.map((record, index) => peakOf(record, record.rank ?? index + 1, input.pr_type, metric));

  let comparison: Comparison | undefined;
  if (earlier && input.compare_to) {
    const [current, before] = [records[0], earlierRecords?.[0]];
    comparison = {
      compare_to: input.compare_to,
      start_date: earlier.start,
      end_date: earlier.end,
      ...(before ? { best: peakOf(before, before.rank ?? 1, input.pr_type, metric) } : {}),
      ...(current && before ? { difference: differenceOf(current, before, input.pr_type, metric) } : {}),
    };
  }

  const distance = RUN_RECORD_DISTANCE_M[input.pr_type];
  const header = `${input.sport} ${input.pr_type} records from ${window.start} to ${window.end}: ${peaks.length || "none"}`;
  const lines = listed.map(
    (r, i) => `#${peaks[i]?.rank} ${describeValue(input.pr_type, r.value)} on ${r.workoutDate ?? "?"} in "${r.workoutTitle ?? "untitled"}" (workout ${r.workoutId ?? "?"})`,
  );
  if (comparison) lines.push(comparisonText(comparison, records[0], earlierRecords?.[0], input.pr_type));
  const structured: Output = {
    sport: input.sport,
    pr_type: input.pr_type,
    metric,
    start_date: window.start,
    end_date: window.end,
    ...(distance ? { distance_m: distance } : {}),
    records: peaks,
    ...(comparison ? { comparison } : {}),
  };
  // The chart's module (and its WebAssembly renderer) loads only when a chart is asked for.
  const image = input.chart ? pngImage(await (await import("../charts/peaks-chart.js")).peaksChart(structured)) : undefined;
  return { structured, text: [header, ...lines].join("\n"), ...(image ? { image } : {}) };
};
