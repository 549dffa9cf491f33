import { CredentialStoreError, messageOf, type CredentialStore } from "./store.js";

export const DEFAULT_KEYRING_SERVICE = "trainingpeaks-mcp";
export const DEFAULT_KEYRING_ACCOUNT = "Production_tpAuth";

export interface KeyringEntryLike {
  getPassword(): string | null | undefined;
  setPassword(password: string): void;
  deletePassword(): boolean;
}

export interface KeyringEntryOptions {
  linux?: { store?: "secret-service" | "keyutils" };
}

/** The part of `@napi-rs/keyring` used here; tests inject a fake. */
export interface KeyringLike {
  Entry: new (service: string, account: string, options?: KeyringEntryOptions) => KeyringEntryLike;
}

export interface KeyringStoreOptions {
  service?: string;
  account?: string;
  keyring?: KeyringLike;
  platform?: NodeJS.Platform;
}

function describeKeyring(platform: NodeJS.Platform): string {
  if (platform === "darwin") return "OS keyring (macOS Keychain)";
  if (platform === "win32") return "OS keyring (Windows Credential Manager)";
  if (platform === "linux") return "OS keyring (Secret Service)";
  return "OS keyring";
}

// Loaded on first use only: the native addon costs start-up time and is not needed
// when the cookie comes from the environment or the file.
async function loadKeyring(): Promise<KeyringLike> {
  try {
    return await import("@napi-rs/keyring");
  } catch (error) {
    throw new CredentialStoreError(
      `OS keyring unavailable: the @napi-rs/keyring native module could not be loaded (${messageOf(error)}).`,
      { cause: error },
    );
  }
}

export function createKeyringStore(options: KeyringStoreOptions = {}): CredentialStore {
  const service = options.service ?? DEFAULT_KEYRING_SERVICE;
  const account = options.account ?? DEFAULT_KEYRING_ACCOUNT;
  const platform = options.platform ?? process.platform;
  const description = describeKeyring(platform);
  // Without pinning, @napi-rs/keyring silently falls back to the kernel keyutils keyring on
  // Linux machines without a Secret Service; that keyring lives in memory and is lost on reboot.
  // Pinning makes such machines fail loudly here so the caller falls back to the encrypted file.
  const entryOptions: KeyringEntryOptions | undefined =
    platform === "linux" ? { linux: { store: "secret-service" } } : undefined;

  async function withEntry<T>(action: (entry: KeyringEntryLike) => T, secret?: string): Promise<T> {
    const keyring = options.keyring ?? (await loadKeyring());
    try {
      return action(new keyring.Entry(service, account, entryOptions));
    } catch (error) {
      let reason = messageOf(error).trim().replace(/\.$/, "");
      if (secret) reason = reason.split(secret).join("[redacted]");
      throw new CredentialStoreError(
        `OS keyring unavailable: ${reason}. The cookie can be stored in an encrypted file instead (TP_CREDENTIAL_STORE=file).`,
        // The raw error is kept for debugging unless it might carry the cookie being written.
        secret ? undefined : { cause: error },
      );
    }
  }

  return {
    kind: "keyring",
    description,
    async get() {
      const password = await withEntry((entry) => entry.getPassword());
      return password ? password : null;
    },
    async set(cookie) {
      await withEntry((entry) => {
        entry.setPassword(cookie);
      }, cookie);
    },
    async delete() {
      return withEntry((entry) => entry.deletePassword());
    },
  };
}

/** True when the keyring answers a read; false when it is unreachable (e.g. headless Linux). */
export async function isKeyringAvailable(store: CredentialStore): Promise<boolean> {
  try {
    await store.get();
    return true;
  } catch (error) {
    if (error instanceof CredentialStoreError) return false;
    throw error;
  }
}
