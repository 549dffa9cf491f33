/**
 * The generator takes its rules from the spec and the tool declarations: change a limit or an
 * enum in openapi/ and the generated tool schemas change with it. The committed output is up to
 * date, and a tool declared carelessly (no title, an unknown operation) cannot be generated.
 *
 * Each case generates from its own copy of openapi/, written into test/.tmp/ beside a link to
 * src/core/ (which the generated code imports), and imports the result.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ZodType } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatedFiles } from "../scripts/generate/outputs.js";
import { loadSpec, loadTools } from "../scripts/generate/spec.js";
import { PR_TYPES_BY_SPORT } from "../src/generated/constants.js";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
// Inside the repository, so that the generated `import { z } from "zod"` resolves.
const TMP_ROOT = path.join(repoRoot, "test/.tmp");

type GeneratedTools = { toolDefinitions: Record<string, { inputSchema: ZodType }> };

let tmpDir: string;

/** A copy of openapi/ in its own directory, changed by `edit` (file name → new text). */
function openapiCopy(name: string, edit: (file: string, text: string) => string = (_file, text) => text): string {
  const root = path.join(tmpDir, name);
  cpSync(path.join(repoRoot, "openapi"), path.join(root, "openapi"), { recursive: true });
  for (const file of [path.join(root, "openapi/trainingpeaks.yaml"), ...readdirSync(path.join(root, "openapi/tools")).map((f) => path.join(root, "openapi/tools", f))]) {
    const text = readFileSync(file, "utf8");
    const changed = edit(path.relative(root, file), text);
    if (changed !== text) writeFileSync(file, changed);
  }
  return root;
}

let committedOutputs: Map<string, string> | undefined;

/** Generates from the copy at `root` into root/src/generated/ and imports its tool index. */
async function generateFrom(root: string): Promise<GeneratedTools & { outputs: Map<string, string> }> {
  const outputs = await generatedFiles({
    specPath: path.join(root, "openapi/trainingpeaks.yaml"),
    toolsDir: path.join(root, "openapi/tools"),
    readmePath: path.join(repoRoot, "README.md"),
  });
  for (const [file, content] of outputs) {
    if (!file.startsWith("src/generated/")) continue;
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  symlinkSync(path.join(repoRoot, "src/core"), path.join(root, "src/core"), "dir");
  return { ...((await import(path.join(root, "src/generated/tools.ts"))) as GeneratedTools), outputs };
}

/** getWorkouts limited to 30 days, and power90min no longer a Bike record type. */
function restricted(file: string, text: string): string {
  if (file !== "openapi/trainingpeaks.yaml") return text;
  const limited = text.replace(/(operationId: getWorkouts\n(?:.*\n)*?\s+x-max-range-days: )90/, "$130");
  const bike = limited.replace(/(BikePrType:\n(?:.*\n)*?\s+enum: \[[^\]]*?)power90min,\s*/, "$1");
  if (limited === text || bike === limited) throw new Error("the spec no longer has the text this test edits");
  return bike;
}

const BIKE_TYPES = PR_TYPES_BY_SPORT.Bike;
const generated: Record<"unmodified" | "modified", (GeneratedTools & { outputs: Map<string, string> }) | undefined> = { unmodified: undefined, modified: undefined };

beforeAll(async () => {
  mkdirSync(TMP_ROOT, { recursive: true });
  tmpDir = mkdtempSync(path.join(TMP_ROOT, "generate-"));
  generated.unmodified = await generateFrom(openapiCopy("unmodified"));
  committedOutputs = generated.unmodified.outputs;
  generated.modified = await generateFrom(openapiCopy("modified", restricted));
});

afterAll(() => {
  rmSync(tmpDir, { recursive: true, force: true });
  if (readdirSync(TMP_ROOT).length === 0) rmdirSync(TMP_ROOT);
});

type Variant = keyof typeof generated;
const WORKOUTS = "tp_get_workouts";
const PEAKS = "tp_get_peaks";

describe("the generated tool schemas follow the spec", () => {
  // [title, generated from, tool, input, accepted, the refusal's message]
  it.each<[string, Variant, string, Record<string, unknown>, boolean, (RegExp | string)?]>([
    ["unmodified: 90 days pass", "unmodified", WORKOUTS, { start_date: "2026-01-01", end_date: "2026-03-31" }, true],
    ["unmodified: 91 days fail", "unmodified", WORKOUTS, { start_date: "2026-01-01", end_date: "2026-04-01" }, false, /covers 91 days; at most 90 days/],
    ["modified: 30 days pass", "modified", WORKOUTS, { start_date: "2026-01-01", end_date: "2026-01-30" }, true],
    ["modified: 31 days fail", "modified", WORKOUTS, { start_date: "2026-01-01", end_date: "2026-01-31" }, false, /covers 31 days; at most 30 days/],
    ["unmodified: power90min for Bike passes", "unmodified", PEAKS, { sport: "Bike", pr_type: "power90min" }, true],
    ["modified: power90min for Bike fails", "modified", PEAKS, { sport: "Bike", pr_type: "power90min" }, false],
    ["modified: power60min for Bike still passes", "modified", PEAKS, { sport: "Bike", pr_type: "power60min" }, true],
    ["unmodified: speed5K for Run passes", "unmodified", PEAKS, { sport: "Run", pr_type: "speed5K" }, true],
    [
      "unmodified: speed5K for Bike fails, naming the Bike types",
      "unmodified",
      PEAKS,
      { sport: "Bike", pr_type: "speed5K" },
      false,
      `speed5K is not a pr_type of sport Bike; Bike allows: ${BIKE_TYPES.join(", ")}`,
    ],
  ])("%s", (_title, variant, tool, input, ok, message) => {
    const schema = generated[variant]!.toolDefinitions[tool]!.inputSchema;

    const result = schema.safeParse(input);

    expect(result.success).toBe(ok);
    if (message !== undefined) {
      expect(result.error?.issues.map((issue) => issue.message).join("\n")).toMatch(message);
    }
  });
});

describe("the generator", () => {
  it("generates exactly the committed files from the committed openapi/ (what generate --check checks)", () => {
    for (const [file, content] of committedOutputs!) {
      expect(readFileSync(path.isAbsolute(file) ? file : path.join(repoRoot, file), "utf8"), `${file} is stale: run npm run generate`).toBe(content);
    }
    const generatedDir = path.join(repoRoot, "src/generated");
    const onDisk = readdirSync(generatedDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(repoRoot, path.join(entry.parentPath, entry.name)));
    expect(onDisk.filter((file) => !committedOutputs!.has(file)), "generated files nothing generates any more").toEqual([]);
  });

  it("emits a shape several tools use once, in shapes.ts, and each module that uses it imports it", () => {
    const shapes = committedOutputs!.get("src/generated/tools/shapes.ts")!;
    expect(shapes).toMatch(/^export const EventSummary = lazy\(\(\) =>\n\s+z\.object\(/m);
    expect(shapes).toMatch(/^export const AthleteArgument = lazy\(\(\) =>\n\s+z\.union\(/m);
    for (const tool of ["tp_get_events", "tp_get_fitness", "tp_get_race_readiness"]) {
      const module = committedOutputs!.get(`src/generated/tools/${tool}.ts`)!;
      expect(module, tool).toMatch(/import \{[^}]*\bEventSummary\b[^}]*\} from "\.\/shapes\.js";/);
      expect(module, tool).not.toContain("days_until: z.number()");
    }
  });

  it("builds a tool's schemas on first use (a getter over core/lazy.ts), then keeps them", async () => {
    const { toolDefinitions } = await import("../src/generated/tools.js");
    for (const definition of Object.values(toolDefinitions)) {
      for (const key of ["inputSchema", "outputSchema"]) expect(Object.getOwnPropertyDescriptor(definition, key)?.get, `${definition.name}.${key}`).toBeTypeOf("function");
      expect(definition.inputSchema).toBe(definition.inputSchema);
    }
    for (const [file, content] of committedOutputs!) {
      if (file.startsWith("src/generated/tools/")) expect(content, file).not.toMatch(/^(export )?const \w+ = z\./m);
    }
  });

  it("reads a shared argument leniently where it is used, as the tool's own arguments are", async () => {
    const { toolDefinitions } = await import("../src/generated/tools.js");
    expect(toolDefinitions.tp_get_workout.inputSchema.parse({ workout_id: "3300000123" })).toEqual({ workout_id: 3300000123 });
    expect(toolDefinitions.tp_get_workouts.inputSchema.parse({ start_date: "2026-01-01", end_date: "2026-01-02", athlete: "42" })).toMatchObject({ athlete: 42 });
    expect(toolDefinitions.tp_get_workouts.inputSchema.parse({ start_date: "2026-01-01", end_date: "2026-01-02", athlete: "Zoë" })).toMatchObject({ athlete: "Zoë" });
  });

  it.each<[string, (text: string) => string, string]>([
    ["no title", (text) => text.replace(/^title: .*\n/m, ""), "a tool needs a title"],
    ["a blank title", (text) => text.replace(/^title: .*$/m, 'title: "   "'), "a tool needs a title"],
    ["an unknown operation", (text) => text.replace(/^operations: \[/m, "operations: [getWorkoutz, "), "unknown operation getWorkoutz"],
    ["a name that is not its file's", (text) => text.replace(/^name: .*$/m, "name: tp_list_workouts"), "name must be tp_get_workouts"],
    ["a misspelt key", (text) => text.replace(/^operations:/m, "operation:"), 'unknown key "operation"'],
    ["no example", (text) => text.replace(/^examples:\n( {2}- .*\n)+/m, ""), "give at least one example"],
    ["an unbounded integer input", (text) => text.replace("\n  properties:\n", "\n  properties:\n    limit: { type: integer, minimum: 1 }\n"), "limit is an integer without a maximum"],
    ["a tool that says it writes", (text) => `${text}annotations:\n  readOnlyHint: false\n`, "every tool is read-only"],
  ])("refuses a tool declaration with %s", async (_title, edit, message) => {
    const root = openapiCopy(`refused-${readdirSync(tmpDir).length}`, (file, text) => (file === "openapi/tools/tp_get_workouts.yaml" ? edit(text) : text));
    const spec = await loadSpec(path.join(root, "openapi/trainingpeaks.yaml"));

    await expect(loadTools(spec.dereferenced, path.join(root, "openapi/tools"))).rejects.toThrow(message);
  });
});
