import { InvalidCookieError, normalizeCookie } from "./cookie.js";
import { createFileStore } from "./file-store.js";
import { createKeyringStore, type KeyringLike } from "./keyring-store.js";
import { credentialsDirectory } from "./paths.js";
import { CredentialStoreError, messageOf, type CredentialSource, type CredentialStore } from "./store.js";

export interface ResolvedCredential {
  cookie: string;
  source: CredentialSource;
  description: string;
  /** Warnings to show the user: the stored credential is open to other users, and how to fix it. */
  warnings: string[];
}

export interface CredentialOptions {
  env?: NodeJS.ProcessEnv;
  /** Replaces `@napi-rs/keyring` (tests). */
  keyring?: KeyringLike;
  /** Replaces the stores derived from `env` entirely. */
  stores?: CredentialStore[];
}

export interface ClearedStore {
  kind: CredentialStore["kind"];
  description: string;
  removed: boolean;
  /** Set when the store could not be reached; nothing was removed from it. */
  error?: string;
}

const STORE_VARIABLE = "TP_CREDENTIAL_STORE";
const STORE_KINDS = ["keyring", "file"] as const;

function allStores(env: NodeJS.ProcessEnv, keyring?: KeyringLike): CredentialStore[] {
  return [
    createKeyringStore({ keyring }),
    createFileStore({ directory: credentialsDirectory(env), passphrase: env.TP_MCP_PASSPHRASE }),
  ];
}

/** The stores to use, in order: keyring then encrypted file, or only the one TP_CREDENTIAL_STORE names. */
export function credentialStores(options: { env?: NodeJS.ProcessEnv; keyring?: KeyringLike } = {}): CredentialStore[] {
  const env = options.env ?? process.env;
  const forced = env[STORE_VARIABLE]?.trim().toLowerCase();
  const stores = allStores(env, options.keyring);
  if (!forced) return stores;
  if (!(STORE_KINDS as readonly string[]).includes(forced)) {
    throw new CredentialStoreError(
      `${STORE_VARIABLE} must be one of: ${STORE_KINDS.join(", ")} (or unset to try the keyring, then the file).`,
    );
  }
  return stores.filter((store) => store.kind === forced);
}

// A keyring that cannot be reached (headless Linux, locked keychain) is expected and skipped
// while another store follows; other store errors (wrong passphrase, tampered file) are the
// user's to fix and are thrown.
function canSkip(error: unknown, store: CredentialStore, isLast: boolean): boolean {
  return error instanceof CredentialStoreError && store.kind === "keyring" && !isLast;
}

/** Finds the cookie: TP_AUTH_COOKIE first, then each store in order. Null when there is none. */
export async function resolveCredential(options: CredentialOptions = {}): Promise<ResolvedCredential | null> {
  const env = options.env ?? process.env;
  const fromEnvironment = env.TP_AUTH_COOKIE?.trim();
  if (fromEnvironment) {
    try {
      const cookie = normalizeCookie(fromEnvironment);
      return { cookie, source: "environment", description: "TP_AUTH_COOKIE environment variable", warnings: [] };
    } catch (error) {
      if (!(error instanceof InvalidCookieError)) throw error;
      throw new InvalidCookieError(`TP_AUTH_COOKIE is set but invalid: ${error.problem}`);
    }
  }

  const stores = options.stores ?? credentialStores({ env, keyring: options.keyring });
  for (const [index, store] of stores.entries()) {
    let stored: string | null;
    try {
      stored = await store.get();
    } catch (error) {
      if (canSkip(error, store, index === stores.length - 1)) continue;
      throw error;
    }
    if (stored === null) continue;
    let cookie: string;
    try {
      cookie = normalizeCookie(stored);
    } catch {
      throw new CredentialStoreError(`The cookie stored in the ${store.description} is not valid. Save it again.`);
    }
    const warnings = (await store.permissionWarnings?.()) ?? [];
    return { cookie, source: store.kind, description: store.description, warnings };
  }
  return null;
}

/**
 * Normalises and saves the cookie in the first store that accepts it: the keyring, or the
 * encrypted file when the keyring is unreachable. `skipped` says why earlier stores were passed over.
 */
export async function saveCredential(
  cookie: string,
  options: CredentialOptions = {},
): Promise<{ store: CredentialStore; skipped: Array<{ description: string; reason: string }>; warnings: string[] }> {
  const normalized = normalizeCookie(cookie);
  const stores = options.stores ?? credentialStores({ env: options.env, keyring: options.keyring });
  const skipped: Array<{ description: string; reason: string }> = [];
  for (const [index, store] of stores.entries()) {
    try {
      await store.set(normalized);
      return { store, skipped, warnings: (await store.permissionWarnings?.()) ?? [] };
    } catch (error) {
      if (!canSkip(error, store, index === stores.length - 1)) throw error;
      skipped.push({ description: store.description, reason: (error as Error).message });
    }
  }
  throw new CredentialStoreError("No credential store is configured.");
}

/** Removes the cookie from every store (ignoring TP_CREDENTIAL_STORE); failures are reported, not thrown. */
export async function clearCredentials(options: CredentialOptions = {}): Promise<ClearedStore[]> {
  const stores = options.stores ?? allStores(options.env ?? process.env, options.keyring);
  const results: ClearedStore[] = [];
  for (const store of stores) {
    try {
      results.push({ kind: store.kind, description: store.description, removed: await store.delete() });
    } catch (error) {
      results.push({ kind: store.kind, description: store.description, removed: false, error: messageOf(error) });
    }
  }
  return results;
}
