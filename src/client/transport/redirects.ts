/**
 * Redirects, followed by the transport itself (fetch is told `redirect: "manual"`), so that each hop
 * is paced and counted like any request, a loop ends after a few hops instead of fetch's 20 (times
 * every retry), and no request — with its cookie or bearer token — is ever sent to another origin.
 */

/** Hops followed per attempt; one more is an error, never retried. */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** The URL a response redirects to, or undefined when it is not a redirect to follow. */
export function redirectLocation(response: Response, from: string): URL | undefined {
  if (!REDIRECT_STATUSES.has(response.status)) return undefined;
  const location = response.headers.get("location");
  if (location === null) return undefined;
  try {
    return new URL(location, from);
  } catch {
    return undefined;
  }
}

export function isSameOrigin(a: URL, b: string): boolean {
  return a.origin === new URL(b).origin;
}

/**
 * The request for the next hop, as fetch would build it: 303, and 301/302 after a POST, become a
 * GET without a body; 307/308 keep the method and body. Same origin only, so the headers (cookie,
 * token) go along unchanged.
 */
export async function redirectedRequest(previous: Request, status: number, to: URL): Promise<Request> {
  const toGet = status === 303 ? previous.method !== "HEAD" : (status === 301 || status === 302) && previous.method === "POST";
  const method = toGet ? "GET" : previous.method;
  const headers = new Headers(previous.headers);
  let body: ArrayBuffer | undefined;
  if (toGet) {
    for (const name of ["content-type", "content-length", "content-encoding", "content-language", "content-location"]) headers.delete(name);
  } else if (previous.body !== null) {
    body = await previous.clone().arrayBuffer();
  }
  return new Request(to, { method, headers, body });
}
