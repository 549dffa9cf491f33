import fs from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InvalidCookieError } from "../../src/credentials/cookie.js";
import { CREDENTIALS_FILE_NAME, createFileStore } from "../../src/credentials/file-store.js";
import { createKeyringStore, type KeyringLike } from "../../src/credentials/keyring-store.js";
import {
  clearCredentials,
  credentialStores,
  resolveCredential,
  saveCredential,
} from "../../src/credentials/resolve.js";
import { CredentialStoreError } from "../../src/credentials/store.js";
import {
  brokenKeyring,
  CANARY,
  expectNoSecret,
  fakeKeyring,
  makeTempDirectory,
  rejectionOf,
  removeDirectory,
  type FakeKeyring,
} from "./helpers.js";

const KEYRING_KEY = "trainingpeaks-mcp/Production_tpAuth";
const HEADLESS = "Platform secure storage failure: No such interface “org.freedesktop.Secret.Service”";
const OTHER = "V001OTHER_value";
// Platform-dependent ("OS keyring (Secret Service)" on Linux); creating the store loads nothing.
const KEYRING_DESCRIPTION = createKeyringStore().description;

let home: string;
let env: NodeJS.ProcessEnv;
let fake: FakeKeyring;
let broken: KeyringLike;

beforeEach(async () => {
  home = await makeTempDirectory();
  env = { TP_MCP_HOME: home };
  fake = fakeKeyring();
  broken = brokenKeyring(HEADLESS);
});

afterEach(async () => {
  await removeDirectory(home);
});

const fileStore = (passphrase?: string) => createFileStore({ directory: home, passphrase });
const credentialFile = () => path.join(home, CREDENTIALS_FILE_NAME);
const fileExists = () => fs.access(credentialFile()).then(() => true, () => false);

describe("resolveCredential", () => {
  it("prefers TP_AUTH_COOKIE over the keyring and the file, normalising it", async () => {
    fake.entries.set(KEYRING_KEY, OTHER);
    await fileStore().set(OTHER);
    env.TP_AUTH_COOKIE = ` Cookie: a=b; Production_tpAuth=${CANARY}\n`;

    expect(await resolveCredential({ env, keyring: fake.keyring })).toEqual({
      cookie: CANARY,
      source: "environment",
      description: "TP_AUTH_COOKIE environment variable",
      warnings: [],
    });
  });

  it("rejects an invalid TP_AUTH_COOKIE naming the variable, not the value", async () => {
    env.TP_AUTH_COOKIE = `${CANARY}!`;
    const error = await rejectionOf(resolveCredential({ env, keyring: fake.keyring }));
    expect(error).toBeInstanceOf(InvalidCookieError);
    expect((error as Error).message).toMatch(/^TP_AUTH_COOKIE is set but invalid: /);
    expect((error as Error).message.match(/DevTools/g)).toHaveLength(1);
    expectNoSecret(error);
  });

  it("ignores a blank TP_AUTH_COOKIE", async () => {
    env.TP_AUTH_COOKIE = "  \n";
    fake.entries.set(KEYRING_KEY, CANARY);
    expect(await resolveCredential({ env, keyring: fake.keyring })).toMatchObject({ cookie: CANARY, source: "keyring" });
  });

  it("prefers the keyring over the file", async () => {
    fake.entries.set(KEYRING_KEY, CANARY);
    await fileStore().set(OTHER);
    expect(await resolveCredential({ env, keyring: fake.keyring })).toEqual({
      cookie: CANARY,
      source: "keyring",
      description: KEYRING_DESCRIPTION,
      warnings: [],
    });
  });

  it("reads the file when the keyring is empty", async () => {
    await fileStore().set(CANARY);
    expect(await resolveCredential({ env, keyring: fake.keyring })).toEqual({
      cookie: CANARY,
      source: "file",
      description: `encrypted file ${credentialFile()}`,
      warnings: [],
    });
  });

  it("reads the file when the keyring is unreachable", async () => {
    await fileStore().set(CANARY);
    expect(await resolveCredential({ env, keyring: broken })).toMatchObject({ cookie: CANARY, source: "file" });
  });

  it.each([
    ["a working but empty keyring", () => fake.keyring],
    ["an unreachable keyring", () => broken],
  ])("returns null when nothing is stored, with %s", async (_label, keyring) => {
    expect(await resolveCredential({ env, keyring: keyring() })).toBeNull();
  });

  it("reports a file it cannot decrypt instead of pretending nothing is stored", async () => {
    await fileStore("correct horse").set(CANARY);
    const error = await rejectionOf(resolveCredential({ env, keyring: broken }));
    expect(error).toBeInstanceOf(CredentialStoreError);
    expect((error as Error).message).toMatch(/set TP_MCP_PASSPHRASE/);
    expectNoSecret(error);

    env.TP_MCP_PASSPHRASE = "correct horse";
    expect(await resolveCredential({ env, keyring: broken })).toMatchObject({ cookie: CANARY, source: "file" });
  });

  it("rejects an invalid value found in a store without revealing it", async () => {
    fake.entries.set(KEYRING_KEY, `${CANARY} <garbage>`);
    const error = await rejectionOf(resolveCredential({ env, keyring: fake.keyring }));
    expect(error).toBeInstanceOf(CredentialStoreError);
    expect((error as Error).message).toMatch(/stored in the OS keyring.* is not valid/);
    expectNoSecret(error);
  });

  it("uses injected stores in the given order", async () => {
    const first = fileStore();
    const second = createKeyringStore({ keyring: fake.keyring });
    fake.entries.set(KEYRING_KEY, CANARY);
    expect(await resolveCredential({ env: {}, stores: [first, second] })).toMatchObject({ source: "keyring" });
    await first.set(OTHER);
    expect(await resolveCredential({ env: {}, stores: [first, second] })).toMatchObject({ source: "file", cookie: OTHER });
  });
});

describe("saveCredential", () => {
  it("saves the normalised cookie in the keyring when it works", async () => {
    const { store, skipped } = await saveCredential(`Production_tpAuth=${CANARY}`, { env, keyring: fake.keyring });
    expect(store.kind).toBe("keyring");
    expect(skipped).toEqual([]);
    expect(fake.entries.get(KEYRING_KEY)).toBe(CANARY);
    expect(await fileExists()).toBe(false);
  });

  it("falls back to the encrypted file when the keyring is unreachable, and says why", async () => {
    const { store, skipped } = await saveCredential(CANARY, { env, keyring: broken });
    expect(store.kind).toBe("file");
    expect(skipped.map((s) => s.description)).toEqual([KEYRING_DESCRIPTION]);
    expect(skipped[0]?.reason).toMatch(/^OS keyring unavailable/);
    expect(await fileExists()).toBe(true);
    expect(await resolveCredential({ env, keyring: broken })).toMatchObject({ cookie: CANARY, source: "file" });
  });

  it.each(["file", " FILE "])("writes only the file when TP_CREDENTIAL_STORE=%j, even with a working keyring", async (value) => {
    env.TP_CREDENTIAL_STORE = value;
    const { store } = await saveCredential(CANARY, { env, keyring: fake.keyring });
    expect(store.kind).toBe("file");
    expect(fake.entries.size).toBe(0);

    fake.entries.set(KEYRING_KEY, OTHER);
    expect(await resolveCredential({ env, keyring: fake.keyring })).toMatchObject({ cookie: CANARY, source: "file" });
  });

  it("encrypts the file with TP_MCP_PASSPHRASE when set", async () => {
    env.TP_CREDENTIAL_STORE = "file";
    env.TP_MCP_PASSPHRASE = "correct horse";
    await saveCredential(CANARY, { env, keyring: fake.keyring });
    expect(JSON.parse(await fs.readFile(credentialFile(), "utf8"))).toMatchObject({ passphrase: true });
    expect(await resolveCredential({ env, keyring: fake.keyring })).toMatchObject({ cookie: CANARY });
  });

  it("does not fall back when TP_CREDENTIAL_STORE=keyring and the keyring is unreachable", async () => {
    env.TP_CREDENTIAL_STORE = "keyring";
    for (const attempt of [saveCredential(CANARY, { env, keyring: broken }), resolveCredential({ env, keyring: broken })]) {
      const error = await rejectionOf(attempt);
      expect(error).toBeInstanceOf(CredentialStoreError);
      expect((error as Error).message).toMatch(/OS keyring unavailable/);
      expectNoSecret(error);
    }
    expect(await fileExists()).toBe(false);
  });

  it("rejects an invalid cookie and stores nothing", async () => {
    const error = await rejectionOf(saveCredential(`Cookie: other=${CANARY}`, { env, keyring: fake.keyring }));
    expect(error).toBeInstanceOf(InvalidCookieError);
    expectNoSecret(error);
    expect(fake.entries.size).toBe(0);
    expect(await fileExists()).toBe(false);
  });
});

describe("TP_CREDENTIAL_STORE", () => {
  it.each<[string | undefined, string[]]>([
    [undefined, ["keyring", "file"]],
    ["", ["keyring", "file"]],
    ["keyring", ["keyring"]],
    ["Keyring", ["keyring"]],
    ["file", ["file"]],
  ])("%j selects %j", (value, kinds) => {
    expect(credentialStores({ env: { ...env, TP_CREDENTIAL_STORE: value }, keyring: fake.keyring }).map((s) => s.kind)).toEqual(kinds);
  });

  it.each(["vault", "keychain", "files", "keyring,file"])("rejects %j, listing the allowed values", async (value) => {
    env.TP_CREDENTIAL_STORE = value;
    expect(() => credentialStores({ env, keyring: fake.keyring })).toThrow(CredentialStoreError);
    expect(() => credentialStores({ env, keyring: fake.keyring })).toThrow(/TP_CREDENTIAL_STORE must be one of: keyring, file/);
    await expect(resolveCredential({ env, keyring: fake.keyring })).rejects.toThrow(CredentialStoreError);
    const error = await rejectionOf(saveCredential(CANARY, { env, keyring: fake.keyring }));
    expect(error).toBeInstanceOf(CredentialStoreError);
    expectNoSecret(error);
  });
});

describe("clearCredentials", () => {
  it("removes the cookie from every store and reports what it removed", async () => {
    fake.entries.set(KEYRING_KEY, CANARY);
    await fileStore().set(CANARY);

    expect(await clearCredentials({ env, keyring: fake.keyring })).toEqual([
      { kind: "keyring", description: KEYRING_DESCRIPTION, removed: true },
      { kind: "file", description: `encrypted file ${credentialFile()}`, removed: true },
    ]);
    expect(fake.entries.size).toBe(0);
    expect(await fileExists()).toBe(false);
    expect((await clearCredentials({ env, keyring: fake.keyring })).map((r) => r.removed)).toEqual([false, false]);
  });

  it.each(["file", "keyring", "vault"])("clears every store even when TP_CREDENTIAL_STORE=%j", async (value) => {
    env.TP_CREDENTIAL_STORE = value;
    fake.entries.set(KEYRING_KEY, CANARY);
    await fileStore().set(CANARY);
    expect((await clearCredentials({ env, keyring: fake.keyring })).map((r) => r.removed)).toEqual([true, true]);
  });

  it("reports an unreachable keyring instead of throwing, and still clears the file", async () => {
    await fileStore().set(CANARY);
    const results = await clearCredentials({ env, keyring: broken });
    expect(results).toEqual([
      { kind: "keyring", description: KEYRING_DESCRIPTION, removed: false, error: results[0]?.error },
      { kind: "file", description: `encrypted file ${credentialFile()}`, removed: true },
    ]);
    expect(results[0]?.error).toMatch(/^OS keyring unavailable/);
    expect(JSON.stringify(results)).not.toContain("CANARY");
    expect(await fileExists()).toBe(false);
  });
});
