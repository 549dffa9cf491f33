import { createTrainingPeaksClient, type FetchLike, type TrainingPeaksClient } from "../client/client.js";
import { AuthError } from "../client/errors.js";
import { addSecrets } from "./output.js";

export interface Runtime {
  client: TrainingPeaksClient;
  /** Values that must never be printed (the cookie, the tokens received so far); the logger redacts them. */
  secrets: () => readonly string[];
  /** Where the data comes from, for logs. */
  source: string;
}

export function demoRequested(flag: unknown, env: NodeJS.ProcessEnv = process.env): boolean {
  return flag === true || env.TP_DEMO === "1" || env.TP_DEMO === "true";
}

/** The client for `serve` and `call`: the demo athlete, or the user's stored credential. */
export async function createRuntime(options: { demo: boolean; env?: NodeJS.ProcessEnv; fetch?: FetchLike }): Promise<Runtime> {
  const env = options.env ?? process.env;
  if (options.demo) {
    // In-process answers: the rate limit and retries that protect TrainingPeaks have nothing to protect.
    const client = createTrainingPeaksClient({ demo: true });
    return { client, secrets: () => [], source: "the demo athlete (offline)" };
  }
  const { resolveCredential } = await import("../credentials/resolve.js");
  const credential = await resolveCredential({ env });
  if (!credential) {
    throw new AuthError(
      "No TrainingPeaks credential found. Run `tp-mcp auth` to store your Production_tpAuth cookie, " +
        "set TP_AUTH_COOKIE, or try the demo athlete with --demo.",
    );
  }
  const client = createTrainingPeaksClient({ cookie: credential.cookie, env, fetch: options.fetch });
  const secrets = () => client.knownSecrets();
  // Every line the CLI writes from here on is scrubbed of them (output.ts), logs and answers alike.
  addSecrets(secrets);
  // stderr in `serve` too: stdout carries MCP frames only.
  for (const warning of credential.warnings) process.stderr.write(`${warning}\n`);
  return { client, secrets, source: credential.description };
}
