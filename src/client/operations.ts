import type { Client, FetchOptions, FetchResponse } from "openapi-fetch";
import type { paths } from "../generated/api.js";
import { OPERATIONS, type OperationId } from "../generated/constants.js";
import { isTpError, UpstreamError } from "./errors.js";
import { answerMayBeNull, assertShape } from "./response-check.js";
import { activityOf } from "./routes.js";
import { networkErrorCode } from "./transport/faults.js";

type Route<Id extends OperationId> = (typeof OPERATIONS)[Id];

/** An operation as `paths` types it, reached through its path and method the way openapi-fetch reaches it. */
type Operation<Id extends OperationId> = NonNullable<paths[Route<Id>["path"]][Lowercase<Route<Id>["method"]>]>;

/** What a call sends: path, query and body typed by the spec, beside fetch's own options (signal, headers). */
export type OperationInit<Id extends OperationId> = FetchOptions<Operation<Id>>;

/** The operation's 200 answer as the spec types it (null only where the spec allows null). */
export type OperationAnswer<Id extends OperationId> = Exclude<
  FetchResponse<Operation<Id>, OperationInit<Id>, `${string}/${string}`>["data"],
  undefined
>;

/** Sends one operation, named by its id, and resolves its checked answer. */
export type OperationCall = <Id extends OperationId>(operation: Id, init: OperationInit<Id>) => Promise<OperationAnswer<Id>>;

type FetchResult<T> = Promise<{ data?: T; error?: unknown; response: Response }>;

/** openapi-fetch's `request`, as it behaves at run time: any method, any path. */
interface UntypedClient {
  request<Answer>(method: string, path: string, init: object): FetchResult<Answer>;
}

/**
 * The one way the client sends an operation: its method and path come from the spec's table,
 * never written again beside the id, and its answer is checked before anyone reads it.
 */
export function createOperationCall(clientFor: (operation: OperationId) => Client<paths>): OperationCall {
  return (operation, init) => {
    const { method, path } = OPERATIONS[operation];
    // openapi-fetch types a request by its path literal. Here the path is looked up from the id, so
    // the compiler cannot pair it with `init` inside this function; OperationCall's signature pairs
    // them for every caller instead.
    const client = clientFor(operation) as unknown as UntypedClient;
    return answerOf(operation, client.request<OperationAnswer<typeof operation>>(method, path, init));
  };
}

/** Unwraps an openapi-fetch result, checked against the spec; statuses were already thrown by the error middleware. */
async function answerOf<T>(operation: OperationId, call: FetchResult<T>): Promise<T> {
  let result: Awaited<FetchResult<T>>;
  try {
    result = await call;
  } catch (error) {
    if (isTpError(error) || (error instanceof Error && error.name === "AbortError")) throw error;
    if (error instanceof SyntaxError) {
      throw new UpstreamError(`TrainingPeaks sent malformed JSON while ${activityOf(operation)}; try again, and if it persists the API may have changed.`, { operation });
    }
    // Headers arrived but the body did not (the connection broke off): name the code, never the
    // library's own wording, and say what to do.
    const code = networkErrorCode(error);
    if (!code && !(error instanceof Error && error.message === "terminated")) throw error; // a bug, not the network
    throw new UpstreamError(
      `TrainingPeaks broke off its answer while ${activityOf(operation)}${code ? ` (network error: ${code})` : ""}; try again in a few minutes.`,
      { operation, cause: error },
    );
  }
  if (result.data === undefined || result.data === null) {
    // "No such event" comes as null or as no body at all. The spec says which answers may be null,
    // and T, typed from the same spec, includes null for exactly those.
    if (await answerMayBeNull(operation)) return null as T;
    throw new UpstreamError(`TrainingPeaks sent an empty answer while ${activityOf(operation)}; the API may have changed.`, {
      operation,
      status: result.response.status,
    });
  }
  await assertShape(operation, result.data);
  return result.data;
}
