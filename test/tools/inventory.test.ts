import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTrainingPeaksClient } from "../../src/client/client.js";
import { connectInMemory } from "../support/mcp.js";

type Listed = Awaited<ReturnType<Awaited<ReturnType<typeof connectInMemory>>["client"]["listTools"]>>["tools"];

let session: Awaited<ReturnType<typeof connectInMemory>>;
let tools: Listed;

beforeAll(async () => {
  const client = createTrainingPeaksClient({ cookie: "unused", fetch: () => Promise.reject(new Error("no request expected")) });
  session = await connectInMemory({ client });
  tools = (await session.client.listTools()).tools;
});
afterAll(() => session.close());

describe("the tools as a client lists them", () => {
  it("lists the five tools of the spec, in order", () => {
    expect(tools.map((t) => t.name)).toEqual(["tp_get_workouts", "tp_get_workout", "tp_get_peaks", "tp_get_fitness", "tp_get_workout_prs"]);
  });

  it.each(["tp_get_workouts", "tp_get_workout", "tp_get_peaks", "tp_get_fitness", "tp_get_workout_prs"])("%s is complete and read-only", (name) => {
    const tool = tools.find((t) => t.name === name);
    expect(tool).toBeDefined();
    expect(tool!.name).toMatch(/^tp_[a-z0-9_]+$/);
    expect(tool!.name.length).toBeLessThanOrEqual(50);
    expect(tool!.title).toBeTruthy();
    expect(tool!.description!.length).toBeGreaterThan(80);
    expect(tool!.description!.length).toBeLessThan(800);
    expect(tool!.annotations).toMatchObject({ readOnlyHint: true, idempotentHint: true, openWorldHint: true });
    expect(tool!.outputSchema?.type).toBe("object");
    expect(tool!.inputSchema.type).toBe("object");
    for (const keyword of ["anyOf", "oneOf", "allOf"]) expect(tool!.inputSchema).not.toHaveProperty(keyword);
  });

  // Snapshots of what a client sees ("toolsnaps"): a change here is an API change, reviewed as one.
  it.each(["tp_get_workouts", "tp_get_workout", "tp_get_peaks", "tp_get_fitness", "tp_get_workout_prs"])("%s matches its toolsnap", (name) => {
    const tool = tools.find((t) => t.name === name);
    const path = new URL(`../__toolsnaps__/${name}.json`, import.meta.url);
    const current = `${JSON.stringify(tool, null, 2)}\n`;
    if (process.env.UPDATE_TOOLSNAPS === "1" || !existsSync(path)) {
      if (process.env.CI) throw new Error(`missing toolsnap ${name}.json: run UPDATE_TOOLSNAPS=1 npm test and commit it`);
      writeFileSync(path, current);
    }
    expect(current).toBe(readFileSync(path, "utf8"));
  });
});
