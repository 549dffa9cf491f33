import { InvalidInputError } from "./errors.js";
import type { TransportOptions } from "./transport.js";

/** Transport limits from the environment (TP_REQUEST_TIMEOUT_MS, …), for operators and tests. */
export function transportFromEnv(env: Record<string, string | undefined>): TransportOptions {
  const read = (name: string): number | undefined => {
    const value = env[name];
    if (value === undefined || value === "") return undefined;
    const number = Number(value);
    if (!Number.isFinite(number) || number < 0) throw new InvalidInputError(`${name} must be a non-negative number (got ${JSON.stringify(value)}).`);
    return number;
  };
  const options: TransportOptions = {
    timeoutMs: read("TP_REQUEST_TIMEOUT_MS"),
    maxRetries: read("TP_MAX_RETRIES"),
    maxTotalWaitMs: read("TP_MAX_RETRY_WAIT_MS"),
    requestsPerMinute: read("TP_REQUESTS_PER_MINUTE"),
    maxResponseBytes: read("TP_MAX_RESPONSE_BYTES"),
    maxQueuedRequests: read("TP_MAX_QUEUED_REQUESTS"),
    maxPacingWaitMs: read("TP_MAX_PACING_WAIT_MS"),
  };
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

/** The opt-in for a plain-http base URL to a host other than this machine. */
export const ALLOW_INSECURE_VARIABLE = "TP_ALLOW_INSECURE_BASE_URL";

/** Where one base URL comes from: the client option, else the environment variable, else the default. */
export interface BaseUrlSource {
  optionName: string;
  option: string | undefined;
  variable: string;
  env: Record<string, string | undefined>;
  fallback: string;
}

/** 127.0.0.0/8, ::1 and localhost: plain http there never leaves the machine (the tests' fakes). */
function isLoopback(hostname: string): boolean {
  return /^localhost\.?$/i.test(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname) || hostname === "[::1]";
}

/**
 * The base URL to send requests to, checked when the client is created: every request carries the
 * cookie or the token, so a URL that would leak them, or that cannot work, is a configuration error
 * now rather than a network error (or a stack) on the first call. Messages name the setting and
 * never echo the URL, which may hold a password.
 */
export function baseUrlFrom({ optionName, option, variable, env, fallback }: BaseUrlSource): string {
  const fromEnv = env[variable] || undefined;
  const raw = option ?? fromEnv ?? fallback;
  const name = option !== undefined ? `The ${optionName} option` : fromEnv !== undefined ? variable : "The default base URL";
  const fix = `Set it to an https:// address such as ${fallback}, or leave it unset for that default.`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidInputError(`${name} is not a valid URL. ${fix}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new InvalidInputError(`${name} must be an http(s):// URL. ${fix}`);
  }
  if (url.username !== "" || url.password !== "") {
    throw new InvalidInputError(
      `${name} contains a user name or password (user:password@); remove that part: the client signs in with the cookie alone.`,
    );
  }
  if (url.search !== "" || url.hash !== "") {
    throw new InvalidInputError(`${name} must not contain a query (?…) or fragment (#…); request paths are appended to it. ${fix}`);
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname) && env[ALLOW_INSECURE_VARIABLE] !== "1") {
    throw new InvalidInputError(
      `${name} uses plain http:// to ${url.hostname}, which would send your TrainingPeaks cookie unencrypted. ` +
        `Use https://, or set ${ALLOW_INSECURE_VARIABLE}=1 if you really mean it (e.g. a proxy on a trusted network).`,
    );
  }
  return raw.replace(/\/+$/, "");
}
