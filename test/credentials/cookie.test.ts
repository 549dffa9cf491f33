import { describe, expect, it } from "vitest";
import { InvalidCookieError, normalizeCookie } from "../../src/credentials/cookie.js";
import { CANARY } from "./helpers.js";

describe("normalizeCookie", () => {
  it.each([
    ["the bare value", CANARY],
    ["name=value", `Production_tpAuth=${CANARY}`],
    ["name = value with spaces around '='", `Production_tpAuth = ${CANARY}`],
    ["a quoted cookie value", `Production_tpAuth="${CANARY}"`],
    ["a full Cookie header among other cookies", `Cookie: ajs_id=abc; Production_tpAuth=${CANARY}; _ga=GA1.2.3`],
    ["a Cookie header without a space after the colon", `cookie:Production_tpAuth=${CANARY}`],
    ["header contents without the Cookie: prefix", `ajs_id=abc; Production_tpAuth=${CANARY}; _ga=GA1.2.3`],
    ["the cookie last in the header", `Cookie: a=b;Production_tpAuth=${CANARY}`],
    ["surrounding whitespace and newlines", `\r\n\t  ${CANARY}  \n`],
    ["surrounding double quotes", `"${CANARY}"`],
    ["surrounding single quotes around name=value", ` 'Production_tpAuth=${CANARY}'\n`],
    ["a pasted curl command", `curl 'https://tpapi.trainingpeaks.com/x' -H 'Cookie: a=1; Production_tpAuth=${CANARY}' -H 'accept: */*'`],
  ])("accepts %s", (_label, input) => {
    expect(normalizeCookie(input)).toBe(CANARY);
  });

  it.each(["abc.DEF-ghi_0123", "V001", "x"])("accepts values outside the V001 shape: %s", (value) => {
    expect(normalizeCookie(value)).toBe(value);
  });

  it.each([
    ["empty text", ""],
    ["only whitespace", "  \n\t "],
    ["only quotes", `""`],
    ["a header without the auth cookie", "Cookie: ajs_id=CANARY1; _ga=CANARY2"],
    ["an empty cookie value", "Production_tpAuth=; other=CANARY"],
    ["just the cookie name", "Production_tpAuth"],
    ["inner whitespace", `${CANARY} ${CANARY}`],
    ["forbidden characters", `${CANARY}$%`],
    ["HTML", `<b>${CANARY}</b>`],
    ["a value with a forbidden character in a header", `Cookie: Production_tpAuth=${CANARY}!; a=b`],
  ])("rejects %s without echoing the input", (_label, input) => {
    let caught: unknown;
    try {
      normalizeCookie(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidCookieError);
    const error = caught as InvalidCookieError;
    expect(error.name).toBe("InvalidCookieError");
    expect(error.message).not.toContain("CANARY");
    expect(error.stack ?? "").not.toContain("CANARY");
    expect(error.message).toContain("Production_tpAuth");
    expect(error.message).toContain("DevTools");
    expect(error.message).toContain("https://app.trainingpeaks.com");
  });
});
