/**
 * Request bodies go out with a Content-Length, not as a chunked stream: the transport sends each
 * attempt from a clone of the caller's request, and a cloned body is a stream of unknown length
 * to Node's fetch. Checked on the wire, at a real HTTP server, for the client's POSTs and for a
 * POST replayed after a 307.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createTrainingPeaksClient } from "../../src/client/client.js";
import { createDemoFetch } from "../../src/demo/index.js";
import { startMockHttpServer, type MockHttpServer } from "../support/http-mock.js";

let server: MockHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ANALYSIS = "/workout-analysis/v2/analyze/summary";
const posts = (mock: MockHttpServer) => mock.requests.filter((request) => request.method === "POST");

describe("a request body on the wire", () => {
  it.each([
    ["getFitness (performance data)", (client: ReturnType<typeof createTrainingPeaksClient>) => client.getFitness("2026-11-01", "2026-11-30")],
    ["analyzeWorkout (workout analysis)", async (client: ReturnType<typeof createTrainingPeaksClient>) => client.analyzeWorkout(await firstWorkoutId(client))],
  ])("%s carries a Content-Length and no Transfer-Encoding", async (_title, send) => {
    const demo = createDemoFetch({ today: "2026-12-01" });
    server = await startMockHttpServer((request) => demo(request));
    const client = createTrainingPeaksClient({ cookie: "test-cookie", baseUrl: server.url, peakswareBaseUrl: server.url, env: {} });

    await send(client);

    const sent = posts(server);
    expect(sent.length).toBeGreaterThan(0);
    for (const request of sent) {
      expect(request.headers["transfer-encoding"]).toBeUndefined();
      expect(Number(request.headers["content-length"])).toBeGreaterThan(0);
    }
  });

  it.each([
    ["a 307 replays the POST", [{ status: 307, headers: { location: `${ANALYSIS}?replayed` } }], [ANALYSIS, `${ANALYSIS}?replayed`]],
    ["a 503 is retried", [{ status: 503, headers: {} }], [ANALYSIS, ANALYSIS]],
    ["a 401 makes the client exchange the cookie again", [{ status: 401, headers: {} }], [ANALYSIS, ANALYSIS]],
  ])("keeps its Content-Length when %s", async (_title, faults, paths) => {
    const bodies: string[] = [];
    const answers = [...faults];
    server = await startMockHttpServer(async (request) => {
      if (new URL(request.url).pathname === "/users/v3/token") return Response.json({ success: true, token: { access_token: "t", expires_in: 3600 } });
      bodies.push(await request.text());
      const fault = answers.shift();
      if (fault) return new Response(null, fault);
      return Response.json({});
    });
    const client = createTrainingPeaksClient({
      cookie: "test-cookie",
      baseUrl: server.url,
      peakswareBaseUrl: server.url,
      env: {},
      transport: { requestsPerMinute: Infinity, sleep: async () => {} },
    });
    const body = { workoutId: 42 };

    await client.analysis.POST(ANALYSIS, { body });

    const sent = posts(server);
    expect(sent.map((request) => request.url)).toEqual(paths);
    for (const request of sent) {
      expect(request.headers["transfer-encoding"]).toBeUndefined();
      expect(request.headers["content-length"]).toBe(String(Buffer.byteLength(JSON.stringify(body))));
    }
    expect(bodies).toEqual(paths.map(() => JSON.stringify(body)));
  });
});

async function firstWorkoutId(client: ReturnType<typeof createTrainingPeaksClient>): Promise<number> {
  const workouts = await client.getWorkouts("2026-11-01", "2026-11-30");
  const done = workouts.find((workout) => workout.totalTime != null);
  if (!done) throw new Error("the demo has no completed workout in November 2026");
  return done.workoutId;
}
