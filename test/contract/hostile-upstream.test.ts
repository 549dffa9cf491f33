/**
 * A hostile or broken upstream, and configuration that would leak the cookie: reason phrases that
 * echo the Cookie or Authorization header, a token that cannot go into a header, base URLs that
 * would send the cookie in clear or carry a password. Every case ends in a TpError whose message
 * says what to do and holds no secret.
 */
import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { AuthError, createTrainingPeaksClient, InvalidInputError, TpError, UpstreamError, type TrainingPeaksClientOptions } from "../../src/index.js";
import { exampleValue, rejectionOf, setupSpecServer, type OperationResolver } from "../support/spec-mocks.js";
import { noWait, testClient } from "../support/test-client.js";

const api = setupSpecServer();

const COOKIE = `V001HOSTILECANARY_${"c".repeat(32)}`;
const TOKEN = `HOSTILETOKEN_${"t".repeat(32)}`;
const ATHLETE_ID = (exampleValue("getUser", "athlete") as { user: { userId: number } }).user.userId;

const newClient = (options: Partial<TrainingPeaksClientOptions> = {}) =>
  testClient({ cookie: COOKIE, athleteId: ATHLETE_ID, transport: { sleep: noWait, maxRetries: 0 }, ...options });

function tokenAnswer(accessToken: string): Response {
  const body = exampleValue("exchangeToken") as { token: Record<string, unknown> };
  body.token.access_token = accessToken;
  return HttpResponse.json(body);
}

/** A status whose reason phrase repeats the request's own secrets, as a hostile proxy might. */
const echoing =
  (status: number): OperationResolver =>
  ({ request }) =>
    HttpResponse.json({}, { status, statusText: `echo ${request.headers.get("cookie") ?? ""} ${request.headers.get("authorization") ?? ""}` });

function expectClean(error: unknown, secrets: readonly string[]): asserts error is TpError {
  expect(error).toBeInstanceOf(TpError);
  const text = `${(error as Error).message}\n${(error as Error).stack ?? ""}`;
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe("a reason phrase that echoes the secrets", () => {
  it.each([
    ["418 on the exchange (the cookie)", { exchangeToken: echoing(418) }, /while signing in \(418\); .*try again/i],
    ["418 on a data call (cookie and token)", { exchangeToken: () => tokenAnswer(TOKEN), getWorkout: echoing(418) }, /while reading the workout \(418\)/],
    ["500 on a data call, after the transport gives up", { exchangeToken: () => tokenAnswer(TOKEN), getWorkout: echoing(500) }, /while reading the workout \(500/],
  ])("%s: the status code, never the phrase", async (_title, overrides, message) => {
    api.use({ overrides });

    const error = await rejectionOf(newClient().getWorkout(3300000123));

    expectClean(error, [COOKIE, TOKEN, "echo"]);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.message).toMatch(message);
  });
});

describe("a token that cannot go into a header", () => {
  it.each([
    ["CR/LF", `BADTOKEN_${"x".repeat(16)}\r\nY: 1`],
    ["a space", `BADTOKEN_${"y".repeat(16)} more`],
    ["a non-ASCII character", `BADTOKEN_${"z".repeat(16)}é`],
  ])("with %s: an upstream error, not cached, so the next call exchanges again", async (_title, bad) => {
    let exchanges = 0;
    const mock = api.use({ overrides: { exchangeToken: () => tokenAnswer(++exchanges === 1 ? bad : TOKEN) } });
    const client = newClient();

    const error = await rejectionOf(client.getWorkout(3300000123));
    expectClean(error, [COOKIE, bad, "BADTOKEN"]);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.message).toMatch(/exchangeToken with a token that cannot be sent back.*try again/);
    // Nothing was sent with it.
    expect(mock.recorded.map((request) => request.operationId)).toEqual(["exchangeToken"]);

    await expect(client.getWorkout(3300000123)).resolves.toMatchObject({ workoutId: 3300000123 });
    expect(client.tokenExchanges).toBe(2);
    expect(mock.recorded.find((request) => request.operationId === "getWorkout")?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    // Refused, yet still a secret: it was received, so redaction must know it.
    expect(client.knownSecrets()).toEqual([COOKIE, bad, TOKEN]);
  });

  it("authenticate() (what `tp-mcp auth` runs) rejects the same way", async () => {
    api.use({ overrides: { exchangeToken: () => tokenAnswer(`BADTOKEN_${"x".repeat(16)}\r\nY: 1`) } });

    const error = await rejectionOf(newClient().authenticate());

    expectClean(error, [COOKIE, "BADTOKEN"]);
    expect(error).toBeInstanceOf(UpstreamError);
  });
});

describe("the last line of defence", () => {
  it("an error from a custom fetch that quotes the cookie or the token leaves the client scrubbed", async () => {
    const fetch = async (request: Request) => {
      if (new URL(request.url).pathname === "/users/v3/token") return tokenAnswer(TOKEN);
      throw new TypeError(`custom fetch broke on ${request.headers.get("authorization") ?? ""} / ${COOKIE}`);
    };
    const client = newClient({ fetch, transport: false });

    const error = await rejectionOf(client.getWorkout(3300000123));

    expect(error).toBeInstanceOf(TypeError);
    const text = `${(error as Error).message}\n${(error as Error).stack}`;
    expect(text).not.toContain(COOKIE);
    expect(text).not.toContain(TOKEN);
    expect((error as Error).message).toBe("custom fetch broke on Bearer [redacted] / [redacted]");
  });

  it("authenticate() scrubs an exchange error that quotes the cookie", async () => {
    const fetch = async (request: Request) => {
      throw new TypeError(`cannot send ${request.headers.get("cookie")}`);
    };

    const error = await rejectionOf(newClient({ fetch, transport: false }).authenticate());

    expect((error as Error).message).toBe("cannot send Production_tpAuth=[redacted]");
  });
});

describe("base URLs, checked when the client is created", () => {
  const create = (options: Partial<TrainingPeaksClientOptions>) => () =>
    createTrainingPeaksClient({ cookie: COOKIE, fetch: () => Promise.reject(new Error("no request expected")), env: {}, ...options });

  it.each<[string, Partial<TrainingPeaksClientOptions>, RegExp]>([
    ["http to another host (option)", { baseUrl: "http://tpapi.example" }, /^The baseUrl option uses plain http:\/\/ to tpapi\.example.*unencrypted.*TP_ALLOW_INSECURE_BASE_URL=1/],
    ["http to another host (env)", { env: { TP_PEAKSWARE_BASE_URL: "http://10.0.0.8:8080" } }, /^TP_PEAKSWARE_BASE_URL uses plain http:\/\/ to 10\.0\.0\.8.*Use https:\/\//],
    ["the opt-in set to anything but 1", { env: { TP_API_BASE_URL: "http://tpapi.example", TP_ALLOW_INSECURE_BASE_URL: "yes" } }, /^TP_API_BASE_URL uses plain http/],
    ["user:password@ (https)", { env: { TP_API_BASE_URL: "https://alice:hunter2pw@tpapi.example" } }, /^TP_API_BASE_URL contains a user name or password.*remove that part/],
    ["user:password@ (loopback)", { peakswareBaseUrl: "http://bob:hunter2pw@127.0.0.1:9" }, /^The peakswareBaseUrl option contains a user name or password/],
    ["not a URL", { env: { TP_API_BASE_URL: "https://[hunter2pw" } }, /^TP_API_BASE_URL is not a valid URL\. Set it to an https:\/\/ address such as https:\/\/tpapi\.trainingpeaks\.com/],
    ["no scheme", { env: { TP_PEAKSWARE_BASE_URL: "api.peakswaresb.com" } }, /^TP_PEAKSWARE_BASE_URL is not a valid URL\. .*https:\/\/api\.peakswaresb\.com/],
    ["another scheme", { env: { TP_API_BASE_URL: "ftp://tpapi.example" } }, /^TP_API_BASE_URL must be an http\(s\):\/\/ URL/],
    ["a query", { baseUrl: "https://tpapi.example/?hunter2pw=1" }, /^The baseUrl option must not contain a query/],
  ])("%s: a configuration error naming the setting", (_title, options, message) => {
    let error: unknown;
    try {
      create(options)();
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).code).toBe("invalid_input");
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("hunter2pw");
  });

  it.each<[string, Partial<TrainingPeaksClientOptions>]>([
    ["127.0.0.0/8", { baseUrl: "http://127.0.0.1:9", peakswareBaseUrl: "http://127.8.9.10:9/" }],
    ["localhost and ::1", { env: { TP_API_BASE_URL: "http://localhost:9", TP_PEAKSWARE_BASE_URL: "http://[::1]:9" } }],
    ["any host with TP_ALLOW_INSECURE_BASE_URL=1", { env: { TP_API_BASE_URL: "http://tpapi.example", TP_ALLOW_INSECURE_BASE_URL: "1" } }],
    ["the https defaults", {}],
  ])("plain http is allowed to %s", (_title, options) => {
    expect(create(options)).not.toThrow();
  });

  it("the opt-in sends to the insecure host it names", async () => {
    const mock = api.use({ baseUrl: "http://tpapi.example" });
    const client = testClient({ cookie: COOKIE, baseUrl: undefined, env: { TP_API_BASE_URL: "http://tpapi.example", TP_ALLOW_INSECURE_BASE_URL: "1" } });

    await client.authenticate();

    expect(mock.recorded.map((request) => request.url.origin)).toEqual(["http://tpapi.example"]);
  });
});

describe("a cookie that cannot go into a header", () => {
  it.each([
    ["CR/LF", `${COOKIE}\r\nX-Evil: 1`],
    ["a semicolon", `${COOKIE}; other=1`],
    ["a non-ASCII character", `${COOKIE}é`],
  ])("with %s: an auth error at creation that does not quote it", (_title, cookie) => {
    let error: unknown;
    try {
      createTrainingPeaksClient({ cookie, env: {} });
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toMatch(/cookie contains characters a cookie cannot have.*`tp-mcp auth`/);
    expect((error as Error).message).not.toContain(COOKIE);
  });
});
