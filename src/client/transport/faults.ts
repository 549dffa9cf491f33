/** Telling transient faults apart, and cleaning up after them. */

/** Socket-level error codes (Node and undici) that say "try again", not "you asked wrongly". */
const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "ENETDOWN",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

const NETWORK_MESSAGES = /fetch failed|other side closed|socket hang up|network|ECONNRESET/i;

function codeOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
}

function causeOf(error: unknown): unknown {
  return error instanceof Error ? error.cause : undefined;
}

/**
 * True for a failure to talk to the server at all: fetch rejects with a TypeError for every
 * network error (undici: "fetch failed" with the socket error as cause), other fetches with a
 * socket error code or message.
 */
export function isNetworkError(error: unknown): boolean {
  if (error instanceof TypeError) return true;
  const code = codeOf(error) ?? codeOf(causeOf(error));
  if (code !== undefined && NETWORK_CODES.has(code)) return true;
  return error instanceof Error && NETWORK_MESSAGES.test(error.message);
}

/**
 * A socket error code safe to show ("ECONNRESET"), if there is one. Only codes are shown, never
 * the error's own message, which a custom fetch might have filled with anything.
 */
export function networkErrorCode(error: unknown): string | undefined {
  for (const candidate of [error, causeOf(error)]) {
    const code = codeOf(candidate);
    if (code !== undefined && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)) return code;
  }
  return undefined;
}

/** Releases a response we will not read, so its socket goes back to the pool. */
// Callers need not await it: cancelling some bodies (msw's streams) never settles.
export async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // Already read or locked: nothing left to release.
  }
}

/**
 * Settles with `pending`, or rejects with the signal's reason as soon as it aborts, even when the
 * fetch behind `pending` ignores its signal (a late response is then discarded).
 */
export function raceAbort(pending: Promise<Response>, signal: AbortSignal): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    let aborted = false;
    const onAbort = () => {
      aborted = true;
      reject(signal.reason);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    pending.then(
      (response) => {
        signal.removeEventListener("abort", onAbort);
        if (aborted) void discard(response);
        else resolve(response);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
