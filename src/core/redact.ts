/**
 * The last line of defence for secrets: every known secret (the cookie, each token) replaced in
 * text about to leave the process, whatever path it took to get there.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  // Shorter values are too likely to occur by chance; no real cookie or token is that short.
  for (const secret of secrets) {
    if (secret.length >= 8) result = result.split(secret).join("[redacted]");
  }
  return result;
}
