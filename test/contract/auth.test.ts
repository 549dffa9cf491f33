/**
 * The cookie → bearer token exchange: what each answer of the exchange means, renewal before
 * expiry, one exchange at a time, one retry after a 401, and secrets kept out of every error.
 */
import { delay, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { AuthError, TpError, UpstreamError, type TrainingPeaksClient, type TrainingPeaksClientOptions } from "../../src/index.js";
import { exampleValue, rejectionOf, setupSpecServer, type OperationResolver, type RecordedRequest } from "../support/spec-mocks.js";
import { noWait, testClient } from "../support/test-client.js";

const api = setupSpecServer();

const COOKIE = "fake-auth-test-cookie_0123456789";
const ATHLETE_ID = (exampleValue("getUser", "athlete") as { user: { userId: number } }).user.userId;

/**
 * The client as shipped, except that the transport's waits (pacing, backoff before a retry)
 * return at once, so a retried fault costs no wall-clock time.
 */
function newClient(options: Partial<TrainingPeaksClientOptions> = {}): TrainingPeaksClient {
  return testClient({ cookie: COOKIE, athleteId: ATHLETE_ID, transport: { sleep: noWait }, ...options });
}

/** The spec's token answer, with its own access token and lifetime. */
function tokenAnswer(accessToken: string, expiresInSeconds = 3600): Response {
  const body = exampleValue("exchangeToken") as { token: Record<string, unknown> };
  body.token.access_token = accessToken;
  body.token.expires_in = expiresInSeconds;
  return HttpResponse.json(body);
}

/** An exchange that hands out token-1, token-2, … */
function numberedTokens(): OperationResolver {
  let issued = 0;
  return () => tokenAnswer(`token-${++issued}`);
}

/** Answers with `answers` in turn, then the last one forever. */
function inTurn(...answers: Array<() => Response>): OperationResolver {
  let calls = 0;
  return () => answers[Math.min(calls++, answers.length - 1)]!();
}

const unauthorized = () => HttpResponse.json(exampleValue("getUser", "expired") as never, { status: 401 });
const exchanges = (recorded: RecordedRequest[]) =>
  recorded.filter((request) => request.url.pathname === "/users/v3/token").length;

describe("the exchange's answer", () => {
  it.each<[string, { given: OperationResolver; want: { type: typeof TpError; message: RegExp } }]>([
    [
      "401 (expired cookie) is an auth error that says to run tp-mcp auth",
      {
        given: () => HttpResponse.json({ message: "Authorization has been denied for this request." }, { status: 401 }),
        want: { type: AuthError, message: /`tp-mcp auth`/ },
      },
    ],
    [
      "200 with an HTML login page is an auth error",
      {
        given: () => HttpResponse.html("<!DOCTYPE html><html><body><form action=/login>Sign in</form></body></html>"),
        want: { type: AuthError, message: /did not accept the session cookie.*`tp-mcp auth`/ },
      },
    ],
    [
      "500 {message: An error has occurred.} is an outage, not a bad cookie",
      {
        given: () => HttpResponse.json(exampleValue("exchangeToken", "outage") as never, { status: 500 }),
        want: { type: UpstreamError, message: /failed while signing in \(500/ },
      },
    ],
  ])("%s", async (_title, { given, want }) => {
    const mock = api.use({ overrides: { exchangeToken: given } });

    const error = await rejectionOf(newClient().getWorkout(3300000123));

    expect(error).toBeInstanceOf(want.type);
    expect((error as Error).message).toMatch(want.message);
    // No data request goes out without a token.
    expect(mock.recorded.map((request) => request.operationId)).toEqual(["exchangeToken"]);
  });
});

describe("a 401 on a data call", () => {
  it("once: exchanges again, retries with the new token and succeeds (2 exchanges)", async () => {
    const mock = api.use({
      overrides: {
        exchangeToken: numberedTokens(),
        getWorkout: inTurn(unauthorized, () => HttpResponse.json(exampleValue("getWorkout") as never)),
      },
    });
    const client = newClient();

    await expect(client.getWorkout(3300000123)).resolves.toMatchObject({ workoutId: 3300000123 });

    expect(exchanges(mock.recorded)).toBe(2);
    expect(client.tokenExchanges).toBe(2);
    // The replaced token stays a secret to redact: it may already be in a log line.
    expect(client.knownSecrets()).toEqual([COOKIE, "token-1", "token-2"]);
    const calls = mock.recorded.filter((request) => request.operationId === "getWorkout");
    expect(calls.map((request) => request.headers.get("authorization"))).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  it("twice: an auth error telling the user to run tp-mcp auth", async () => {
    const mock = api.use({ overrides: { exchangeToken: numberedTokens(), getWorkout: unauthorized } });

    const error = await rejectionOf(newClient().getWorkout(3300000123));

    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toMatch(/`tp-mcp auth`/);
    expect(exchanges(mock.recorded)).toBe(2);
    expect(mock.recorded.filter((request) => request.operationId === "getWorkout")).toHaveLength(2);
  });
});

describe("the token cache", () => {
  it("10 concurrent calls on a cold cache share one exchange", async () => {
    const slowExchange: OperationResolver = async () => {
      await delay(30);
      return tokenAnswer("shared-token");
    };
    const mock = api.use({ overrides: { exchangeToken: slowExchange } });
    const client = newClient();

    await Promise.all(Array.from({ length: 10 }, (_, i) => client.getWorkout(3300000100 + i)));

    expect(exchanges(mock.recorded)).toBe(1);
    const calls = mock.recorded.filter((request) => request.operationId === "getWorkout");
    expect(calls).toHaveLength(10);
    expect(new Set(calls.map((request) => request.headers.get("authorization")))).toEqual(new Set(["Bearer shared-token"]));
  });

  // expires_in 3600 s; the client renews 60 s before expiry.
  it.each([
    ["reused while fresh (just issued)", { given: { elapsedSeconds: 0 }, want: { exchanges: 1, secondToken: "token-1" } }],
    ["reused while fresh (61 s left)", { given: { elapsedSeconds: 3600 - 61 }, want: { exchanges: 1, secondToken: "token-1" } }],
    ["renewed 60 s before expiry", { given: { elapsedSeconds: 3600 - 60 }, want: { exchanges: 2, secondToken: "token-2" } }],
    ["renewed once expired", { given: { elapsedSeconds: 3600 + 5 }, want: { exchanges: 2, secondToken: "token-2" } }],
  ])("a token is %s", async (_title, { given, want }) => {
    let now = Date.UTC(2026, 10, 25, 12, 0, 0);
    const mock = api.use({ overrides: { exchangeToken: numberedTokens() } });
    const client = newClient({ now: () => now });

    await client.getWorkout(3300000123);
    now += given.elapsedSeconds * 1000;
    await client.getWorkout(3300000123);

    expect(exchanges(mock.recorded)).toBe(want.exchanges);
    // A renewal happens before the call that needs it, never after a failed request.
    expect(mock.recorded.map((request) => request.operationId)).toEqual(
      want.exchanges === 2
        ? ["exchangeToken", "getWorkout", "exchangeToken", "getWorkout"]
        : ["exchangeToken", "getWorkout", "getWorkout"],
    );
    expect(mock.recorded.at(-1)?.headers.get("authorization")).toBe(`Bearer ${want.secondToken}`);
  });
});

describe("secrets", () => {
  const CANARY_COOKIE = `V001CANARY_COOKIE_${"c".repeat(40)}`;
  const CANARY_TOKEN = `CANARY_TOKEN_${"t".repeat(40)}`;
  const canaryToken: OperationResolver = () => tokenAnswer(CANARY_TOKEN);

  /** Every message and stack of the error and its causes, and its own enumerable fields. */
  function everythingSaidBy(error: unknown): string {
    const parts: string[] = [];
    for (let current = error, depth = 0; current !== undefined && depth < 10; depth++) {
      if (current instanceof Error) {
        parts.push(current.message, current.stack ?? "", JSON.stringify(current));
        current = current.cause;
      } else {
        parts.push(String(current));
        break;
      }
    }
    return parts.join("\n");
  }

  it.each<[string, Partial<Record<"exchangeToken" | "getWorkout", OperationResolver>>]>([
    ["exchange refused (401)", { exchangeToken: () => HttpResponse.json({}, { status: 401 }) }],
    ["exchange answers a login page", { exchangeToken: () => HttpResponse.html("<html>login</html>") }],
    ["exchange outage (500)", { exchangeToken: () => HttpResponse.json({ message: "An error has occurred." }, { status: 500 }) }],
    ["exchange unreachable", { exchangeToken: () => HttpResponse.error() }],
    ["token refused twice (401, 401)", { exchangeToken: canaryToken, getWorkout: unauthorized }],
    ["data call 404", { exchangeToken: canaryToken, getWorkout: () => HttpResponse.json({}, { status: 404 }) }],
    ["data call 429", { exchangeToken: canaryToken, getWorkout: () => HttpResponse.json({}, { status: 429 }) }],
    ["data call 500", { exchangeToken: canaryToken, getWorkout: () => HttpResponse.json({}, { status: 500 }) }],
    ["data call answers a web page", { exchangeToken: canaryToken, getWorkout: () => HttpResponse.html("<html>login</html>") }],
    [
      "data call answers broken JSON",
      {
        exchangeToken: canaryToken,
        getWorkout: () => new Response('{"workoutId": 33', { headers: { "Content-Type": "application/json" } }),
      },
    ],
    ["data call unreachable", { exchangeToken: canaryToken, getWorkout: () => HttpResponse.error() }],
  ])("%s: neither the cookie nor the token appears in the error", async (_title, overrides) => {
    api.use({ overrides });

    const error = await rejectionOf(newClient({ cookie: CANARY_COOKIE }).getWorkout(3300000123));

    expect(error).toBeInstanceOf(TpError);
    const said = everythingSaidBy(error);
    expect(said).not.toContain(CANARY_COOKIE);
    expect(said).not.toContain("CANARY_COOKIE");
    expect(said).not.toContain(CANARY_TOKEN);
  });
});
