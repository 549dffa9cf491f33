/**
 * Cold start: spawn → initialize answered → tools/list answered, for `tp-mcp serve` (against the
 * mock, and --demo) and, interleaved round-robin so a noisy machine hits all alike, two
 * references: `node -e ''` (spawn to exit, the floor) and a minimal one-tool MCP server on the
 * same SDK as plain unbundled ESM.
 */
import { childEnv } from "../test/support/stdio-process.js";
import { BenchChild, timeToExit } from "./children.js";
import { CLI, MINIMAL_SERVER } from "./paths.js";
import { summarize, type Summary } from "./stats.js";

export interface ColdVariant {
  key: string;
  label: string;
  /** How many tools tools/list must name (a sanity check); undefined for the floor. */
  tools?: number;
  run(): Promise<number>;
}

export interface ColdStartResult {
  runs: number;
  warmupRounds: number;
  variants: Record<string, { label: string; samples: number[]; summary: Summary }>;
}

async function timeToToolsList(args: string[], env: Record<string, string>, expectedTools: number): Promise<number> {
  const server = new BenchChild(args, env);
  try {
    await server.initialize({ timeoutMs: 15_000 });
    const list = await server.send("tools/list", {}, { timeoutMs: 15_000 });
    const ms = list.at - server.spawnedAt;
    const tools = (list.message.result as { tools?: unknown[] } | undefined)?.tools;
    if (!Array.isArray(tools) || tools.length !== expectedTools) {
      throw new Error(`tools/list of node ${args.join(" ")} named ${tools?.length ?? "no"} tools, expected ${expectedTools}`);
    }
    return ms;
  } finally {
    await server.close();
  }
}

export function coldVariants(mockEnv: Record<string, string>, tools: number): ColdVariant[] {
  return [
    { key: "floor", label: "node -e '' (spawn → exit)", run: () => timeToExit(["-e", ""], childEnv()) },
    { key: "minimal", label: "minimal SDK server, unbundled", tools: 1, run: () => timeToToolsList([MINIMAL_SERVER], childEnv(), 1) },
    { key: "ours", label: "tp-mcp serve (TP_AUTH_COOKIE, mock)", tools, run: () => timeToToolsList([CLI, "serve"], childEnv(mockEnv), tools) },
    { key: "oursDemo", label: "tp-mcp serve --demo", tools, run: () => timeToToolsList([CLI, "serve", "--demo"], childEnv(), tools) },
  ];
}

export async function measureColdStart(variants: ColdVariant[], runs: number, warmupRounds = 2): Promise<ColdStartResult> {
  const samples = new Map<string, number[]>(variants.map((variant) => [variant.key, []]));
  for (let round = 0; round < warmupRounds + runs; round++) {
    for (const variant of variants) {
      const ms = await variant.run();
      if (round >= warmupRounds) samples.get(variant.key)!.push(ms);
    }
  }
  return {
    runs,
    warmupRounds,
    variants: Object.fromEntries(
      variants.map((variant) => {
        const values = samples.get(variant.key)!;
        return [variant.key, { label: variant.label, samples: values, summary: summarize(values) }];
      }),
    ),
  };
}
