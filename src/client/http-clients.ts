import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/api.js";
import { OPERATIONS, type OperationId } from "../generated/constants.js";
import { authMiddleware, type TokenManager } from "./auth.js";
import { errorMiddleware } from "./error-middleware.js";

const WEB_APP_ORIGIN = "https://app.trainingpeaks.com";

export interface HttpClientOptions {
  baseUrl: string;
  peakswareBaseUrl: string;
  fetch: (request: Request) => Promise<Response>;
  now: () => number;
  /** Read when the clients are first built, so the session may be made after them. */
  tokens: () => TokenManager;
}

export interface HttpClients {
  /** The client that sends the operation. */
  clientFor(operation: OperationId): Client<paths>;
  readonly api: Client<paths>;
  readonly analysis: Client<paths>;
}

/**
 * The openapi-fetch clients, built on first use: creating one reads globalThis.Request, which makes
 * Node load its whole fetch implementation, ~11 ms of the server's start-up (npm run bench).
 */
export function lazyHttpClients(options: HttpClientOptions): HttpClients {
  let built: { exchange: Client<paths>; api: Client<paths>; analysis: Client<paths> } | undefined;
  const http = () => (built ??= build(options));
  return {
    // The exchange goes without the auth middleware: it is what gets the token.
    clientFor: (operation) =>
      operation === "exchangeToken" ? http().exchange : OPERATIONS[operation].server === "peakswaresb" ? http().analysis : http().api,
    get api() {
      return http().api;
    },
    get analysis() {
      return http().analysis;
    },
  };
}

function build({ baseUrl, peakswareBaseUrl, fetch, now, tokens }: HttpClientOptions) {
  const errors = errorMiddleware(now);
  const exchange = createClient<paths>({ baseUrl, fetch });
  exchange.use(errors);
  const auth = authMiddleware(tokens(), fetch);
  const api = createClient<paths>({ baseUrl, fetch });
  const analysis = createClient<paths>({
    baseUrl: peakswareBaseUrl,
    fetch,
    // The analysis host expects the web app's origin, as the browser sends it.
    headers: { Origin: WEB_APP_ORIGIN, Referer: `${WEB_APP_ORIGIN}/` },
  });
  for (const client of [api, analysis]) client.use(errors, auth);
  return { exchange, api, analysis };
}
