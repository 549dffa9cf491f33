/**
 * The last line of defence for secrets: every known secret (the cookie, each token) replaced in
 * text about to leave the process, whatever path it took to get there.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    // Each line of a secret that spans lines (a token with CR/LF) as well: a message cut at a line
    // break, or written a line at a time, must not let one line of it through.
    for (const part of [secret, ...secret.split(/[\r\n]+/)]) {
      // Shorter values are too likely to occur by chance; no real cookie or token is that short.
      if (part.length >= 8) result = result.split(part).join("[redacted]");
    }
  }
  return result;
}
