/**
 * Reason phrases from our own table, never the upstream's `statusText`: a hostile or broken server
 * can put anything in its reason phrase (it was seen echoing the Cookie header), and every message
 * that names a status reaches tool results and CLI output.
 */
const REASON_PHRASES: Record<number, string> = {
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  410: "Gone",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** "503 Service Unavailable", or the bare code for a status without a standard phrase here. */
export function describeHttpStatus(status: number): string {
  const phrase = REASON_PHRASES[status];
  return phrase === undefined ? String(status) : `${status} ${phrase}`;
}
