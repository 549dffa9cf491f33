import { createTrainingPeaksClient, type TrainingPeaksClient, type TrainingPeaksClientOptions } from "../../src/client/client.js";
import { TEST_BASE_URL, TEST_PEAKSWARE_BASE_URL } from "./spec-mocks.js";

export const TEST_COOKIE = "test-cookie-value";

/**
 * The client as shipped, pointed at spec-mocks' msw hosts and blind to the machine's TP_*
 * variables, so a developer's own settings never reach a test.
 */
export function testClient(options: Partial<TrainingPeaksClientOptions> = {}): TrainingPeaksClient {
  return createTrainingPeaksClient({ cookie: TEST_COOKIE, baseUrl: TEST_BASE_URL, peakswareBaseUrl: TEST_PEAKSWARE_BASE_URL, env: {}, ...options });
}

/** A transport wait (pacing, backoff before a retry) that returns at once: a retried fault costs no wall-clock time. */
export const noWait = (): Promise<void> => Promise.resolve();
