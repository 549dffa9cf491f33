/**
 * The response body's own deadline and size limit, enforced while the caller reads it.
 *
 * Why the body is wrapped rather than left to the request's abort signal: once the headers are in,
 * nothing of ours referenced the Request we sent, and Node's fetch ties a request to its signal only
 * through weak references. After a garbage collection, aborting the signal reached nothing, and a
 * stalled body hung its call forever. Here the deadline timer, the size count and the caller's
 * cancellation error the wrapper stream directly, and cancel the fetch's own body stream (which
 * closes the connection). Each holds what it must reach — the wrapper's controller, the source
 * reader, the attempt's AbortController and the request — through closures an armed timer or a
 * pending read keeps alive, so no collection can cut the link.
 */
import { bodyTimeoutError, bodyTooLargeError } from "./messages.js";
import { unrefTimer } from "./timing.js";

export interface BodyLimits {
  /** The operation name, else "GET /path". */
  label: string;
  operation: string | undefined;
  /** The whole body must arrive within this long after the headers. */
  timeoutMs: number;
  /** Decoded bytes (after gzip), counted as they stream; one more and the body is dropped. */
  maxBytes: number;
  /** The caller's signal (MCP cancellation): aborting it errors the body with its reason. */
  signal: AbortSignal;
  /** Aborts the attempt's fetch; kept, with `keep`, until the body is done. */
  abort: (reason: unknown) => void;
  /** Objects that must outlive the body read (the request sent): `limits` is held until then, and so are they. */
  keep: unknown;
  now?: () => number;
}

/**
 * A response whose body is `response`'s, passed through chunk by chunk under `limits`. Without a
 * body, `response` itself.
 */
export function guardBody(response: Response, limits: BodyLimits): Response {
  const source = response.body;
  if (!source) return response;
  const now = limits.now ?? Date.now;
  const reader = source.getReader();
  let bytes = 0;
  let lastChunkAt = now();
  let done = false;
  let output: ReadableStreamDefaultController<Uint8Array> | undefined;

  /** Ends the guard once; with a reason, the body fails with it and the fetch behind it is aborted. */
  const finish = (reason?: unknown) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    limits.signal.removeEventListener("abort", onCallerAbort);
    if (reason === undefined) return;
    try {
      output?.error(reason);
    } catch {
      // Already closed or errored: nothing to tell the reader.
    }
    reader.cancel(reason).catch(() => undefined);
    limits.abort(reason);
  };
  const onCallerAbort = () => finish(limits.signal.reason);
  const timer = setTimeout(() => {
    // "Stopped" when nothing came for most of the deadline; otherwise it trickled.
    const stalled = now() - lastChunkAt >= limits.timeoutMs / 2;
    finish(bodyTimeoutError(limits.label, limits.operation, limits.timeoutMs, stalled));
  }, limits.timeoutMs);
  // Pending on a body nobody reads must not keep the process alive; the timer still fires if it runs.
  unrefTimer(timer);
  if (limits.signal.aborted) queueMicrotask(onCallerAbort);
  else limits.signal.addEventListener("abort", onCallerAbort, { once: true });

  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        output = controller;
      },
      async pull(controller) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          // The connection broke off: the caller sees fetch's own error, as without the guard.
          finish();
          throw error;
        }
        if (done) return; // errored meanwhile by the deadline, the limit or the caller
        if (chunk.done) {
          finish();
          controller.close();
          return;
        }
        bytes += chunk.value.byteLength;
        if (bytes > limits.maxBytes) {
          finish(bodyTooLargeError(limits.label, limits.operation, limits.maxBytes));
          return;
        }
        lastChunkAt = now();
        controller.enqueue(chunk.value);
      },
      cancel(reason) {
        // The caller dropped the body (discard): release the connection too.
        finish();
        limits.abort(reason);
        return reader.cancel(reason);
      },
    },
    // Pull only when the caller reads: a body nobody reads is not buffered here.
    { highWaterMark: 0 },
  );
  const { status, statusText, headers } = response;
  return new Response(body, { status, statusText, headers });
}
