/**
 * A value built on first use and kept: the generated tool schemas are built this way, so a server
 * builds only the schemas of the tools it is asked to run (start-up parses no zod it does not use).
 */
export function lazy<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}
