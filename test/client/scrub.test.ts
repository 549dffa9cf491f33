import { describe, expect, it } from "vitest";
import { UpstreamError } from "../../src/client/errors.js";
import { scrubError } from "../../src/client/scrub.js";

const SECRET = `SCRUBCANARY_${"s".repeat(24)}`;

describe("scrubError", () => {
  it("replaces the secret in the message, the stack and the causes", () => {
    const cause = new Error(`socket said ${SECRET}`);
    const error = new UpstreamError(`failed with ${SECRET}`, { operation: "getUser", cause });

    const scrubbed = scrubError(error, [SECRET]);

    expect(scrubbed).toBe(error);
    expect(error.message).toBe("failed with [redacted]");
    expect(error.stack).not.toContain(SECRET);
    expect(cause.message).toBe("socket said [redacted]");
    expect(cause.stack).not.toContain(SECRET);
    // Still the same family, with its details.
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.operation).toBe("getUser");
  });

  it("changes a DOMException, whose message has only a getter", () => {
    const error = new DOMException(`aborted with ${SECRET}`, "AbortError");

    scrubError(error, [SECRET]);

    expect(error.message).toBe("aborted with [redacted]");
    expect(error.name).toBe("AbortError");
  });

  it("survives a cause cycle and leaves non-errors alone", () => {
    const a = new Error(`a ${SECRET}`);
    const b = new Error(`b ${SECRET}`, { cause: a });
    (a as { cause?: unknown }).cause = b;

    scrubError(a, [SECRET]);

    expect([a.message, b.message]).toEqual(["a [redacted]", "b [redacted]"]);
    expect(scrubError(`text ${SECRET}`, [SECRET])).toBe(`text ${SECRET}`);
  });
});
