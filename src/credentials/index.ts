export { AUTH_COOKIE_NAME, InvalidCookieError, normalizeCookie } from "./cookie.js";
export { CREDENTIALS_FILE_NAME, createFileStore, type FileStoreOptions } from "./file-store.js";
export {
  createKeyringStore,
  isKeyringAvailable,
  type KeyringEntryLike,
  type KeyringLike,
  type KeyringStoreOptions,
} from "./keyring-store.js";
export { credentialsDirectory } from "./paths.js";
export {
  clearCredentials,
  credentialStores,
  resolveCredential,
  saveCredential,
  type ClearedStore,
  type CredentialOptions,
  type ResolvedCredential,
} from "./resolve.js";
export { CredentialStoreError, type CredentialSource, type CredentialStore } from "./store.js";
