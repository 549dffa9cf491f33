/**
 * The modules `tp-mcp serve`'s bundle (dist/serve.cjs) takes from the CLI that loads it instead
 * of carrying its own copy: main.ts registers the secrets its scrubbed streams redact in
 * output.ts's registry, and recognises the client's errors by their class, and the launcher
 * makes the code cache right before serve sets its V8 flags (v8-flags.ts), so the server must
 * use those very instances. Source path → the id the bundle require()s it by.
 */
export const SHARED_WITH_SERVE_BUNDLE = {
  "src/cli/output.ts": "tp-mcp:cli/output",
  "src/client/errors.ts": "tp-mcp:client/errors",
  "src/cli/v8-flags.ts": "tp-mcp:cli/v8-flags",
} as const;
