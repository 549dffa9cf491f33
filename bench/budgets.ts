/**
 * The answer budgets of issue 14, as data: each names a tool, the call that exercises it and a
 * limit, either in bytes or as a share of the raw API bytes the answer was built from. A budget
 * whose tool is not declared (yet) is reported "not measured (tool absent)", never a failure, so
 * the table can name tools before they land.
 *
 * An answer's size is the larger of its two forms, structuredContent (JSON) and the text: a
 * client shows the model one or the other, so both must fit.
 */
import { toolDefinitions } from "../src/generated/tools.js";
import type { ToolCall, Workload } from "./workload.js";

export type BudgetLimit = { maxBytes: number } | { maxShareOfRaw: number };

export interface AnswerBudget {
  /** What is measured, for the report ("tp_get_workouts over 90 days"). */
  label: string;
  tool: string;
  /** The call, or why it cannot be made on the demo athlete. */
  call(workload: Workload): ToolCall | { unavailable: string };
  limit: BudgetLimit;
}

export const KIB = 1024;

/** Sets every boolean input whose name speaks of series to false: "without the series". */
function withoutSeries(tool: string, args: Record<string, unknown>): Record<string, unknown> {
  const definition = (toolDefinitions as Record<string, { inputJsonSchema?: { properties?: Record<string, { type?: unknown }> } }>)[tool];
  const properties = definition?.inputJsonSchema?.properties ?? {};
  const off = Object.entries(properties).filter(([name, schema]) => /series/i.test(name) && schema.type === "boolean");
  return { ...args, ...Object.fromEntries(off.map(([name]) => [name, false])) };
}

export const ANSWER_BUDGETS: AnswerBudget[] = [
  {
    label: "tp_get_workouts over 90 days, of the raw API bytes",
    tool: "tp_get_workouts",
    call: (w) => ({ label: "tp_get_workouts 90 d", name: "tp_get_workouts", args: w.days(90) }),
    limit: { maxShareOfRaw: 0.15 },
  },
  {
    label: "tp_get_weekly_summary for 26 weeks",
    tool: "tp_get_weekly_summary",
    call: () => ({ label: "tp_get_weekly_summary 26 w", name: "tp_get_weekly_summary", args: { weeks: 26 } }),
    limit: { maxBytes: 10 * KIB },
  },
  {
    label: "tp_get_race_readiness (next A race)",
    tool: "tp_get_race_readiness",
    call: () => ({ label: "tp_get_race_readiness", name: "tp_get_race_readiness", args: {} }),
    limit: { maxBytes: 2 * KIB },
  },
  {
    label: "tp_analyze_workout, 2-hour ride with 20 laps, without series",
    tool: "tp_analyze_workout",
    call: (w) =>
      w.ride
        ? {
            label: `tp_analyze_workout ${w.ride.hours.toFixed(2)} h ride, ${w.ride.laps} laps`,
            name: "tp_analyze_workout",
            args: withoutSeries("tp_analyze_workout", { workout_id: w.ride.workoutId }),
          }
        : { unavailable: "the demo athlete has no ride with laps" },
    limit: { maxBytes: 8 * KIB },
  },
];

/** tools/list with every declared tool: read in every conversation. */
export const TOOLS_LIST_BUDGET_BYTES = 40 * KIB;

export function isDeclared(tool: string): boolean {
  return Object.hasOwn(toolDefinitions, tool);
}
