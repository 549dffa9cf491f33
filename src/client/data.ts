import type { OperationId } from "../generated/constants.js";
import { isTpError, UpstreamError } from "./errors.js";
import { answerMayBeNull, assertShape } from "./response-check.js";
import { networkErrorCode } from "./transport/faults.js";

type FetchResult<T> = Promise<{ data?: T; error?: unknown; response: Response }>;

/** Unwraps an openapi-fetch result, checked against the spec; errors were already thrown by the middleware. */
export async function dataOf<T>(operation: OperationId, call: FetchResult<T>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (error) {
    if (isTpError(error) || (error instanceof Error && error.name === "AbortError")) throw error;
    if (error instanceof SyntaxError) {
      throw new UpstreamError(`TrainingPeaks answered ${operation} with malformed JSON; try again, and if it persists the API may have changed.`, { operation });
    }
    // Headers arrived but the body did not (the connection broke off): name the code, never the
    // library's own wording, and say what to do.
    const code = networkErrorCode(error);
    if (!code && !(error instanceof Error && error.message === "terminated")) throw error; // a bug, not the network
    throw new UpstreamError(
      `TrainingPeaks broke off its answer to ${operation}${code ? ` (network error: ${code})` : ""}; try again in a few minutes.`,
      { operation, cause: error },
    );
  }
  if (result.data === undefined || result.data === null) {
    // "No such event" comes as null or as no body at all. The spec says which answers may be null,
    // and T, typed from the same spec, includes null for exactly those.
    if (answerMayBeNull(operation)) return null as T;
    throw new UpstreamError(`TrainingPeaks answered ${operation} with an empty body; the API may have changed.`, {
      operation,
      status: result.response.status,
    });
  }
  assertShape(operation, result.data);
  return result.data;
}
