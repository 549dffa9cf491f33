/**
 * The public SDK's types, as a user importing the package sees them (type-checked, not run).
 */
import { describe, expectTypeOf, it } from "vitest";
import {
  createTrainingPeaksClient,
  type FitnessDay,
  type PersonalRecord,
  type PrType,
  type RecordSport,
  type TpErrorCode,
  type ToolInput,
  type ToolName,
  type ToolOutput,
  type Workout,
} from "../src/index.js";

const client = createTrainingPeaksClient({ cookie: "V001types" });

describe("the client", () => {
  it("getWorkouts resolves to workouts typed by the spec", async () => {
    expectTypeOf(client.getWorkouts).parameters.toEqualTypeOf<
      [startDate: string, endDate: string, options?: { signal?: AbortSignal }]
    >();
    expectTypeOf(client.getWorkouts).returns.resolves.toEqualTypeOf<Workout[]>();

    const [workout] = await client.getWorkouts("2026-09-13", "2026-09-19");
    if (!workout) return;
    expectTypeOf(workout.workoutId).toEqualTypeOf<number>();
    expectTypeOf(workout.workoutDay).toEqualTypeOf<string>();
    // Duration in hours: optional and nullable in the spec (NullableNumber).
    expectTypeOf(workout.totalTime).toEqualTypeOf<number | null | undefined>();
    expectTypeOf(workout.title).toEqualTypeOf<string | null | undefined>();
    // A misspelt field does not compile.
    // @ts-expect-error the field is workoutId
    void workout.workoutID;
  });

  it("normalised results have plain types", async () => {
    expectTypeOf(client.getFitness).returns.resolves.toEqualTypeOf<FitnessDay[]>();
    expectTypeOf<FitnessDay["date"]>().toEqualTypeOf<string>();
    expectTypeOf<FitnessDay["ctl"]>().toEqualTypeOf<number | null>();
    expectTypeOf(client.getPeaks).returns.resolves.toEqualTypeOf<PersonalRecord[]>();
    expectTypeOf<PersonalRecord["timeFrame"]>().toEqualTypeOf<string | null>();
    expectTypeOf(client.getFocusEvent).returns.resolves.toExtend<object | null>();
  });

  it("getPeaks takes a sport from the spec's enum", () => {
    expectTypeOf(client.getPeaks).parameter(0).toEqualTypeOf<RecordSport>();
    expectTypeOf<RecordSport>().toEqualTypeOf<"Bike" | "Run">();
    // @ts-expect-error Swim keeps no peaks
    void client.getPeaks("Swim", "power20min", "2026-01-01", "2026-02-01");
  });

  it("record types are the spec's literals", () => {
    expectTypeOf<"power20min">().toExtend<PrType>();
    expectTypeOf<"speed5K">().toExtend<PrType>();
    // @ts-expect-error not a record type
    const wrong: PrType = "power21min";
    void wrong;
  });

  it("errors carry a code from a closed set", () => {
    expectTypeOf<TpErrorCode>().toEqualTypeOf<"auth" | "rate_limited" | "upstream" | "not_found" | "invalid_input">();
  });
});

describe("the tool types", () => {
  it("ToolInput<'tp_get_workouts'> is the validated input", () => {
    expectTypeOf<ToolInput<"tp_get_workouts">>().toEqualTypeOf<{
      // A coach's athlete, by id or name.
      athlete?: number | string;
      start_date: string;
      end_date: string;
      // Defaulted by the schema, so present after validation.
      type: "all" | "completed" | "planned" | "missed";
      sport?: "Swim" | "Bike" | "Run" | "Brick" | "Crosstrain" | "Race" | "Day Off" | "Mountain Bike" | "Strength" | "Custom" | "XC-Ski" | "Rowing" | "Walk" | "Other";
    }>();
  });

  it("ToolInput<'tp_get_peaks'> lists the record types and defaults limit", () => {
    expectTypeOf<ToolInput<"tp_get_peaks">["sport"]>().toEqualTypeOf<RecordSport>();
    expectTypeOf<ToolInput<"tp_get_peaks">["pr_type"]>().toEqualTypeOf<PrType>();
    // days has no schema default: giving it with start_date is refused, so its absence must show.
    expectTypeOf<ToolInput<"tp_get_peaks">["days"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ToolInput<"tp_get_peaks">["limit"]>().toEqualTypeOf<number>();
  });

  it("tool names are the declared ones", () => {
    expectTypeOf<"tp_get_workouts">().toExtend<ToolName>();
    // @ts-expect-error no such tool
    expectTypeOf<ToolInput<"tp_get_workout_list">>().toBeObject();
    expectTypeOf<ToolOutput<"tp_get_workouts">["count"]>().toEqualTypeOf<number>();
  });
});
