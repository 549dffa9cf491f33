/**
 * The README's SDK list is read from the TrainingPeaksClient interface: it names every member a
 * real client has, a method added to the interface reaches the README (so `generate --check`
 * fails until it is regenerated), and what the reader cannot list truthfully fails generation.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generatedFiles } from "../scripts/generate/outputs.js";
import { CLIENT_PATH, clientMembers } from "../scripts/generate/sdk-reference.js";
import { createTrainingPeaksClient } from "../src/client/client.js";

const README = readFileSync("README.md", "utf8");
const section = (readme: string) => readme.slice(readme.indexOf("<!-- sdk:start"), readme.indexOf("<!-- sdk:end -->"));
/** The member names the README lists: the identifier each line's code span begins with. */
const listedNames = (readme: string) => [...section(readme).matchAll(/^- `(?:readonly )?(\w+)/gm)].map((m) => m[1]);

const tmp = mkdtempSync(path.join(tmpdir(), "sdk-reference-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("the README's SDK reference", () => {
  it("lists exactly the members a client has", () => {
    const client = createTrainingPeaksClient({ demo: true, today: "2026-11-25" });
    expect(listedNames(README).sort()).toEqual(Object.keys(client).sort());
  });

  it("quotes each member's signature and doc comment from the interface", () => {
    expect(section(README)).toContain(
      "- `getWorkouts(startDate: string, endDate: string, options?: RequestOptions): Promise<Workout[]>`: Workouts from startDate to endDate (YYYY-MM-DD, inclusive, at most 90 days).\n",
    );
  });

  it("takes up a method added to the interface, so a README not regenerated is stale", async () => {
    const source = readFileSync(CLIENT_PATH, "utf8");
    const anchor = "  knownSecrets(): readonly string[];\n";
    expect(source).toContain(anchor);
    const clientPath = path.join(tmp, "client.ts");
    writeFileSync(clientPath, source.replace(anchor, `${anchor}  /** A coach's view of one athlete. */\n  forAthlete(athleteId: number): TrainingPeaksClient;\n`));
    const readme = (await generatedFiles({ clientPath })).get("README.md")!;
    expect(readme).not.toBe(README);
    expect(listedNames(readme)).toEqual([...listedNames(README), "forAthlete"]);
    expect(section(readme)).toContain("- `forAthlete(athleteId: number): TrainingPeaksClient`: A coach's view of one athlete.\n");
  });

  it("follows interfaces the client extends in the same file, members in order", () => {
    const members = clientMembers(
      ["interface Coach {\n  /** Another athlete. */\n  forAthlete(id: number): Coach;\n}", "export interface TrainingPeaksClient extends Coach {\n  readonly n: number;\n}"].join("\n"),
    );
    expect(members).toEqual([
      { name: "forAthlete", signature: "forAthlete(id: number): Coach", doc: "Another athlete." },
      { name: "n", signature: "readonly n: number", doc: "" },
    ]);
  });

  it.each([
    ["no client interface", "export interface Other { a(): void }", "names the interface TrainingPeaksClient, which is not declared"],
    ["an interface from another file", 'import type { Coach } from "./coach.js";\nexport interface TrainingPeaksClient extends Coach { a(): void }', "names the interface Coach, which is not declared"],
    ["an index signature", "export interface TrainingPeaksClient { [key: string]: unknown }", "has a member the SDK reference cannot list ([key: string]: unknown)"],
    ["no members", "export interface TrainingPeaksClient {}", "has no members to list"],
  ])("refuses %s", (_title, source, message) => {
    expect(() => clientMembers(source)).toThrow(message);
  });
});
