import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "vitest";
import type { KeyringEntryLike, KeyringEntryOptions, KeyringLike } from "../../src/credentials/keyring-store.js";

/** A recognisable fake secret: no message, stack or file may ever contain it in clear. */
export const CANARY = `V001CANARY_${"x".repeat(40)}`;

export function makeTempDirectory(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), "tp-mcp-credentials-"));
}

export function removeDirectory(directory: string): Promise<void> {
  return fs.rm(directory, { recursive: true, force: true });
}

export interface FakeKeyring {
  keyring: KeyringLike;
  /** Stored passwords by `service/account`. */
  entries: Map<string, string>;
  constructed: Array<{ service: string; account: string; options: KeyringEntryOptions | undefined }>;
}

/** An in-memory stand-in for `@napi-rs/keyring`. */
export function fakeKeyring(): FakeKeyring {
  const entries = new Map<string, string>();
  const constructed: FakeKeyring["constructed"] = [];
  class Entry implements KeyringEntryLike {
    private readonly key: string;
    constructor(service: string, account: string, options?: KeyringEntryOptions) {
      constructed.push({ service, account, options });
      this.key = `${service}/${account}`;
    }
    getPassword() {
      return entries.get(this.key) ?? null;
    }
    setPassword(password: string) {
      entries.set(this.key, password);
    }
    deletePassword() {
      return entries.delete(this.key);
    }
  }
  return { keyring: { Entry }, entries, constructed };
}

export type KeyringFailurePoint = "constructor" | "getPassword" | "setPassword" | "deletePassword";

/** A keyring that fails like one without a Secret Service (headless Linux). */
export function brokenKeyring(message: string, failAt: KeyringFailurePoint | "everywhere" = "everywhere"): KeyringLike {
  const fail = (point: KeyringFailurePoint) => {
    if (failAt === "everywhere" || failAt === point) throw new Error(message);
  };
  class Entry implements KeyringEntryLike {
    constructor() {
      fail("constructor");
    }
    getPassword() {
      fail("getPassword");
      return null;
    }
    setPassword() {
      fail("setPassword");
    }
    deletePassword() {
      fail("deletePassword");
      return false;
    }
  }
  return { Entry };
}

/** Asserts that neither the error nor anything it wraps mentions the secret. */
export function expectNoSecret(error: unknown, secret: string = CANARY): void {
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
    const text = current instanceof Error ? `${current.message}\n${current.stack ?? ""}` : JSON.stringify(current);
    expect(text).not.toContain(secret);
    current = current instanceof Error ? current.cause : undefined;
  }
}

export { rejectionOf } from "../support/rejection.js";
