/** Name of the TrainingPeaks session cookie. */
export const AUTH_COOKIE_NAME = "Production_tpAuth";

const HOW_TO_COPY =
  `Copy the ${AUTH_COOKIE_NAME} cookie from a browser where you are logged in to TrainingPeaks: ` +
  "open https://app.trainingpeaks.com, open DevTools (F12) → Application (Firefox: Storage) → Cookies → " +
  `https://app.trainingpeaks.com, and copy the Value of ${AUTH_COOKIE_NAME} (it usually starts with V001).`;

const VALID_VALUE = /^[A-Za-z0-9_.-]+$/;
// Finds `Production_tpAuth=<value>` anywhere: a Cookie header, a `name=value` pair, a pasted curl command.
const NAMED_VALUE = new RegExp(`(?:^|[\\s;:'"])${AUTH_COOKIE_NAME}\\s*=\\s*([^;\\s]*)`, "i");
const COOKIE_HEADER_PREFIX = /^cookie\s*:/i;

/** Invalid cookie input. The message explains how to get a valid one and never echoes the input. */
export class InvalidCookieError extends Error {
  /** What is wrong, without the instructions appended to `message`. */
  readonly problem: string;

  constructor(problem: string) {
    super(`${problem} ${HOW_TO_COPY}`);
    this.name = "InvalidCookieError";
    this.problem = problem;
  }
}

function stripQuotesAndSpace(text: string): string {
  return text.replace(/^[\s"'`]+|[\s"'`]+$/g, "");
}

/**
 * Accepts the bare cookie value, `Production_tpAuth=<value>`, or a pasted `Cookie:` header
 * (with or without the `Cookie:` prefix) and returns the bare value.
 */
export function normalizeCookie(input: string): string {
  const text = stripQuotesAndSpace(input);
  if (text === "") throw new InvalidCookieError("The cookie is empty.");

  let value: string;
  const named = NAMED_VALUE.exec(text);
  if (named) {
    value = stripQuotesAndSpace(named[1] ?? "");
  } else {
    const withoutPrefix = stripQuotesAndSpace(text.replace(COOKIE_HEADER_PREFIX, ""));
    if (/[=;]/.test(withoutPrefix)) {
      throw new InvalidCookieError(`The pasted text contains cookies but no ${AUTH_COOKIE_NAME} cookie.`);
    }
    value = withoutPrefix;
  }

  if (value === "") throw new InvalidCookieError(`The ${AUTH_COOKIE_NAME} cookie value is empty.`);
  if (value.toLowerCase() === AUTH_COOKIE_NAME.toLowerCase()) {
    throw new InvalidCookieError(`That is the cookie's name; the value is needed.`);
  }
  if (!VALID_VALUE.test(value)) {
    throw new InvalidCookieError(
      "The cookie value contains characters that are not allowed (expected only letters, digits, '_', '-' and '.').",
    );
  }
  return value;
}
