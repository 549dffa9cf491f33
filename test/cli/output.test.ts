import { describe, expect, it } from "vitest";
import { addSecrets, describeUnexpected, scrub, scrubStream, summarize } from "../../src/cli/output.js";

const COOKIE = `V001OUTPUT_${"k".repeat(30)}`;
const TOKEN = `OUTPUTTOKEN_${"q".repeat(20)}`;
let issued: string[] = [];
addSecrets(() => [COOKIE]);
// Asked at every write: a token received after registration is scrubbed too.
addSecrets(() => issued);

function captured() {
  const chunks: unknown[] = [];
  const stream = {
    write: (chunk: unknown, ..._rest: unknown[]) => {
      chunks.push(chunk);
      return true;
    },
  };
  scrubStream(stream as unknown as Pick<NodeJS.WriteStream, "write">);
  return { stream, text: () => chunks.map((chunk) => (typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString())).join("") };
}

describe("CLI output scrubbing", () => {
  it("scrubs strings and buffers written to a stream, including secrets registered later", () => {
    const out = captured();
    issued = [TOKEN];
    out.stream.write(`cookie ${COOKIE}\n`);
    out.stream.write(Buffer.from(`token ${TOKEN}\n`));
    out.stream.write(new Uint8Array(Buffer.from("nothing secret\n")));
    expect(out.text()).toBe("cookie [redacted]\ntoken [redacted]\nnothing secret\n");
  });

  it("scrubs each line of a secret that spans lines, so a cut message cannot leak its first line", () => {
    issued = [`${TOKEN}\r\nX-Leak: 1`];
    expect(summarize(new TypeError(`Headers.set: "Bearer ${TOKEN}\r\nX-Leak: 1" is invalid`))).toBe('TypeError: Headers.set: "Bearer [redacted]" is invalid');
    // Cut by someone else at the line break: the first line alone is still recognised.
    expect(scrub(`Bearer ${TOKEN}\r\nX-Leak`.split("\r\n")[0] ?? "")).toBe("Bearer [redacted]");
  });

  it("describes an unexpected error in one line without its stack, unless TP_MCP_DEBUG=1", () => {
    const error = new RangeError(`Invalid time value near ${COOKIE}.`);
    const plain = describeUnexpected(error, {});
    expect(plain.split("\n")).toHaveLength(1);
    expect(plain).toMatch(/^unexpected error \(a bug in tp-mcp [\d.]+\): RangeError: Invalid time value near \[redacted\]\. Please report it/);
    expect(plain).toMatch(/TP_MCP_DEBUG=1/);
    expect(plain).not.toMatch(/\bat /);

    const debug = describeUnexpected(new Error("outer", { cause: error }), { TP_MCP_DEBUG: "1" });
    expect(debug).toMatch(/\n\s+at /);
    expect(debug).toMatch(/caused by: RangeError/);
    // The stack itself is scrubbed by the stream it is written to.
    const err = captured();
    err.stream.write(`${debug}\n`);
    expect(err.text()).not.toContain(COOKIE);
  });
});
