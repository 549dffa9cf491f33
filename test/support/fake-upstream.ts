/**
 * A stand-in for TrainingPeaks on 127.0.0.1 for the hostile stdio tests: the token exchange
 * issues a canary token, a test may take over any request (stall it, answer a huge body), and
 * everything else is answered from the demo athlete. It records when each request arrived and
 * whether its connection was cut before an answer, so tests assert on what the server sent.
 */
import { createDemoFetch } from "../../src/demo/index.js";
import { startMockHttpServer, type MockHttpRequest } from "./http-mock.js";

export const CANARY_COOKIE = `V001HOSTILECOOKIE_${"c".repeat(40)}`;
export const CANARY_TOKEN = `HOSTILETOKEN_${"t".repeat(32)}`;

/** Answers a request, or `undefined` to leave it to the demo. A promise that never settles stalls it. */
export type Override = (request: Request) => Response | Promise<Response> | undefined;

export interface FakeUpstream {
  url: string;
  /** Every request, with its arrival and, if the client cut it, when. */
  requests: MockHttpRequest[];
  /** The environment for `tp-mcp serve` against this upstream, with the canary cookie. */
  env(extra?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

export async function startFakeUpstream(override: Override = () => undefined): Promise<FakeUpstream> {
  const demo = createDemoFetch();
  const mock = await startMockHttpServer(async (request) =>
    new URL(request.url).pathname === "/users/v3/token"
      ? Response.json({ success: true, token: { access_token: CANARY_TOKEN, token_type: "Bearer", expires_in: 3600 } })
      : await (override(request) ?? demo(request)),
  );
  return {
    ...mock,
    env: (extra = {}) => ({ TP_AUTH_COOKIE: CANARY_COOKIE, TP_API_BASE_URL: mock.url, TP_PEAKSWARE_BASE_URL: mock.url, TP_MCP_HOME: "/nonexistent/tp-mcp-hostile", ...extra }),
  };
}

/** Never settles: the request stalls until the client gives up or the fake closes. */
export const stall = (): Promise<Response> => new Promise<Response>(() => undefined);

export const isWorkoutList = (request: Request) => /\/workouts\/\d{4}-\d{2}-\d{2}\/\d{4}-\d{2}-\d{2}$/.test(new URL(request.url).pathname);
