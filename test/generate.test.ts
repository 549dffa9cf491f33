/**
 * The generator takes its rules from the spec: change a limit or an enum in the spec and the
 * generated tool schemas change with it. The committed output is up to date, and a tool the spec
 * declares carelessly (no title) cannot be generated.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ZodType } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationsById, toolDeclarations } from "../scripts/generate/spec.js";
import { emitTools } from "../scripts/generate/tools.js";
import { loadTestSpec } from "./support/spec-mocks.js";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
// Inside the repository, so that the generated `import { z } from "zod"` resolves.
const TMP_ROOT = path.join(repoRoot, "test/.tmp");

type Spec = Record<string, unknown>;
type Schemas = Record<string, { enum?: string[] }>;
type GeneratedTools = { toolDefinitions: Record<string, { inputSchema: ZodType }> };

const unmodified = (await loadTestSpec()).dereferenced;

/** The spec with getWorkouts limited to 30 days and power90min no longer a Bike record type. */
function modifiedSpec(): Spec {
  const spec = structuredClone(unmodified);
  operationsById(spec).get("getWorkouts")!["x-max-range-days"] = 30;
  // The tool's x-enum-by $refs BikePrType: after dereferencing both are the same object.
  const bike = (spec.components as { schemas: Schemas }).schemas.BikePrType!;
  bike.enum = bike.enum!.filter((type) => type !== "power90min");
  return spec;
}

const BIKE_TYPES = (unmodified.components as { schemas: Schemas }).schemas.BikePrType!.enum!;

let tmpDir: string;
const generated: Record<"unmodified" | "modified", GeneratedTools | undefined> = { unmodified: undefined, modified: undefined };

/** Writes emitTools' output for `spec` and imports it, as src/generated/tools.ts would be. */
async function generate(name: keyof typeof generated, spec: Spec): Promise<GeneratedTools> {
  const file = path.join(tmpDir, `${name}-tools.ts`);
  writeFileSync(file, emitTools(spec));
  return (await import(file)) as GeneratedTools;
}

beforeAll(async () => {
  mkdirSync(TMP_ROOT, { recursive: true });
  tmpDir = mkdtempSync(path.join(TMP_ROOT, "generate-"));
  generated.unmodified = await generate("unmodified", structuredClone(unmodified));
  generated.modified = await generate("modified", modifiedSpec());
});

afterAll(() => {
  rmSync(tmpDir, { recursive: true, force: true });
  if (readdirSync(TMP_ROOT).length === 0) rmdirSync(TMP_ROOT);
});

interface SchemaCase {
  given: { spec: keyof typeof generated; tool: string; input: Record<string, unknown> };
  want: { ok: boolean; message?: RegExp | string };
}

describe("the generated tool schemas follow the spec", () => {
  it.each<[string, SchemaCase]>([
    [
      "unmodified: 90 days pass",
      {
        given: { spec: "unmodified", tool: "tp_get_workouts", input: { start_date: "2026-01-01", end_date: "2026-03-31" } },
        want: { ok: true },
      },
    ],
    [
      "unmodified: 91 days fail",
      {
        given: { spec: "unmodified", tool: "tp_get_workouts", input: { start_date: "2026-01-01", end_date: "2026-04-01" } },
        want: { ok: false, message: /covers 91 days; at most 90 days/ },
      },
    ],
    [
      "modified: 30 days pass",
      {
        given: { spec: "modified", tool: "tp_get_workouts", input: { start_date: "2026-01-01", end_date: "2026-01-30" } },
        want: { ok: true },
      },
    ],
    [
      "modified: 31 days fail",
      {
        given: { spec: "modified", tool: "tp_get_workouts", input: { start_date: "2026-01-01", end_date: "2026-01-31" } },
        want: { ok: false, message: /covers 31 days; at most 30 days/ },
      },
    ],
    [
      "unmodified: power90min for Bike passes",
      {
        given: { spec: "unmodified", tool: "tp_get_peaks", input: { sport: "Bike", pr_type: "power90min" } },
        want: { ok: true },
      },
    ],
    [
      "modified: power90min for Bike fails",
      { given: { spec: "modified", tool: "tp_get_peaks", input: { sport: "Bike", pr_type: "power90min" } }, want: { ok: false } },
    ],
    [
      "modified: power60min for Bike still passes",
      { given: { spec: "modified", tool: "tp_get_peaks", input: { sport: "Bike", pr_type: "power60min" } }, want: { ok: true } },
    ],
    [
      "unmodified: speed5K for Run passes",
      { given: { spec: "unmodified", tool: "tp_get_peaks", input: { sport: "Run", pr_type: "speed5K" } }, want: { ok: true } },
    ],
    [
      "unmodified: speed5K for Bike fails, naming the Bike types",
      {
        given: { spec: "unmodified", tool: "tp_get_peaks", input: { sport: "Bike", pr_type: "speed5K" } },
        want: { ok: false, message: `speed5K is not a pr_type of sport Bike; Bike allows: ${BIKE_TYPES.join(", ")}` },
      },
    ],
  ])("%s", (_title, { given, want }) => {
    const schema = generated[given.spec]!.toolDefinitions[given.tool]!.inputSchema;

    const result = schema.safeParse(given.input);

    expect(result.success).toBe(want.ok);
    if (want.message !== undefined) {
      expect(result.error?.issues.map((issue) => issue.message).join("\n")).toMatch(want.message);
    }
  });
});

describe("the generator", () => {
  it("--check passes on the committed tree", () => {
    const run = spawnSync("npx", ["tsx", "scripts/generate.ts", "--check"], {
      cwd: repoRoot,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.stderr).toContain("Generated files are up to date.");
    expect(run.status).toBe(0);
  }, 130_000);

  it.each([
    ["no title", undefined],
    ["a blank title", "   "],
  ])("refuses a tool with %s", (_title, title) => {
    const spec = structuredClone(unmodified);
    const tools = spec["x-mcp-tools"] as Record<string, { title?: string }>;
    if (title === undefined) delete tools.tp_get_workouts!.title;
    else tools.tp_get_workouts!.title = title;

    expect(() => toolDeclarations(spec)).toThrow("x-mcp-tools.tp_get_workouts: a tool needs a title");
    expect(() => emitTools(spec)).toThrow("a tool needs a title");
  });
});
