/**
 * The HTTP side of the demo's fetch: reading a request, answering JSON, and the checks every route
 * makes of its dates and body, with the 400s the real API would give.
 */
import { parseDay, toDay } from "../core/dates.js";

/** A sanity bound for the day-by-day answers (performance data), about ten years. */
export const MAX_DAILY_RANGE_DAYS = 3660;

export interface DemoRequest {
  method: string;
  url: URL;
  body: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

export function day(text: string | null | undefined, what: string): number {
  const parsed = text ? parseDay(text) : undefined;
  if (parsed === undefined) throw new HttpError(400, `${what} must be a date, YYYY-MM-DD; got "${text ?? ""}".`);
  return parsed;
}

export function range(startText: string | undefined, endText: string | undefined, maxDays = MAX_DAILY_RANGE_DAYS): [number, number] {
  const start = day(startText, "The start date");
  const end = day(endText, "The end date");
  if (start > end) throw new HttpError(400, "The start date is after the end date.");
  if (end - start + 1 > maxDays) throw new HttpError(400, `The date range may span at most ${maxDays} days.`);
  return [start, end];
}

export function parseBody(text: string): Record<string, unknown> {
  if (text.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new HttpError(400, "The request body must be a JSON object.");
}

export function inRange(apiDate: string, start: number, end: number): boolean {
  const d = toDay(apiDate);
  return d >= start && d <= end;
}

export async function readRequest(input: RequestInfo | URL, init?: RequestInit): Promise<DemoRequest> {
  const request = input instanceof Request ? input : undefined;
  const href = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const url = new URL(href, "http://demo.invalid");
  const method = (init?.method ?? request?.method ?? "GET").toUpperCase();
  let body = "";
  if (init?.body !== undefined && init.body !== null) body = await new Response(init.body).text();
  else if (request?.body) body = await request.clone().text();
  return { method, url, body };
}
