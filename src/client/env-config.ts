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

export function baseUrlFrom(option: string | undefined, envValue: string | undefined, fallback: string): string {
  return (option ?? (envValue || undefined) ?? fallback).replace(/\/+$/, "");
}
