/**
 * The stdio driver's own guarantees, against bare `node -e` children: a request that gets no
 * answer fails with its method and the time waited, whether the timeout is the default or shortened.
 */
import { DEFAULT_REQUEST_TIMEOUT_MSEC } from "@modelcontextprotocol/sdk/shared/protocol.js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { childEnv, DEFAULT_TIMEOUT_MS, StdioProcess } from "../support/stdio-process.js";

const SILENT = "process.stdin.resume()";
const children: StdioProcess[] = [];

function start(script: string): StdioProcess {
  const child = new StdioProcess(["-e", script], { env: childEnv() });
  children.push(child);
  return child;
}

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(children.splice(0).map((child) => child.end(1_000)));
});

describe("the stdio driver", () => {
  it("rejects a request that gets no answer in the time given, naming the method and the time", async () => {
    const child = start(SILENT);
    await expect(child.request("tools/list", {}, { timeoutMs: 50 })).rejects.toThrow(/^tools\/list \(id 1\) got no answer in 50 ms/);
  });

  it("waits as long as an MCP client on the SDK by default, through the same timer", async () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(DEFAULT_REQUEST_TIMEOUT_MSEC);
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const child = start(SILENT);
    const outcome = child.request("initialize").then(
      () => "answered",
      (error: Error) => error.message,
    );
    await vi.advanceTimersByTimeAsync(DEFAULT_TIMEOUT_MS - 1);
    expect(await Promise.race([outcome, Promise.resolve("pending")])).toBe("pending");
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toMatch(new RegExp(`^initialize \\(id 1\\) got no answer in ${DEFAULT_TIMEOUT_MS} ms`));
  });

  it("rejects what it has not answered when the child exits, with the exit code", async () => {
    const child = start("process.stdin.once('data', () => process.exit(3))");
    await expect(child.request("tools/list")).rejects.toThrow(/exited \(code 3\) before answering/);
  });
});
