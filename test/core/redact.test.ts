import { describe, expect, it } from "vitest";
import { redact } from "../../src/core/redact.js";

describe("redact", () => {
  it("replaces every occurrence of each secret", () => {
    expect(redact("a SECRET-COOKIE b SECRET-COOKIE c TOKEN-VALUE-1", ["SECRET-COOKIE", "TOKEN-VALUE-1"])).toBe("a [redacted] b [redacted] c [redacted]");
  });

  it("replaces each line of a secret that spans lines, alone too", () => {
    const secret = "FIRSTLINE-OF-TOKEN\r\nX-Injected: 1";
    expect(redact(`Bearer ${secret}`, [secret])).toBe("Bearer [redacted]");
    expect(redact("Bearer FIRSTLINE-OF-TOKEN is invalid", [secret])).toBe("Bearer [redacted] is invalid");
  });

  it("leaves values shorter than 8 characters, which occur by chance", () => {
    expect(redact("demo mode, X-Injected: 1", ["demo", "FIRSTLINE\nX: 1"])).toBe("demo mode, X-Injected: 1");
  });
});
