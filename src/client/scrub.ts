import { redact } from "../core/redact.js";
import type { OperationId } from "../generated/constants.js";
import type { OperationCall, OperationInit } from "./operations.js";

/** Sets a property even where the prototype has only a getter (DOMException's message). */
function overwrite(target: object, key: "message" | "stack", value: string): void {
  try {
    Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
  } catch {
    // A frozen error: nothing this code built, and nothing it can change.
  }
}

/**
 * Replaces every known secret in an error's message and stack, and in its causes', in place.
 * The messages the client writes never quote a secret; this is the last line of defence for
 * whatever a library, a custom fetch or an upstream put into an error on its way out.
 */
export function scrubError<E>(error: E, secrets: readonly string[], depth = 0): E {
  if (!(error instanceof Error) || depth > 4) return error;
  const message = redact(error.message, secrets);
  if (message !== error.message) overwrite(error, "message", message);
  const stack = error.stack;
  if (stack !== undefined) {
    const clean = redact(stack, secrets);
    if (clean !== stack) overwrite(error, "stack", clean);
  }
  if (error.cause !== undefined && error.cause !== error) scrubError(error.cause, secrets, depth + 1);
  return error;
}

/** `call`, with every rejection scrubbed of the secrets known when it rejects (a token may be new). */
export function scrubbingCall(call: OperationCall, secrets: () => readonly string[]): OperationCall {
  return <Id extends OperationId>(operation: Id, init: OperationInit<Id>) =>
    call(operation, init).catch((error: unknown) => {
      throw scrubError(error, secrets());
    });
}
