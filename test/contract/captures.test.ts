/**
 * Real TrainingPeaks responses, captured by other projects (../shared/captures, outside this
 * repository): each follows its schema in the spec and parses with the real client, fields intact.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import type { OperationId } from "../../src/generated/constants.js";
import { localDate, type TrainingPeaksClient, type Workout } from "../../src/index.js";
import {
  createValidator,
  setupSpecServer,
  specOperation,
} from "../support/spec-mocks.js";
import { testClient } from "../support/test-client.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const CAPTURES = path.resolve(repoRoot, "../shared/captures");
const present = existsSync(CAPTURES);

type Capture =
  /** A raw API response of the operation's 200. */
  | { kind: "response"; operationId: "getWorkouts" | "getStrengthWorkout" }
  /** Another project's mapping of an API object: validated as the schema it was mapped from. */
  | { kind: "mapped"; schema: string; note: string }
  | { kind: "not-a-response"; note: string };

/** Every capture file, classified. A new file fails the inventory test until it is added here. */
const CAPTURE_MAP: Record<string, Capture> = {
  "tp2intervals-workouts-list-distant-steps.json": { kind: "response", operationId: "getWorkouts" },
  "tp2intervals-workouts-list-null-title.json": { kind: "response", operationId: "getWorkouts" },
  "pablo-albaladejo-workouts-list-unit-test.json": { kind: "response", operationId: "getWorkouts" },
  "brysonerandall-strength-workout-get.json": { kind: "response", operationId: "getStrengthWorkout" },
  "robertgregorywest-workout-summary-mapped.json": {
    kind: "mapped",
    schema: "Workout",
    note: "that project's mapped output (workoutType, completedDate, totalDistance are its names), not a raw response",
  },
  "JamsusMaximus-tool-shapes-baseline.json": {
    kind: "not-a-response",
    note: "the types (not values) of another server's tool outputs",
  },
};

const read = (file: string): unknown => JSON.parse(readFileSync(path.join(CAPTURES, file), "utf8"));
const entries = Object.entries(CAPTURE_MAP);
const responses = entries.flatMap(([file, capture]) => (capture.kind === "response" ? [[file, capture] as const] : []));

/** Without the captures: a single test, skipped with a note saying so (not a skipped test per file). */
function describeCaptures(name: string, body: () => void): void {
  if (present) {
    describe(name, body);
    return;
  }
  it(`${name}: not found at ${CAPTURES}, skipped`, (ctx) => {
    ctx.skip(`the captures were not found at ${CAPTURES}; these tests need ../shared/captures beside the repository`);
  });
}

describeCaptures("captures", () => {
  const api = setupSpecServer();
  const { validate } = createValidator();

  function newClient(athleteId: number): TrainingPeaksClient {
    return testClient({ cookie: "fake-captures-test-cookie", athleteId });
  }

  /** Serves `body` as the operation's answer and calls the client method for it. */
  async function throughClient(operationId: OperationId, body: unknown): Promise<unknown> {
    const mock = api.use({ overrides: { [operationId]: () => HttpResponse.json(body as never) } });
    let result: unknown;
    if (operationId === "getWorkouts") {
      const workouts = body as Workout[];
      const dayList = workouts.map((workout) => localDate(workout.workoutDay)!).sort();
      result = await newClient(workouts[0]?.athleteId ?? 1).getWorkouts(dayList[0]!, dayList.at(-1)!);
    } else {
      result = await newClient(1).getStrengthWorkout(3300000777);
    }
    expect(mock.recorded.map((request) => request.operationId)).toEqual(["exchangeToken", operationId]);
    return result;
  }

  it("every capture file is classified", () => {
    const files = readdirSync(CAPTURES).filter((file) => file !== "README.md");
    expect(
      files.filter((file) => !(file in CAPTURE_MAP)),
      "unclassified captures: add them to CAPTURE_MAP",
    ).toEqual([]);
    expect(
      Object.keys(CAPTURE_MAP).filter((file) => !files.includes(file)),
      "classified but missing",
    ).toEqual([]);
  });

  it.each(responses.map(([file, { operationId }]) => [file, operationId] as const))(
    "%s follows the spec's %s 200 schema",
    (file, operationId) => {
      const schema = specOperation(operationId).responseSchemas["200"];
      expect(schema).toBeDefined();
      expect(validate(schema!, read(file))).toEqual([]);
    },
  );

  it.each(responses.map(([file, { operationId }]) => [file, operationId] as const))(
    "%s parses with the client (%s), every field intact",
    async (file, operationId) => {
      const body = read(file);
      const result = await throughClient(operationId, body);
      expect(result).toEqual(operationId === "getStrengthWorkout" ? (body as { data: unknown }).data : body);
    },
  );

  describe("fields that matter survive", () => {
    it("pablo: workoutDay 2025-04-07T00:00:00Z stays the calendar day 2025-04-07", async () => {
      const [workout] = (await throughClient("getWorkouts", read("pablo-albaladejo-workouts-list-unit-test.json"))) as Workout[];
      expect(workout?.workoutDay).toBe("2025-04-07T00:00:00Z");
      expect(localDate(workout?.workoutDay)).toBe("2025-04-07");
      expect(workout?.workoutId).toBe(3095965562);
    });

    it("tp2intervals: title null stays null, the ramp structure is kept", async () => {
      const body = read("tp2intervals-workouts-list-null-title.json") as Workout[];
      const [workout] = (await throughClient("getWorkouts", body)) as Workout[];
      expect(workout?.title).toBeNull();
      expect(workout?.structure).toEqual(body[0]?.structure);
      expect(workout?.structure?.structure?.map((block) => block.type)).toContain("rampUp");
    });

    it("tp2intervals: a distance-based swim structure is kept, metres and all", async () => {
      const body = read("tp2intervals-workouts-list-distant-steps.json") as Workout[];
      const [workout] = (await throughClient("getWorkouts", body)) as Workout[];
      expect(workout?.workoutTypeValueId).toBe(1);
      expect(workout?.structure).toEqual(body[0]?.structure);
      expect(workout?.structure?.structure?.[0]?.steps?.[0]?.length).toEqual({ unit: "meter", value: 50 });
    });

    it("brysonerandall: blocks, exercises and sets of the strength workout, values as strings", async () => {
      const body = read("brysonerandall-strength-workout-get.json") as { data: { blocks: unknown[] } };
      const strength = (await throughClient("getStrengthWorkout", body)) as {
        blocks: Array<{
          title: string;
          prescriptions: Array<{
            exercise: { title: string };
            sets: Array<{ parameterValues: Array<{ prescribedValue: string | null }> }>;
          }>;
        }>;
      };
      expect(strength.blocks).toHaveLength(body.data.blocks.length);
      expect(strength.blocks[0]?.title).toBe("Warm Up");
      expect(strength.blocks[0]?.prescriptions[0]?.exercise.title).toBe("Air Squat");
      expect(strength.blocks[0]?.prescriptions[0]?.sets[0]?.parameterValues[0]?.prescribedValue).toBe("10");
    });
  });

  const mapped = entries.flatMap(([file, capture]) =>
    capture.kind === "mapped" ? [[file, capture.schema, capture.note] as const] : [],
  );
  it.each(mapped)("%s is mapped output, not raw (%s, noted: %s); it still satisfies the spec's schema", (file, schema) => {
    expect(validate(schema, read(file))).toEqual([]);
  });

  const notResponses = entries.flatMap(([file, capture]) =>
    capture.kind === "not-a-response" ? [[file, capture.note] as const] : [],
  );
  it.each(notResponses)("%s is not an API response: %s", (file) => {
    // Per-tool type descriptions: { tool_count, tools: { tp_…: { shape: { field: "int" | "str" | … } } } }.
    const baseline = read(file) as { tool_count: number; tools: Record<string, unknown> };
    expect(Object.keys(baseline.tools)).toHaveLength(baseline.tool_count);
    expect(Object.keys(baseline.tools).every((name) => name.startsWith("tp_"))).toBe(true);
  });
});
