/**
 * What a client sees of every tool, driven by the inventory: the declarations in openapi/tools/,
 * the generated tool index and the handler index must name the same tools, and each listed tool
 * has its snapshot ("toolsnap") in test/__toolsnaps__/, and only they do.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTrainingPeaksClient } from "../../src/client/client.js";
import { toolDefinitions, type ToolName } from "../../src/generated/tools.js";
import { toolHandlers } from "../../src/tools/index.js";
import { connectInMemory } from "../support/mcp.js";

type Listed = Awaited<ReturnType<Awaited<ReturnType<typeof connectInMemory>>["client"]["listTools"]>>["tools"];

const TOOL_NAMES = Object.keys(toolDefinitions) as ToolName[];
const DECLARATIONS_DIR = new URL("../../openapi/tools/", import.meta.url);
const TOOLSNAPS_DIR = new URL("../__toolsnaps__/", import.meta.url);

let session: Awaited<ReturnType<typeof connectInMemory>>;
let tools: Listed;

beforeAll(async () => {
  const client = createTrainingPeaksClient({ cookie: "unused", fetch: () => Promise.reject(new Error("no request expected")) });
  session = await connectInMemory({ client });
  tools = (await session.client.listTools()).tools;
});
afterAll(() => session.close());

describe("the inventory", () => {
  it("has a declaration, a generated definition and a handler for the same tools", () => {
    const declared = readdirSync(DECLARATIONS_DIR).filter((file) => /^tp_.*\.yaml$/.test(file)).map((file) => file.replace(/\.yaml$/, ""));
    expect(TOOL_NAMES.length).toBeGreaterThan(0);
    expect([...TOOL_NAMES].sort()).toEqual(declared.sort());
    expect(Object.keys(toolHandlers).sort()).toEqual([...TOOL_NAMES].sort());
  });

  it("lists every tool, sorted by name", () => {
    expect(tools.map((t) => t.name)).toEqual([...TOOL_NAMES].sort());
  });

  it("keeps a toolsnap for each listed tool and for nothing else", () => {
    const snapshots = readdirSync(TOOLSNAPS_DIR).filter((file) => file.endsWith(".json")).map((file) => file.replace(/\.json$/, ""));
    const orphans = snapshots.filter((name) => !tools.some((tool) => tool.name === name));
    expect(orphans, "toolsnaps of tools that no longer exist: delete them").toEqual([]);
  });
});

describe.each(TOOL_NAMES)("%s as a client lists it", (name) => {
  const listed = () => {
    const tool = tools.find((t) => t.name === name);
    if (!tool) throw new Error(`${name} is not listed`);
    return tool;
  };

  it("is complete and read-only", () => {
    const tool = listed();
    expect(tool.name).toMatch(/^tp_[a-z0-9_]+$/);
    expect(tool.name.length).toBeLessThanOrEqual(50);
    expect(tool.title).toBeTruthy();
    expect(tool.description!.length).toBeGreaterThan(80);
    expect(tool.description!.length).toBeLessThan(800);
    expect(tool.annotations).toMatchObject({ readOnlyHint: true, idempotentHint: true, openWorldHint: true });
    expect(tool.outputSchema?.type).toBe("object");
    expect(tool.inputSchema.type).toBe("object");
    for (const keyword of ["anyOf", "oneOf", "allOf"]) expect(tool.inputSchema).not.toHaveProperty(keyword);
  });

  // A change to a toolsnap is an API change, reviewed as one.
  it("matches its toolsnap", () => {
    const path = new URL(`${name}.json`, TOOLSNAPS_DIR);
    const current = `${JSON.stringify(listed(), null, 2)}\n`;
    if (process.env.UPDATE_TOOLSNAPS === "1" || !existsSync(path)) {
      if (process.env.CI) throw new Error(`missing toolsnap ${name}.json: run UPDATE_TOOLSNAPS=1 npm test and commit it`);
      writeFileSync(path, current);
    }
    expect(current).toBe(readFileSync(path, "utf8"));
  });
});
