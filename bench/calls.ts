/**
 * Per-call latency over real stdio against the HTTP mock, the mock's own time per request, and
 * the size of each answer against the raw API bytes it was built from.
 */
import { performance } from "node:perf_hooks";
import type { BenchMock, Handled } from "./mock.js";
import { summarize, type Summary } from "./stats.js";
import type { ToolResult } from "../test/support/stdio-process.js";
import type { BenchChild } from "./children.js";
import type { ToolCall, ToolCase } from "./workload.js";

export interface ToolLatency {
  name: string;
  /** Calls kept (warm-up rounds skipped), the tool's examples taken in turn. */
  calls: number;
  examples: number;
  latency: Summary;
  /** Upstream requests per call, over all its examples (the token and athlete cached by then). */
  requestsPerCall: number;
  /** The same, per example in declaration order. */
  requestsPerExample: number[];
  /** The mock handler's time during each call (sequential calls: all of it is this call's). */
  mockMs: Summary;
  /** latency − mock handler time, per call. */
  overhead: Summary;
}

/** An example the server answered with an error or without structuredContent: left out of the timings. */
export interface ExampleFailure {
  label: string;
  args: Record<string, unknown>;
  message: string;
}

export interface AnswerSize {
  label: string;
  /** JSON of structuredContent, bytes. */
  structuredBytes: number;
  /** The text content, bytes. */
  textBytes: number;
  /** The whole JSON-RPC answer line, bytes. */
  wireBytes: number;
  /** Bodies of the API responses this call was built from, bytes. */
  rawBytes: number;
  rawRequests: number;
  /** Workouts in the answer (tp_get_workouts). */
  workouts?: number;
}

/** The bytes of tools/list's result, how many tools it names, and where the bytes go. */
export interface ToolsListSize {
  bytes: number;
  tools: number;
  /** Bytes of each part over all tools: description, inputSchema, outputSchema, annotations, … */
  parts: Record<string, number>;
  /** Bytes of the `description` strings inside the output schemas. */
  outputDescriptions: number;
}

export async function measureToolsList(server: BenchChild): Promise<ToolsListSize> {
  const result = (await server.request("tools/list")).result as { tools?: Array<Record<string, unknown>> } | undefined;
  const tools = Array.isArray(result?.tools) ? result.tools : [];
  const parts: Record<string, number> = {};
  let outputDescriptions = 0;
  for (const tool of tools) {
    for (const [key, value] of Object.entries(tool)) parts[key] = (parts[key] ?? 0) + Buffer.byteLength(JSON.stringify(value));
    JSON.stringify(tool.outputSchema ?? {}, (key, value: unknown) => {
      if (key === "description" && typeof value === "string") outputDescriptions += Buffer.byteLength(JSON.stringify(value)) + '"description":,'.length;
      return value;
    });
  }
  return { bytes: Buffer.byteLength(JSON.stringify(result)), tools: tools.length, parts, outputDescriptions };
}

function assertOk(call: ToolCall, result: ToolResult): void {
  if (result.isError) throw new Error(`${call.label} answered with an error: ${result.content?.[0]?.text ?? "?"}`);
  if (!result.structuredContent) throw new Error(`${call.label} answered without structuredContent`);
}

/** One call, timed, with the mock's handler time and request count during it. */
export async function timedCall(server: BenchChild, mock: BenchMock, call: ToolCall) {
  const mockBefore = mock.handlerMs;
  const mark = mock.mark();
  const answer = await server.timedCallTool(call.name, call.args);
  assertOk(call, answer.result);
  return { ms: answer.ms, mockMs: mock.handlerMs - mockBefore, requests: mock.mark() - mark, answer };
}

function failureOf(result: ToolResult): string | undefined {
  if (result.isError) return (result.content?.[0]?.text ?? "?").slice(0, 200);
  if (!result.structuredContent) return "answered without structuredContent";
  return undefined;
}

/**
 * Each example called once: those that fail (an id the demo lacks, a tool the demo does not
 * serve yet) are reported and dropped, so one tool's trouble does not sink the whole bench.
 */
export async function preflight(server: BenchChild, tools: ToolCase[]): Promise<{ tools: ToolCase[]; failures: ExampleFailure[] }> {
  const failures: ExampleFailure[] = [];
  const kept: ToolCase[] = [];
  for (const tool of tools) {
    const calls: ToolCall[] = [];
    for (const call of tool.calls) {
      const message = failureOf((await server.timedCallTool(call.name, call.args)).result);
      if (message === undefined) calls.push(call);
      else failures.push({ label: call.label, args: call.args, message });
    }
    if (calls.length > 0) kept.push({ name: tool.name, calls });
  }
  return { tools: kept, failures };
}

/**
 * Sequential calls (one at a time), the tools taken round-robin (A, B, C, …, A, B, C, …) so that a
 * burst of load on a shared machine hits every tool alike, each tool's examples in turn;
 * `warmupRounds` rounds are not kept.
 */
export async function measureLatency(server: BenchChild, mock: BenchMock, tools: ToolCase[], rounds: number, warmupRounds: number): Promise<ToolLatency[]> {
  const samples = tools.map((tool) => ({
    latency: [] as number[],
    mockMs: [] as number[],
    overhead: [] as number[],
    requests: tool.calls.map(() => ({ sum: 0, calls: 0 })),
  }));
  for (let round = 0; round < warmupRounds + rounds; round++) {
    for (const [index, tool] of tools.entries()) {
      const example = round % tool.calls.length;
      const timed = await timedCall(server, mock, tool.calls[example]!);
      if (round < warmupRounds) continue;
      const sample = samples[index]!;
      sample.latency.push(timed.ms);
      sample.mockMs.push(timed.mockMs);
      sample.overhead.push(timed.ms - timed.mockMs);
      sample.requests[example]!.sum += timed.requests;
      sample.requests[example]!.calls += 1;
    }
  }
  return tools.map((tool, index) => {
    const sample = samples[index]!;
    const total = sample.requests.reduce((sum, entry) => sum + entry.sum, 0);
    return {
      name: tool.name,
      calls: rounds,
      examples: tool.calls.length,
      latency: summarize(sample.latency),
      requestsPerCall: total / rounds,
      requestsPerExample: sample.requests.map((entry) => (entry.calls ? entry.sum / entry.calls : NaN)),
      mockMs: summarize(sample.mockMs),
      overhead: summarize(sample.overhead),
    };
  });
}

/** The same stdio round trip to the minimal one-tool SDK server (echo): the SDK's own floor per call. */
export async function measureEcho(server: BenchChild, calls: number, warmup: number): Promise<Summary> {
  const latency: number[] = [];
  for (let i = 0; i < warmup + calls; i++) {
    const answer = await server.timedCallTool("echo", { text: `call ${i}` });
    if (answer.result.isError) throw new Error(`the minimal server's echo failed: ${answer.result.content?.[0]?.text ?? "?"}`);
    if (i >= warmup) latency.push(answer.ms);
  }
  return summarize(latency);
}

/** The handler's time per operation over the requests given. */
export function mockTimeByOperation(handledRequests: readonly Handled[]): Record<string, { count: number; ms: Summary; bytes: Summary }> {
  const by = new Map<string, { ms: number[]; bytes: number[] }>();
  for (const handled of handledRequests) {
    const entry = by.get(handled.operation) ?? { ms: [], bytes: [] };
    entry.ms.push(handled.ms);
    entry.bytes.push(handled.bytes);
    by.set(handled.operation, entry);
  }
  return Object.fromEntries([...by].map(([operation, { ms, bytes }]) => [operation, { count: ms.length, ms: summarize(ms), bytes: summarize(bytes) }]));
}

/**
 * A bare HTTP round trip to the mock from the bench (undici fetch of the smallest answer): what
 * any client pays per request on loopback beyond the handler, for reading the overhead figures.
 */
export async function bareRoundTrip(mock: BenchMock, times: number): Promise<{ total: Summary; beyondHandler: Summary }> {
  const total: number[] = [];
  const beyond: number[] = [];
  for (let i = 0; i < times + 20; i++) {
    const before = mock.handlerMs;
    const started = performance.now();
    const response = await fetch(`${mock.url}/users/v3/user`);
    await response.arrayBuffer();
    const ms = performance.now() - started;
    if (i < 20) continue;
    total.push(ms);
    beyond.push(ms - (mock.handlerMs - before));
  }
  return { total: summarize(total), beyondHandler: summarize(beyond) };
}

export async function measureSize(server: BenchChild, mock: BenchMock, call: ToolCall): Promise<AnswerSize> {
  mock.captured = [];
  mock.capture = true;
  let answer;
  try {
    answer = await server.timedCallTool(call.name, call.args);
  } finally {
    mock.capture = false;
  }
  assertOk(call, answer.result);
  const captured = mock.captured;
  mock.captured = [];
  const structured = answer.result.structuredContent;
  const size: AnswerSize = {
    label: call.label,
    structuredBytes: Buffer.byteLength(JSON.stringify(structured)),
    textBytes: (answer.result.content ?? []).reduce((sum, part) => sum + Buffer.byteLength(part.text ?? ""), 0),
    wireBytes: answer.bytes,
    rawBytes: captured.reduce((sum, entry) => sum + entry.body.length, 0),
    rawRequests: captured.length,
  };
  if (call.name === "tp_get_workouts" && typeof structured?.count === "number") size.workouts = structured.count;
  return size;
}
