/**
 * The last line of defence for secrets: every known secret (the cookie, each token) replaced in
 * text about to leave the process, whatever path it took to get there.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const part of secretParts(secrets)) if (result.includes(part)) result = result.split(part).join("[redacted]");
  return result;
}

/**
 * What is looked for: each secret, and each line of a secret that spans lines (a token with
 * CR/LF), since a message cut at a line break, or written a line at a time, must not let one line
 * of it through. Parts under 8 characters are too likely to occur by chance; no real cookie or
 * token is that short.
 */
export function secretParts(secrets: readonly string[]): string[] {
  return secrets.flatMap((secret) => [secret, ...secret.split(/[\r\n]+/)]).filter((part) => part.length >= 8);
}
