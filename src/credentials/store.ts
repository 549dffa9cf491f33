/** Where a resolved TrainingPeaks cookie came from. */
export type CredentialSource = "environment" | "keyring" | "file";

/** A place that can hold the bare `Production_tpAuth` cookie value. */
export interface CredentialStore {
  readonly kind: "keyring" | "file";
  /** Human-readable location, e.g. "OS keyring (Secret Service)". Never contains the secret. */
  readonly description: string;
  get(): Promise<string | null>;
  set(cookie: string): Promise<void>;
  /** Resolves true when something was removed. */
  delete(): Promise<boolean>;
  /** Lines warning that the stored credential is readable or writable by other users (file store). */
  permissionWarnings?(): Promise<string[]>;
}

/**
 * A store could not be used: keyring unreachable, file tampered with, wrong passphrase, ...
 * Messages say what to do next and never contain secret material.
 */
export class CredentialStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CredentialStoreError";
  }
}

/** The text of whatever was thrown, for a message that says why a store failed. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
