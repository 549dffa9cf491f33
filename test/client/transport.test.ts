import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { RateLimitError, UpstreamError } from "../../src/client/errors.js";
import {
  createResilientFetch,
  defaultSleep,
  parseRetryAfter,
  type TransportEvent,
  type TransportOptions,
} from "../../src/client/transport.js";
import { virtualClock } from "../support/virtual-clock.js";

/** 2026-03-01 14:00:00 UTC. */
const T0 = Date.UTC(2026, 2, 1, 14, 0, 0);
const WORKOUTS_URL = "https://tp.test/fitness/v6/athletes/1/workouts/2026-01-01/2026-01-31";
const CANARY_TOKEN = "Bearer CANARY-TOKEN-0123456789";
const CANARY_COOKIE = "Production_tpAuth=V001CANARYCOOKIE";

// ---------------------------------------------------------------------------------------------
// Fakes: a scripted fetch, a virtual clock (injected now/sleep), and a driver for fake timers.

type Step = (request: Request) => Response | Promise<Response>;

const reply =
  (status: number, headers: Record<string, string> = {}, body = `{"status":${status}}`): Step =>
  () =>
    new Response(body, { status, headers });
const reject =
  (error: () => unknown): Step =>
  () =>
    Promise.reject(error());
/** Never answers; rejects with the signal's reason once the request is aborted. */
const hang: Step = (request) =>
  new Promise((_resolve, rejectFetch) => {
    request.signal.addEventListener("abort", () => rejectFetch(request.signal.reason), { once: true });
  });

interface Call {
  request: Request;
  at: number;
  body: string;
}

/** A fetch that answers from `steps` in order, then with `then` forever (or fails the test). */
function scripted(steps: Step[], then?: Step, clock: () => number = () => Date.now()) {
  const calls: Call[] = [];
  const queue = [...steps];
  const fetchImpl = async (request: Request): Promise<Response> => {
    const call: Call = { request, at: clock(), body: "" };
    calls.push(call);
    const step = queue.shift() ?? then;
    if (step === undefined) throw new Error(`unexpected fetch #${calls.length}`);
    if (request.body !== null) call.body = await request.text();
    return step(request);
  };
  return { fetchImpl, calls };
}


type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

function track<T>(promise: Promise<T>): { result: () => Settled<T> | undefined; done: Promise<Settled<T>> } {
  let settled: Settled<T> | undefined;
  const done = promise.then(
    (value) => (settled = { ok: true, value }),
    (error: unknown) => (settled = { ok: false, error }),
  );
  return { result: () => settled, done };
}

/** Real macrotask turns (setImmediate is not faked), so promise chains run without time passing. */
async function flush(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Runs fake timers, one at a time, until `promise` settles. */
async function drive<T>(promise: Promise<T>): Promise<Settled<T>> {
  const tracked = track(promise);
  for (let i = 0; i < 10_000; i++) {
    await flush(2);
    const settled = tracked.result();
    if (settled !== undefined) return settled;
    if (vi.getTimerCount() > 0) await vi.advanceTimersToNextTimerAsync();
  }
  throw new Error("the call never settled");
}

function expectError<T>(settled: Settled<T>): unknown {
  if (settled.ok) throw new Error(`expected a rejection, got ${String(settled.value)}`);
  return settled.error;
}

function get(url = WORKOUTS_URL, init: RequestInit = {}): Request {
  return new Request(url, { ...init, headers: { Authorization: CANARY_TOKEN, Cookie: CANARY_COOKIE } });
}

const getWorkouts = { operationOf: () => "getWorkouts" } satisfies TransportOptions;

// ---------------------------------------------------------------------------------------------

describe("429 Too Many Requests (injected clock)", () => {
  it.each<{ name: string; headers: Record<string, string>; waitMs: number }>([
    { name: "Retry-After in seconds", headers: { "Retry-After": "3" }, waitMs: 3000 },
    { name: "Retry-After as an HTTP date", headers: { "Retry-After": new Date(T0 + 5000).toUTCString() }, waitMs: 5000 },
    // Not 0: a wait below the backoff's floor (half of 1 s for a first 429) is raised to it.
    { name: "Retry-After date in the past", headers: { "Retry-After": new Date(T0 - 5000).toUTCString() }, waitMs: 500 },
    { name: "no Retry-After: backoff 1 s with equal jitter", headers: {}, waitMs: 750 },
    { name: "unreadable Retry-After: backoff", headers: { "Retry-After": "soon" }, waitMs: 750 },
  ])("$name → waits $waitMs ms, then succeeds", async ({ headers, waitMs }) => {
    const clock = virtualClock(T0);
    const events: TransportEvent[] = [];
    const { fetchImpl, calls } = scripted([reply(429, headers), reply(200)], undefined, clock.now);
    const tpFetch = createResilientFetch(fetchImpl, {
      ...getWorkouts,
      now: clock.now,
      sleep: clock.sleep,
      random: () => 0.5,
      onEvent: (event) => events.push(event),
    });

    const response = await tpFetch(get());

    expect(response.status).toBe(200);
    expect(calls).toHaveLength(2);
    expect(clock.sleeps).toEqual([waitMs]);
    expect(calls[1]!.at - calls[0]!.at).toBe(waitMs);
    expect(events.filter((e) => e.type === "retry")).toEqual([
      { type: "retry", operation: "getWorkouts", reason: "rate_limited", status: 429, attempt: 1, delayMs: waitMs },
    ]);
  });

  it.each([
    { random: 0, sleeps: [500, 1000, 2000] },
    { random: 1, sleeps: [1000, 2000, 4000] },
  ])("without Retry-After backs off exponentially (random=$random), then throws RateLimitError", async (c) => {
    const clock = virtualClock(T0);
    const { fetchImpl, calls } = scripted([], reply(429), clock.now);
    const tpFetch = createResilientFetch(fetchImpl, { ...getWorkouts, now: clock.now, sleep: clock.sleep, random: () => c.random });

    const error = await tpFetch(get()).catch((e: unknown) => e);

    expect(calls).toHaveLength(4);
    expect(clock.sleeps).toEqual(c.sleeps);
    expect(error).toBeInstanceOf(RateLimitError);
    const rateLimit = error as RateLimitError;
    expect(rateLimit).toMatchObject({ code: "rate_limited", status: 429, operation: "getWorkouts" });
    // No Retry-After: estimated from the ~1 minute reset seen in practice.
    expect(rateLimit.retryAt?.getTime()).toBe(clock.t + 60_000);
    expect(rateLimit.message).toMatch(/^TrainingPeaks is rate-limiting requests; try again in about 1 minute \(at 14:01 UTC\)\.$/);
  });

  it("repeated 429 with Retry-After: RateLimitError after maxRetries, retryAt from the last answer", async () => {
    const clock = virtualClock(T0);
    const { fetchImpl, calls } = scripted([], reply(429, { "Retry-After": "2" }), clock.now);
    const tpFetch = createResilientFetch(fetchImpl, { ...getWorkouts, now: clock.now, sleep: clock.sleep });

    const error = (await tpFetch(get()).catch((e: unknown) => e)) as RateLimitError;

    expect(calls).toHaveLength(4);
    expect(clock.sleeps).toEqual([2000, 2000, 2000]);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAt?.getTime()).toBe(T0 + 8000);
    expect(error.message).toBe("TrainingPeaks is rate-limiting requests; try again in 2 seconds (at 14:00:08 UTC).");
  });

  it.each([
    { name: "delta-seconds", retryAfter: "120", retryAt: T0 + 120_000, wording: "about 2 minutes (at 14:02 UTC)" },
    {
      name: "HTTP date",
      retryAfter: new Date(T0 + 5 * 60_000).toUTCString(),
      retryAt: T0 + 5 * 60_000,
      wording: "about 5 minutes (at 14:05 UTC)",
    },
    { name: "hours away", retryAfter: "7200", retryAt: T0 + 7_200_000, wording: "about 2 hours (at 16:00 UTC)" },
    {
      name: "tomorrow",
      retryAfter: "43200",
      retryAt: T0 + 43_200_000,
      wording: "about 12 hours (at 2026-03-02 02:00 UTC)",
    },
  ])("a Retry-After beyond the budget ($name) → RateLimitError at once, no further fetch", async (c) => {
    const clock = virtualClock(T0);
    const { fetchImpl, calls } = scripted([reply(429, { "Retry-After": c.retryAfter })], reply(200), clock.now);
    const tpFetch = createResilientFetch(fetchImpl, { ...getWorkouts, now: clock.now, sleep: clock.sleep });

    const error = (await tpFetch(get()).catch((e: unknown) => e)) as RateLimitError;

    expect(error).toBeInstanceOf(RateLimitError);
    expect(calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    expect(error.retryAt?.getTime()).toBe(c.retryAt);
    expect(error.message).toBe(`TrainingPeaks is rate-limiting requests; try again in ${c.wording}.`);
  });

  it("counts earlier waits against the budget", async () => {
    const clock = virtualClock(T0);
    const { fetchImpl, calls } = scripted(
      [reply(429, { "Retry-After": "4" }), reply(429, { "Retry-After": "7" })],
      reply(200),
      clock.now,
    );
    const tpFetch = createResilientFetch(fetchImpl, { now: clock.now, sleep: clock.sleep, maxTotalWaitMs: 10_000 });

    const error = (await tpFetch(get()).catch((e: unknown) => e)) as RateLimitError;

    expect(error).toBeInstanceOf(RateLimitError);
    expect(calls).toHaveLength(2);
    expect(clock.sleeps).toEqual([4000]);
    expect(error.retryAt?.getTime()).toBe(T0 + 4000 + 7000);
  });
});

describe("transient faults (injected clock)", () => {
  function setup(steps: Step[], then?: Step, options: TransportOptions = {}) {
    const clock = virtualClock(T0);
    const events: TransportEvent[] = [];
    const fake = scripted(steps, then, clock.now);
    const tpFetch = createResilientFetch(fake.fetchImpl, {
      ...getWorkouts,
      now: clock.now,
      sleep: clock.sleep,
      random: () => 1,
      onEvent: (event) => events.push(event),
      ...options,
    });
    return { ...fake, clock, events, tpFetch };
  }

  it.each([502, 503, 504])("%i then 200 → one retry after a backoff, returns the 200", async (status) => {
    const { tpFetch, calls, clock, events } = setup([reply(status), reply(200, {}, "ok")]);

    const response = await tpFetch(get());

    expect(response.status).toBe(200);
    expect(await response.text()).toBe("ok");
    expect(calls).toHaveLength(2);
    expect(clock.sleeps).toEqual([500]);
    expect(events.find((e) => e.type === "retry")).toMatchObject({ reason: "server_error", status, attempt: 1, delayMs: 500 });
  });

  it.each([500, 400, 401, 403, 404, 418])("%i is returned untouched, not retried", async (status) => {
    const { tpFetch, calls, clock } = setup([reply(status, {}, `body ${status}`)], reply(200));

    const response = await tpFetch(get());

    expect(response.status).toBe(status);
    expect(await response.text()).toBe(`body ${status}`);
    expect(calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it.each([
    { name: "TypeError: fetch failed (undici)", error: () => new TypeError("fetch failed", { cause: econnreset() }) },
    { name: "an ECONNRESET error", error: econnreset },
    { name: "other side closed", error: () => new Error("other side closed") },
    { name: "socket hang up", error: () => new Error("socket hang up") },
  ])("network error ($name) then success → retried", async ({ error }) => {
    const { tpFetch, calls, events } = setup([reject(error), reply(200)]);

    const response = await tpFetch(get());

    expect(response.status).toBe(200);
    expect(calls).toHaveLength(2);
    expect(events.find((e) => e.type === "retry")).toMatchObject({ reason: "network_error", status: undefined });
  });

  it("honours Retry-After on a 503 and mixes fault kinds within one call", async () => {
    const { tpFetch, calls, clock } = setup([reply(503, { "Retry-After": "2" }), reply(429, { "Retry-After": "1" }), reply(200)]);

    expect((await tpFetch(get())).status).toBe(200);
    expect(calls).toHaveLength(3);
    expect(clock.sleeps).toEqual([2000, 1000]);
  });

  it("always 503 → UpstreamError naming the operation after 4 attempts", async () => {
    const { tpFetch, calls, clock, events } = setup([], reply(503));

    const error = (await tpFetch(get()).catch((e: unknown) => e)) as UpstreamError;

    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.message).toBe(
      "Reading your workouts failed after 4 attempts: TrainingPeaks answered 503 Service Unavailable. " +
        "The trouble is on its side: try again in a few minutes.",
    );
    expect(error).toMatchObject({ code: "upstream", status: 503, operation: "getWorkouts" });
    expect(calls).toHaveLength(4);
    expect(clock.sleeps).toEqual([500, 1000, 2000]);
    expect(events.at(-1)).toEqual({ type: "give_up", operation: "getWorkouts", reason: "server_error", status: 503, attempts: 4 });
  });

  it("always a network error → UpstreamError with the socket code, the error as cause", async () => {
    const { tpFetch, calls } = setup([], reject(() => new TypeError("fetch failed", { cause: econnreset() })));

    const error = (await tpFetch(get()).catch((e: unknown) => e)) as UpstreamError;

    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.message).toBe(
      "Reading your workouts failed after 4 attempts: the connection to tp.test broke off (ECONNRESET): " +
        "your network or TrainingPeaks dropped it. Try again in a few minutes.",
    );
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(calls).toHaveLength(4);
  });

  it.each([
    { name: "maxRetries 0", options: { maxRetries: 0 }, attempts: 1, sleeps: [] },
    { name: "maxRetries 1", options: { maxRetries: 1 }, attempts: 2, sleeps: [500] },
    { name: "backoff capped at 8 s", options: { maxRetries: 6, maxTotalWaitMs: 1e6 }, attempts: 7, sleeps: [500, 1000, 2000, 4000, 8000, 8000] },
    { name: "budget exhausted first", options: { maxTotalWaitMs: 1000 }, attempts: 2, sleeps: [500] },
  ])("attempts are bounded: $name", async ({ options, attempts, sleeps }) => {
    const { tpFetch, calls, clock } = setup([], reply(502), options);

    const error = (await tpFetch(get()).catch((e: unknown) => e)) as UpstreamError;

    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.message).toContain(`failed after ${attempts} attempt${attempts === 1 ? "" : "s"}: TrainingPeaks answered 502 Bad Gateway.`);
    expect(calls).toHaveLength(attempts);
    expect(clock.sleeps).toEqual(sleeps);
  });

  it("names the method and path (no query) when the operation is unknown", async () => {
    const { tpFetch } = setup([], reply(504), { operationOf: () => undefined, maxRetries: 0 });

    const error = (await tpFetch(get(`${WORKOUTS_URL}?prType=power5sec`)).catch((e: unknown) => e)) as UpstreamError;

    expect(error.message).toBe(
      "Requesting GET /fitness/v6/athletes/1/workouts/2026-01-01/2026-01-31 failed after 1 attempt: " +
        "TrainingPeaks answered 504 Gateway Timeout. The trouble is on its side: try again in a few minutes.",
    );
    expect(error.operation).toBeUndefined();
  });

  it("rethrows an error that is not a network fault, without retrying", async () => {
    const bug = new RangeError("bug in a fake");
    const { tpFetch, calls } = setup([reject(() => bug)], reply(200));

    await expect(tpFetch(get())).rejects.toBe(bug);
    expect(calls).toHaveLength(1);
  });

  it("cancels the bodies of retried responses and leaves the returned one alone", async () => {
    const cancelled: number[] = [];
    const streamed =
      (status: number): Step =>
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(new TextEncoder().encode(`body ${status}`));
              controller.close();
            },
            cancel: () => void cancelled.push(status),
          }),
          { status },
        );
    const { tpFetch } = setup([streamed(503), streamed(429), streamed(502), streamed(200)]);

    const response = await tpFetch(get());

    expect(cancelled).toEqual([503, 429, 502]);
    expect(response.bodyUsed).toBe(false);
    expect(await response.text()).toBe("body 200");
  });

  it("a logger that throws does not break the request", async () => {
    const { tpFetch } = setup([reply(503)], reply(200), {
      onEvent: () => {
        throw new Error("logger down");
      },
    });
    expect((await tpFetch(get())).status).toBe(200);
  });
});

describe("request bodies", () => {
  it("replays a POST body identically on every retry", async () => {
    const clock = virtualClock(T0);
    const { fetchImpl, calls } = scripted([reply(503), reject(econnreset), reply(200)], undefined, clock.now);
    const tpFetch = createResilientFetch(fetchImpl, { now: clock.now, sleep: clock.sleep });
    const body = JSON.stringify({ atlConstant: 7, atlStart: 0, ctlConstant: 42, ctlStart: 0, workoutTypes: [] });
    const request = new Request("https://tp.test/fitness/v1/athletes/1/reporting/performancedata/2026-01-01/2026-01-31", {
      method: "POST",
      body,
      headers: { "Content-Type": "application/json", Authorization: CANARY_TOKEN },
    });

    expect((await tpFetch(request)).status).toBe(200);

    expect(calls.map((c) => [c.request.method, c.body, c.request.headers.get("content-type")])).toEqual([
      ["POST", body, "application/json"],
      ["POST", body, "application/json"],
      ["POST", body, "application/json"],
    ]);
    expect(request.bodyUsed).toBe(false);
  });

  it("refuses a request whose body was already read, before sending anything", async () => {
    const { fetchImpl, calls } = scripted([], reply(200));
    const request = new Request("https://tp.test/x", { method: "POST", body: "{}" });
    await request.text();

    await expect(createResilientFetch(fetchImpl)(request)).rejects.toThrow(TypeError);
    expect(calls).toHaveLength(0);
  });
});

describe("with fake timers", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"], now: T0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  describe("the body deadline", () => {
    it("is dropped once the body is read, so no timer outlives the request", async () => {
      const tpFetch = createResilientFetch(async () => Response.json({ ok: true }), { ...getWorkouts, timeoutMs: 30_000 });
      const response = await tpFetch(get());
      expect(vi.getTimerCount()).toBe(1);
      expect(await response.json()).toEqual({ ok: true });
      expect(vi.getTimerCount()).toBe(0);
    });
  });

  describe("timeouts", () => {
    it("aborts a stuck attempt after timeoutMs, retries, then throws UpstreamError", async () => {
      const { fetchImpl, calls } = scripted([], hang);
      const tpFetch = createResilientFetch(fetchImpl, { ...getWorkouts, timeoutMs: 50, maxRetries: 2, random: () => 0 });

      const error = expectError(await drive(tpFetch(get()))) as UpstreamError;

      expect(error).toBeInstanceOf(UpstreamError);
      expect(error.message).toBe(
        "Reading your workouts failed after 3 attempts: tp.test did not answer within 50 ms. TrainingPeaks may be slow or down: try again in a few minutes.",
      );
      expect(calls).toHaveLength(3);
      expect(calls.every((c) => c.request.signal.aborted)).toBe(true);
      // 50 ms timeout, 250 ms backoff, 50 ms, 500 ms backoff, 50 ms.
      expect(calls.map((c) => c.at - T0)).toEqual([0, 300, 850]);
      expect(Date.now() - T0).toBe(900);
    });

    it("defaults to 30 s per attempt; a timed-out attempt is retried", async () => {
      const { fetchImpl, calls } = scripted([hang], reply(200));
      const events: TransportEvent[] = [];
      const tpFetch = createResilientFetch(fetchImpl, { ...getWorkouts, random: () => 0, onEvent: (e) => events.push(e) });

      const settled = await drive(tpFetch(get()));

      expect(settled.ok && settled.value.status).toBe(200);
      expect(calls.map((c) => c.at - T0)).toEqual([0, 30_250]);
      expect(events.find((e) => e.type === "retry")).toMatchObject({ reason: "timeout", delayMs: 250 });
    });

    it("a timeout of the final attempt names the operation and the limit", async () => {
      const { fetchImpl } = scripted([], hang);
      const error = expectError(await drive(createResilientFetch(fetchImpl, { ...getWorkouts, maxRetries: 0 })(get())));
      expect(error).toBeInstanceOf(UpstreamError);
      expect((error as Error).message).toMatch(/^Reading your workouts failed after 1 attempt: tp.test did not answer within 30 s\./);
    });

    it("gives up even on a fetch that ignores its signal", async () => {
      const { fetchImpl, calls } = scripted([], () => new Promise<Response>(() => {}));
      const tpFetch = createResilientFetch(fetchImpl, { timeoutMs: 100, maxRetries: 1 });

      expect(expectError(await drive(tpFetch(get())))).toBeInstanceOf(UpstreamError);
      expect(calls).toHaveLength(2);
    });

    it("cuts off a response body that stalls, with an UpstreamError", async () => {
      const stalledBody: Step = (request) =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(new TextEncoder().encode("[{"));
              request.signal.addEventListener("abort", () => controller.error(request.signal.reason));
            },
          }),
          { status: 200 },
        );
      const { fetchImpl } = scripted([stalledBody]);
      const response = await createResilientFetch(fetchImpl, { ...getWorkouts, timeoutMs: 1000 })(get());

      const error = expectError(await drive(response.text()));

      expect(error).toBeInstanceOf(UpstreamError);
      expect((error as Error).message).toBe(
        "Reading your workouts failed: TrainingPeaks stopped sending its answer for 1 s; try again in a few minutes.",
      );
      expect(Date.now() - T0).toBe(1000);
    });
  });

  describe("pacing", () => {
    it("requestsPerMinute 60, burst 2: two go at once, the rest 1 s apart, all succeed", async () => {
      const { fetchImpl, calls } = scripted([], reply(200));
      const events: TransportEvent[] = [];
      const tpFetch = createResilientFetch(fetchImpl, { requestsPerMinute: 60, burst: 2, onEvent: (e) => events.push(e) });

      const settled = await drive(Promise.all([1, 2, 3, 4, 5].map((i) => tpFetch(get(`${WORKOUTS_URL}?i=${i}`)))));

      expect(settled.ok && settled.value.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(calls.map((c) => c.at - T0)).toEqual([0, 0, 1000, 2000, 3000]);
      // First come, first served.
      expect(calls.map((c) => new URL(c.request.url).searchParams.get("i"))).toEqual(["1", "2", "3", "4", "5"]);
      expect(events.filter((e) => e.type === "paced").map((e) => e.type === "paced" && e.waitMs)).toEqual([1000, 2000, 3000]);
    });

    it("defaults to a burst of 10, then 80 a minute (one per 750 ms)", async () => {
      const { fetchImpl, calls } = scripted([], reply(200));
      const tpFetch = createResilientFetch(fetchImpl);

      await drive(Promise.all(Array.from({ length: 12 }, () => tpFetch(get()))));

      expect(calls.map((c) => c.at - T0)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 750, 1500]);
    });

    it("refills while idle, and paces retries too", async () => {
      const { fetchImpl, calls } = scripted([reply(200), reply(503)], reply(200));
      const tpFetch = createResilientFetch(fetchImpl, { requestsPerMinute: 60, burst: 1, random: () => 0 });

      await drive(tpFetch(get())); // t=0, bucket empty afterwards
      await vi.advanceTimersByTimeAsync(5000); // idle: one token back (capacity 1)
      await drive(tpFetch(get())); // t=5000: 503, backoff 250 ms, then waits for the next token at 6000

      expect(calls.map((c) => c.at - T0)).toEqual([0, 5000, 6000]);
    });
  });

  describe("cancellation", () => {
    it("aborting during a backoff sleep rejects at once with the reason; no further fetch", async () => {
      const { fetchImpl, calls } = scripted([], reply(503));
      const controller = new AbortController();
      const call = track(createResilientFetch(fetchImpl, { random: () => 1 })(get(WORKOUTS_URL, { signal: controller.signal })));
      await flush();
      await vi.advanceTimersByTimeAsync(100); // inside the 500 ms backoff
      expect(calls).toHaveLength(1);

      const reason = new Error("MCP request cancelled");
      controller.abort(reason);
      await flush();

      expect(call.result()).toEqual({ ok: false, error: reason });
      await vi.runAllTimersAsync();
      expect(calls).toHaveLength(1);
      expect(vi.getTimerCount()).toBe(0);
    });

    it("aborting during a pacing wait rejects at once and gives the token back", async () => {
      const { fetchImpl, calls } = scripted([], reply(200));
      const tpFetch = createResilientFetch(fetchImpl, { requestsPerMinute: 60, burst: 1 });
      const controller = new AbortController();

      await tpFetch(get());
      const waiting = track(tpFetch(get(WORKOUTS_URL, { signal: controller.signal })));
      await flush();
      controller.abort();
      await flush();

      const error = waiting.result();
      expect(error?.ok).toBe(false);
      expect(error && !error.ok && (error.error as DOMException).name).toBe("AbortError");
      expect(calls).toHaveLength(1);

      // The abandoned slot (t=1000) goes to the next caller instead of being lost.
      await drive(tpFetch(get()));
      expect(calls.map((c) => c.at - T0)).toEqual([0, 1000]);
    });

    it("aborting an in-flight fetch aborts it and rejects with the reason, unwrapped", async () => {
      const { fetchImpl, calls } = scripted([], hang);
      const controller = new AbortController();
      const call = track(createResilientFetch(fetchImpl, getWorkouts)(get(WORKOUTS_URL, { signal: controller.signal })));
      await flush();
      expect(calls).toHaveLength(1);

      const reason = new DOMException("cancelled by the client", "AbortError");
      controller.abort(reason);
      await flush();

      expect(call.result()).toEqual({ ok: false, error: reason });
      expect(calls[0]!.request.signal.aborted).toBe(true);
      expect(calls[0]!.request.signal.reason).toBe(reason);
      await vi.runAllTimersAsync();
      expect(calls).toHaveLength(1);
    });

    it("an already-aborted signal sends nothing", async () => {
      const { fetchImpl, calls } = scripted([], reply(200));
      const reason = new Error("too late");
      await expect(createResilientFetch(fetchImpl)(get(WORKOUTS_URL, { signal: AbortSignal.abort(reason) }))).rejects.toBe(reason);
      expect(calls).toHaveLength(0);
    });
  });

  describe("defaultSleep", () => {
    it("resolves after ms", async () => {
      const slept = track(defaultSleep(1000));
      await vi.advanceTimersByTimeAsync(999);
      expect(slept.result()).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      expect(slept.result()).toEqual({ ok: true, value: undefined });
    });

    it("clears its timer and rejects with the reason on abort", async () => {
      const controller = new AbortController();
      const slept = track(defaultSleep(1000, controller.signal));
      expect(vi.getTimerCount()).toBe(1);
      controller.abort("stop");
      await flush();
      expect(slept.result()).toEqual({ ok: false, error: "stop" });
      expect(vi.getTimerCount()).toBe(0);
      await expect(defaultSleep(10, controller.signal)).rejects.toBe("stop");
    });
  });

  it("never puts a header value in an error message, a stack or an event", async () => {
    const scenarios: { steps: Step[]; then: Step; options?: TransportOptions }[] = [
      { steps: [], then: reply(429) },
      { steps: [], then: reply(429, { "Retry-After": "600" }) },
      { steps: [], then: reply(503) },
      { steps: [], then: reject(() => new TypeError("fetch failed", { cause: econnreset() })) },
      { steps: [], then: hang, options: { timeoutMs: 10 } },
      { steps: [reply(502), reject(econnreset), hang], then: reply(200), options: { timeoutMs: 10 } },
    ];
    const seen: string[] = [];
    for (const { steps, then, options } of scenarios) {
      const events: TransportEvent[] = [];
      const { fetchImpl } = scripted(steps, then);
      const tpFetch = createResilientFetch(fetchImpl, { onEvent: (e) => events.push(e), ...options });
      const settled = await drive(tpFetch(get()));
      if (!settled.ok) {
        const error = settled.error as Error;
        seen.push(error.message, String(error), error.stack ?? "");
      }
      seen.push(JSON.stringify(events));
      expect(events.length).toBeGreaterThan(0);
      expect(events.every((e) => !("headers" in e))).toBe(true);
    }
    expect(seen.join("\n")).not.toMatch(/CANARY|Bearer|tpAuth/);
  });
});

describe("parseRetryAfter", () => {
  it.each([
    ["3", 3000],
    ["0", 0],
    [" 10 ", 10_000],
    ["1.5", 1500],
    [new Date(T0 + 90_000).toUTCString(), 90_000],
    ["Sunday, 01-Mar-26 14:01:00 GMT", 60_000],
    [new Date(T0 - 1).toUTCString(), 0],
    ["1", 1000],
    ["-1", undefined],
    ["soon", undefined],
    ["", undefined],
    [null, undefined],
  ])("%j → %j", (value, ms) => {
    expect(parseRetryAfter(value, T0)).toBe(ms);
  });
});

describe("options", () => {
  it.each([{ timeoutMs: 0 }, { maxRetries: -1 }, { requestsPerMinute: 0 }, { burst: 0 }, { maxTotalWaitMs: Number.NaN }])(
    "rejects %j",
    (options) => {
      expect(() => createResilientFetch(() => Promise.resolve(new Response()), options)).toThrow(RangeError);
    },
  );
});

function econnreset(): Error {
  return Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
}

describe("with Node's fetch against a loopback server", () => {
  // Checks the parts fakes cannot: cloning with a signal, body cancellation and aborts in undici.
  let server: Server;
  let base: string;
  const seen: { path: string; body: string }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        seen.push({ path: req.url ?? "", body });
        const count = seen.filter((s) => s.path === req.url).length;
        if (req.url === "/flaky" && count < 3) res.writeHead(503).end("x".repeat(100_000));
        else if (req.url === "/stuck") return;
        else if (req.url === "/stall") res.writeHead(200).write("[{");
        else if (req.url === "/reset") req.socket.destroy();
        else res.writeHead(200, { "content-type": "application/json" }).end(`{"count":${count}}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const fast = { timeoutMs: 100, maxRetries: 1, sleep: () => Promise.resolve(), operationOf: () => "getFitness" };
  const tpFetch = () => createResilientFetch((request) => fetch(request), fast);

  it("retries a POST through 503s with the same body", async () => {
    const response = await createResilientFetch((request) => fetch(request), { ...fast, maxRetries: 3 })(
      new Request(`${base}/flaky`, { method: "POST", body: '{"ctlConstant":42}', headers: { Authorization: CANARY_TOKEN } }),
    );
    expect(await response.json()).toEqual({ count: 3 });
    expect(seen.filter((s) => s.path === "/flaky").map((s) => s.body)).toEqual(Array(3).fill('{"ctlConstant":42}'));
  });

  it.each([
    ["/stuck", /^Requesting getFitness failed after 2 attempts: 127\.0\.0\.1:\d+ did not answer within 100 ms\./],
    ["/reset", /^Requesting getFitness failed after 2 attempts: the connection to 127\.0\.0\.1:\d+ broke off \([A-Z_]+\)/],
  ])("%s → UpstreamError", async (path, text) => {
    const error = (await tpFetch()(new Request(`${base}${path}`)).catch((e: unknown) => e)) as UpstreamError;
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.message).toMatch(text);
  });

  it("cuts off a stalled body", async () => {
    const response = await tpFetch()(new Request(`${base}/stall`));
    await expect(response.text()).rejects.toThrow(/Requesting getFitness failed: TrainingPeaks stopped sending its answer for 100 ms/);
  });

  it("a cancelled call rejects with the caller's reason, unwrapped", async () => {
    const controller = new AbortController();
    const reason = new Error("cancelled");
    setTimeout(() => controller.abort(reason), 20);
    await expect(tpFetch()(new Request(`${base}/stuck`, { signal: controller.signal }))).rejects.toBe(reason);
    // The caller's own deadline is the caller's: passed through, not retried, not an UpstreamError.
    await expect(tpFetch()(new Request(`${base}/stuck`, { signal: AbortSignal.timeout(20) }))).rejects.toMatchObject({
      name: "TimeoutError",
    });
  });
});
