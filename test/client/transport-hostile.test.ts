/**
 * The transport against hostile answers (issue 13), at the client level: what the stdio suite
 * (test/e2e/hostile-transport.test.ts) cannot pin exactly — clock arithmetic, every redirect rule,
 * the pacing wait bound, the size limit as an option.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RateLimitError, UpstreamError } from "../../src/client/errors.js";
import { createResilientFetch, parseRetryAfter, TRANSPORT_DEFAULTS, type TransportEvent } from "../../src/client/transport.js";
import { transportFromEnv } from "../../src/client/env-config.js";
import { virtualClock } from "../support/virtual-clock.js";

const T0 = Date.UTC(2026, 2, 1, 14, 0, 0);

/** An upstream that gives `answer()` to every request and counts them. */
function counted(answer: () => Response) {
  let requests = 0;
  return {
    fetch: async () => {
      requests += 1;
      return answer();
    },
    count: () => requests,
  };
}


describe("Retry-After at the extremes", () => {
  it("a huge value is read as a day, never an invalid date", () => {
    expect(parseRetryAfter("99999999999999", T0)).toBe(86_400_000);
    expect(parseRetryAfter("9".repeat(400), T0)).toBe(86_400_000);
    expect(parseRetryAfter(new Date(T0 + 3 * 86_400_000).toUTCString(), T0)).toBe(86_400_000);
  });

  it("429 with Retry-After: 99999999999999 → RateLimitError at once, a valid retryAt a day away", async () => {
    const clock = virtualClock(T0);
    const upstream = counted(() => new Response("", { status: 429, headers: { "Retry-After": "99999999999999" } }));
    const tpFetch = createResilientFetch(upstream.fetch, { now: clock.now, sleep: clock.sleep, operationOf: () => "getWorkouts" });
    const error = (await tpFetch(new Request("https://tp.test/x")).catch((e: unknown) => e)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAt?.getTime()).toBe(T0 + 86_400_000);
    expect(error.message).toBe("TrainingPeaks is rate-limiting requests; try again in about 24 hours (at 2026-03-02 14:00 UTC).");
    expect(upstream.count()).toBe(1);
  });

  it.each([
    { name: "503 with Retry-After: 0", status: 503, retryAfter: "0", sleeps: [250, 500, 1000] },
    { name: "429 with a date in the past", status: 429, retryAfter: new Date(T0 - 60_000).toUTCString(), sleeps: [500, 1000, 2000] },
  ])("$name → the backoff's floor between attempts, not back to back", async ({ status, retryAfter, sleeps }) => {
    const clock = virtualClock(T0);
    const tpFetch = createResilientFetch(async () => new Response("", { status, headers: { "Retry-After": retryAfter } }), {
      now: clock.now,
      sleep: clock.sleep,
    });
    await expect(tpFetch(new Request("https://tp.test/x"))).rejects.toThrow();
    expect(clock.sleeps).toEqual(sleeps);
  });
});

describe("the pacing wait and queue are bounded", () => {
  it("a request that would wait longer than maxPacingWaitMs is refused at once with a RateLimitError, nothing sent", async () => {
    // One a second, a burst of 1, waiters that never wake (so they stay queued): the third request
    // would wait 2 s, beyond the 1.5 s allowed.
    const clock = virtualClock(T0);
    const upstream = counted(() => new Response("ok"));
    const tight = createResilientFetch(upstream.fetch, { now: clock.now, sleep: () => new Promise<void>(() => {}), requestsPerMinute: 60, burst: 1, maxPacingWaitMs: 1_500, operationOf: () => "getWorkouts" },
    );
    await tight(new Request("https://tp.test/x"));
    void tight(new Request("https://tp.test/x")); // waits 1 s (never wakes)
    const error = (await tight(new Request("https://tp.test/x")).catch((e: unknown) => e)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ code: "rate_limited", operation: "getWorkouts" });
    expect(error.retryAt?.getTime()).toBe(T0 + 2_000);
    expect(error.message).toBe(
      "Reading your workouts: the request was not sent, as it would have waited 2 seconds for its turn (at most 1.5 s is allowed); " +
        "this server sends TrainingPeaks at most 60 requests a minute. Try again in 2 seconds, or ask for less at once.",
    );
    expect(upstream.count()).toBe(1);
  });

  it("beyond maxQueuedRequests waiting, a request is refused; a refused one gives its token back", async () => {
    const clock = virtualClock(T0);
    const tpFetch = createResilientFetch(async () => new Response("ok"), {
      now: clock.now,
      sleep: () => new Promise<void>(() => {}),
      requestsPerMinute: 60,
      burst: 1,
      maxQueuedRequests: 2,
      operationOf: () => "getWorkouts",
    });
    await tpFetch(new Request("https://tp.test/x"));
    void tpFetch(new Request("https://tp.test/x"));
    void tpFetch(new Request("https://tp.test/x"));
    for (let i = 0; i < 2; i++) {
      const error = (await tpFetch(new Request("https://tp.test/x")).catch((e: unknown) => e)) as RateLimitError;
      expect(error).toBeInstanceOf(RateLimitError);
      // The refused request took no token: the wait quoted stays the third waiter's, 3 s.
      expect(error.message).toMatch(/^Reading your workouts: the request was not sent, as 2 requests are already waiting their turn \(at most 2 may wait\);.* Try again in 3 seconds/);
    }
  });

  it("defaults: 100 queued, 60 s, 20 MB; the environment sets each", () => {
    expect(TRANSPORT_DEFAULTS).toMatchObject({ maxQueuedRequests: 100, maxPacingWaitMs: 60_000, maxResponseBytes: 20_000_000 });
    expect(transportFromEnv({ TP_MAX_QUEUED_REQUESTS: "5", TP_MAX_PACING_WAIT_MS: "1000", TP_MAX_RESPONSE_BYTES: "1024" })).toEqual({
      maxQueuedRequests: 5,
      maxPacingWaitMs: 1000,
      maxResponseBytes: 1024,
    });
  });
});

describe("with Node's fetch against loopback servers", () => {
  let server: Server;
  let other: Server;
  let base: string;
  let otherBase: string;
  const seen: { method: string; path: string; body: string; authorization?: string }[] = [];
  const otherSeen: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        seen.push({ method: req.method ?? "", path: req.url ?? "", body, authorization: req.headers.authorization });
        const [path, status] = (req.url ?? "").split("?s=") as [string, string | undefined];
        if (path === "/hop") res.writeHead(Number(status), { location: "/done" }).end();
        else if (path === "/away") res.writeHead(302, { location: `${otherBase}/steal` }).end();
        else if (path === "/endless") {
          res.writeHead(200, { "content-type": "application/json" });
          const pump = () => {
            while (!res.destroyed && res.write("x".repeat(16_384)));
          };
          res.on("drain", pump);
          pump();
        } else res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ method: req.method, body }));
      });
    });
    other = createServer((req, res) => {
      otherSeen.push(req.url ?? "");
      res.end("{}");
    });
    for (const s of [server, other]) await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    otherBase = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    for (const s of [server, other]) {
      s.closeAllConnections();
      s.close();
    }
  });

  const post = (path: string) => new Request(`${base}${path}`, { method: "POST", body: '{"a":1}', headers: { Authorization: "Bearer T", "content-type": "application/json" } });

  it.each([
    { status: 303, method: "GET", body: "" },
    { status: 302, method: "GET", body: "" },
    { status: 307, method: "POST", body: '{"a":1}' },
    { status: 308, method: "POST", body: '{"a":1}' },
  ])("a same-origin $status after a POST is followed as $method, paced and counted as a request", async ({ status, method, body }) => {
    const events: TransportEvent[] = [];
    seen.length = 0;
    const response = await createResilientFetch((r) => fetch(r), { onEvent: (e) => events.push(e) })(post(`/hop?s=${status}`));
    expect(await response.json()).toEqual({ method, body });
    expect(seen.map((s) => s.path)).toEqual([`/hop?s=${status}`, "/done"]);
    expect(seen[1]!.authorization).toBe("Bearer T");
    expect(events.filter((e) => e.type === "request")).toHaveLength(2);
  });

  it("a redirect to another origin is an UpstreamError: not followed, not retried, the token never sent there", async () => {
    seen.length = 0;
    const error = (await createResilientFetch((r) => fetch(r), { operationOf: () => "exchangeToken" })(post("/away")).catch((e: unknown) => e)) as UpstreamError;
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.message).toMatch(/^Signing in failed: TrainingPeaks redirected the request \(302\) to another site, which was not followed/);
    expect(error.message).not.toContain(otherBase);
    expect(otherSeen).toEqual([]);
    expect(seen).toHaveLength(1);
  });

  it("an endless body stops at maxResponseBytes with an UpstreamError naming the operation and the limit", async () => {
    const response = await createResilientFetch((r) => fetch(r), { maxResponseBytes: 100_000, operationOf: () => "getWorkouts" })(new Request(`${base}/endless`));
    const error = (await response.text().catch((e: unknown) => e)) as UpstreamError;
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.message).toBe(
      "Reading your workouts failed: TrainingPeaks sent more than 100 kB, the limit (TP_MAX_RESPONSE_BYTES); " +
        "the answer was dropped. Ask for a shorter date range, or raise the limit.",
    );
    expect(error.operation).toBe("getWorkouts");
  });

  it("a trickling body is cut off at the deadline, said to be too slow", async () => {
    const trickle = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const timer = setInterval(() => res.write(" "), 20);
      res.on("close", () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => trickle.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(trickle.address() as AddressInfo).port}/`;
      const response = await createResilientFetch((r) => fetch(r), { timeoutMs: 300, operationOf: () => "getWorkouts" })(new Request(url));
      await expect(response.text()).rejects.toThrow(/^Reading your workouts failed: TrainingPeaks sent its answer too slowly: it was not complete within 300 ms;/);
    } finally {
      trickle.closeAllConnections();
      trickle.close();
    }
  });

  it("cancelling the caller's signal mid-body errors the body with the caller's reason", async () => {
    const controller = new AbortController();
    const response = await createResilientFetch((r) => fetch(r))(new Request(`${base}/endless`, { signal: controller.signal }));
    const reader = response.body!.getReader();
    await reader.read();
    const reason = new Error("cancelled by the user");
    controller.abort(reason);
    await expect(reader.read()).rejects.toBe(reason);
  });
});
