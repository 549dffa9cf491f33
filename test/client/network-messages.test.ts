/**
 * What a user reads when TrainingPeaks cannot be reached: the host, the cause, and whose side it
 * is most likely on, in words ("signing in"), never an operation id. Snapshots, so a change to
 * any wording is a visible diff.
 */
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createResilientFetch } from "../../src/client/transport.js";
import { operationOfRequest } from "../../src/client/routes.js";
import { giveUpError } from "../../src/client/transport/messages.js";

const socketError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });
const fetchFailed = (code?: string) => new TypeError("fetch failed", code ? { cause: socketError(code) } : undefined);

function messageFor(code: string | undefined, host: string, operation = "exchangeToken", label = "signing in") {
  return giveUpError({ reason: "network_error", cause: fetchFailed(code) }, { label, operation, host, attempts: 4, timeoutMs: 30_000, now: 0 }).message;
}

const CODES = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "CERT_HAS_EXPIRED", "ERR_TLS_CERT_ALTNAME_INVALID", "ECONNRESET", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT", undefined];

describe("network failures name the host, the cause and the likely side", () => {
  it.each(CODES)("%s on TrainingPeaks' own host", (code) => {
    expect(messageFor(code, "tpapi.trainingpeaks.com")).toMatchSnapshot();
  });

  it.each(CODES)("%s on a host the user configured", (code) => {
    expect(messageFor(code, "127.0.0.1:9")).toMatchSnapshot();
  });

  it("names the analysis host's variable for its operations", () => {
    expect(messageFor("ENOTFOUND", "peaks.example", "analyzeWorkoutSummary", "analysing the workout")).toContain("TP_PEAKSWARE_BASE_URL");
  });

  it("a server error and a timeout say it is on TrainingPeaks' side", () => {
    const context = { label: "reading your workouts", operation: "getWorkouts", host: "tpapi.trainingpeaks.com", attempts: 4, timeoutMs: 30_000, now: 0 };
    expect(giveUpError({ reason: "server_error", status: 503, retryAfterMs: undefined }, context).message).toMatchSnapshot();
    expect(giveUpError({ reason: "timeout", cause: new DOMException("timed out", "TimeoutError") }, context).message).toMatchSnapshot();
  });

  it("no message carries an operation id", () => {
    for (const code of CODES) {
      for (const host of ["tpapi.trainingpeaks.com", "127.0.0.1:9"]) expect(messageFor(code, host)).not.toMatch(/exchangeToken|getWorkouts/);
    }
  });
});

describe("over a real closed port, with Node's fetch", () => {
  it("says the connection was refused at that host, and to check the base URL", async () => {
    // A port that was just free: nothing listens there any more.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));

    const tpFetch = createResilientFetch(fetch, { operationOf: operationOfRequest, maxRetries: 1, sleep: async () => {} });
    const error = (await tpFetch(new Request(`http://127.0.0.1:${port}/users/v3/token`)).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(
      `Signing in failed after 2 attempts: could not connect to 127.0.0.1:${port} (connection refused, ECONNREFUSED). ` +
        `127.0.0.1:${port} is not a TrainingPeaks address but the one TP_API_BASE_URL (or the client's base URL) sets: check it, and that the server it names is running.`,
    );
  });
});
