import { createTrainingPeaksClient, type FetchLike, type TrainingPeaksClient } from "../client/client.js";
import { AuthError } from "../client/errors.js";
import { createNodeHttpFetch } from "../client/transport/node-http.js";
import type { ResolvedCredential } from "../credentials/resolve.js";
import { createStderrLogger } from "../server/log.js";
import { deferredClient } from "./deferred-client.js";
import { addSecrets } from "./output.js";

export interface Runtime {
  client: TrainingPeaksClient;
  /** Values that must never be printed (the cookie, the tokens received so far); the logger redacts them. */
  secrets: () => readonly string[];
  /** Where the data comes from, for logs. */
  source: string;
}

export interface RuntimeOptions {
  demo: boolean;
  env?: NodeJS.ProcessEnv;
  /** Default: one node:http fetch (transport/node-http.ts) for every request of this runtime. */
  fetch?: FetchLike;
  /**
   * With no credential stored, start anyway and look for one again on each call (`serve`: an MCP
   * client shows a server that exited as failed, and the user may run `tp-mcp auth` later);
   * otherwise fail at once (`call`, which is one-shot).
   */
  awaitCredential?: boolean;
}

/** What every tool call answers while `serve` has no credential: the model passes it on to the user. */
export const NO_CREDENTIAL_YET =
  "No TrainingPeaks credential: run `tp-mcp auth` in a terminal to store your Production_tpAuth cookie " +
  "(copied from a browser signed in to app.trainingpeaks.com), then ask again: the server picks it up with no restart. " +
  "Or set TP_AUTH_COOKIE in the server's environment, or try the demo athlete with --demo.";

/** The credential stores' own errors, whose messages are written for the user (a wrong passphrase, a damaged file). */
const STORE_ERRORS = new Set(["CredentialStoreError", "InvalidCookieError"]);

export function demoRequested(flag: unknown, env: NodeJS.ProcessEnv = process.env): boolean {
  return flag === true || env.TP_DEMO === "1" || env.TP_DEMO === "true";
}

/** The client for `serve` and `call`: the demo athlete, or the user's stored credential. */
export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const env = options.env ?? process.env;
  if (options.demo) {
    // In-process answers: the rate limit and retries that protect TrainingPeaks have nothing to protect.
    const client = createTrainingPeaksClient({ demo: true });
    return { client, secrets: () => [], source: "the demo athlete (offline)" };
  }
  const { resolveCredential } = await import("../credentials/resolve.js");
  const fetch = options.fetch ?? createNodeHttpFetch();
  const connect = (credential: ResolvedCredential) => {
    const client = createTrainingPeaksClient({ cookie: credential.cookie, env, fetch });
    // stderr in `serve` too: stdout carries MCP frames only.
    for (const warning of credential.warnings) process.stderr.write(`${warning}\n`);
    return client;
  };
  const credential = await resolveCredential({ env });
  if (credential) {
    const client = connect(credential);
    const secrets = () => client.knownSecrets();
    // Every line the CLI writes from here on is scrubbed of them (output.ts), logs and answers alike.
    addSecrets(secrets);
    return { client, secrets, source: credential.description };
  }
  if (!options.awaitCredential) {
    throw new AuthError(
      "No TrainingPeaks credential found. Run `tp-mcp auth` to store your Production_tpAuth cookie, " +
        "set TP_AUTH_COOKIE, or try the demo athlete with --demo.",
    );
  }
  // A mistyped setting (a base URL, a transport limit) still fails now, before anything is served,
  // as it does with a credential; this client is only built to check them.
  createTrainingPeaksClient({ cookie: "tp-mcp-configuration-check", env, fetch });
  const deferred = deferredClient(async () => {
    let found: ResolvedCredential | null;
    try {
      found = await resolveCredential({ env });
    } catch (error) {
      if (error instanceof Error && STORE_ERRORS.has(error.name)) throw new AuthError(error.message, { cause: error });
      throw error;
    }
    if (!found) throw new AuthError(NO_CREDENTIAL_YET);
    const client = connect(found);
    createStderrLogger(secrets).info(`found the credential in ${found.description}; serving it from this call on`);
    return client;
  });
  const secrets = () => deferred.client.knownSecrets();
  addSecrets(secrets);
  return { client: deferred.client, secrets, source: "no account yet: each tool call asks for `tp-mcp auth`, and the credential it stores is used from the next call on" };
}
