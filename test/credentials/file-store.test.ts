import * as crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CREDENTIALS_FILE_NAME, createFileStore, permissionWarnings } from "../../src/credentials/file-store.js";
import { CredentialStoreError } from "../../src/credentials/store.js";
import { CANARY, expectNoSecret, makeTempDirectory, rejectionOf, removeDirectory } from "./helpers.js";

// scrypt wrapped in a spy, so a test can tell whether a file made us run the KDF at all.
vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>();
  return { ...actual, scrypt: vi.fn(actual.scrypt) };
});

const isWindows = process.platform === "win32";

let root: string;
let directory: string;
let file: string;

beforeEach(async () => {
  root = await makeTempDirectory();
  directory = path.join(root, "config", "tp-mcp");
  file = path.join(directory, CREDENTIALS_FILE_NAME);
});

afterEach(async () => {
  await removeDirectory(root);
});

async function readEnvelope(): Promise<Record<string, unknown>> {
  return JSON.parse(await fs.readFile(file, "utf8")) as Record<string, unknown>;
}

async function writeEnvelope(envelope: Record<string, unknown>): Promise<void> {
  await fs.writeFile(file, JSON.stringify(envelope));
}

/** A structurally valid envelope (the ciphertext is junk) with some fields replaced. */
function envelopeText(overrides: Record<string, unknown>): string {
  const base64 = (bytes: number) => Buffer.alloc(bytes).toString("base64");
  const valid = { v: 1, kdf: "scrypt", N: 2 ** 15, r: 8, p: 1, passphrase: false, salt: base64(16), iv: base64(12), tag: base64(16) };
  return JSON.stringify({ ...valid, data: base64(8), ...overrides });
}

async function expectStoreError(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(CredentialStoreError);
  expect((error as Error).name).toBe("CredentialStoreError");
  expect((error as Error).message).toMatch(pattern);
  expectNoSecret(error);
}

describe("file store", () => {
  it("round-trips, overwrites and deletes the cookie", async () => {
    const store = createFileStore({ directory });
    expect(store.kind).toBe("file");
    expect(store.description).toBe(`encrypted file ${file}`);
    expect(await store.get()).toBeNull();

    await store.set("V001first");
    await store.set(CANARY);
    expect(await createFileStore({ directory }).get()).toBe(CANARY);

    expect(await store.delete()).toBe(true);
    expect(await store.get()).toBeNull();
    expect(await store.delete()).toBe(false);
  });

  it("writes a self-describing envelope that does not contain the cookie in clear", async () => {
    await createFileStore({ directory }).set(CANARY);
    const text = await fs.readFile(file, "utf8");
    expect(text).not.toContain("CANARY");
    expect(text).not.toContain(Buffer.from(CANARY).toString("base64").slice(0, 20));

    const envelope = await readEnvelope();
    expect(envelope).toMatchObject({ v: 1, kdf: "scrypt", r: 8, p: 1, passphrase: false });
    expect(envelope.N).toBeGreaterThanOrEqual(2 ** 14);
    expect(Buffer.from(envelope.salt as string, "base64")).toHaveLength(16);
    expect(Buffer.from(envelope.iv as string, "base64")).toHaveLength(12);
    expect(Buffer.from(envelope.tag as string, "base64")).toHaveLength(16);
  });

  it("uses a fresh salt and nonce on every write", async () => {
    const store = createFileStore({ directory });
    await store.set(CANARY);
    const first = await fs.readFile(file, "utf8");
    await store.set(CANARY);
    const second = await fs.readFile(file, "utf8");

    expect(second).not.toBe(first);
    const [a, b] = [JSON.parse(first) as Record<string, string>, JSON.parse(second) as Record<string, string>];
    expect(b.salt).not.toBe(a.salt);
    expect(b.iv).not.toBe(a.iv);
    expect(b.data).not.toBe(a.data);
  });

  it.each(["data", "tag", "iv", "salt"])("rejects a file whose %s was altered", async (field) => {
    await createFileStore({ directory }).set(CANARY);
    const envelope = await readEnvelope();
    const bytes = Buffer.from(envelope[field] as string, "base64");
    bytes[0] = (bytes[0] ?? 0) ^ 0x01;
    await writeEnvelope({ ...envelope, [field]: bytes.toString("base64") });

    await expectStoreError(createFileStore({ directory }).get(), /tampered/);
  });

  it("rejects a file whose authenticated header was altered", async () => {
    await createFileStore({ directory }).set(CANARY);
    const envelope = await readEnvelope();
    await writeEnvelope({ ...envelope, N: 2 ** 14 });
    await expectStoreError(createFileStore({ directory }).get(), /tampered/);

    await writeEnvelope({ ...envelope, passphrase: true });
    await expectStoreError(createFileStore({ directory, passphrase: "guess" }).get(), /tampered/);
  });

  it.each<[string, string]>([
    ["text that is not JSON", "hello"],
    ["truncated JSON", '{"v": 1, "kdf": "scr'],
    ["JSON null", "null"],
    ["an array", "[1]"],
    ["an empty object", "{}"],
    ["a string version", '{"v":"1"}'],
    ["missing fields", '{"v":1,"kdf":"scrypt"}'],
    ["a short nonce", envelopeText({ iv: "AAAA" })],
  ])("reports %s as an invalid credentials file", async (_label, contents) => {
    await fs.mkdir(directory, { recursive: true });
    await fs.writeFile(file, contents);
    await expectStoreError(createFileStore({ directory }).get(), /not a valid credentials file/);
  });

  it.each<[string, Record<string, unknown>]>([
    ["an unknown KDF", { kdf: "argon2" }],
    ["an expensive cost (N=2^17, r=8, p=16)", { N: 2 ** 17, p: 16 }],
    ["scrypt parameters demanding gigabytes", { N: 2 ** 30 }],
    ["a cheaper cost than the one written", { N: 2 ** 14 }],
    ["a cost that is not a power of two", { N: 1000 }],
    ["a block size of 9", { r: 9 }],
    ["a string cost", { N: "32768" }],
  ])("refuses %s as tampered at once, without running scrypt", async (_label, overrides) => {
    await fs.mkdir(directory, { recursive: true });
    await fs.writeFile(file, envelopeText(overrides));
    vi.mocked(crypto.scrypt).mockClear();
    const started = Date.now();
    await expectStoreError(createFileStore({ directory }).get(), /tampered with: its encryption settings/);
    expect(crypto.scrypt).not.toHaveBeenCalled();
    // Loose on purpose: the expensive case took 5 s before; a slow CI machine still passes.
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("runs scrypt for the parameters it writes, so the spy above can see a call", async () => {
    await fs.mkdir(directory, { recursive: true });
    await fs.writeFile(file, envelopeText({}));
    vi.mocked(crypto.scrypt).mockClear();
    await expectStoreError(createFileStore({ directory }).get(), /tampered/);
    expect(crypto.scrypt).toHaveBeenCalledTimes(1);
  });

  it("treats the unmodified test envelope as well-formed, so each case above fails for its own reason", async () => {
    await fs.mkdir(directory, { recursive: true });
    await fs.writeFile(file, envelopeText({}));
    await expectStoreError(createFileStore({ directory }).get(), /tampered/);
  });

  it("reports a file from a newer format version", async () => {
    await createFileStore({ directory }).set(CANARY);
    await writeEnvelope({ ...(await readEnvelope()), v: 2 });
    await expectStoreError(createFileStore({ directory }).get(), /newer version/);
  });

  it("rejects a wrong passphrase without revealing either passphrase", async () => {
    await createFileStore({ directory, passphrase: "correct horse" }).set(CANARY);
    expect(await readEnvelope()).toMatchObject({ passphrase: true });
    expect(await createFileStore({ directory, passphrase: "correct horse" }).get()).toBe(CANARY);

    const error = await rejectionOf(createFileStore({ directory, passphrase: "battery staple" }).get());
    expect(error).toBeInstanceOf(CredentialStoreError);
    expect((error as Error).message).toMatch(/wrong TP_MCP_PASSPHRASE or the file was tampered with/);
    expectNoSecret(error, "correct horse");
    expectNoSecret(error, "battery staple");
  });

  it.each([undefined, ""])("asks for TP_MCP_PASSPHRASE when it is %j but the file needs one", async (passphrase) => {
    await createFileStore({ directory, passphrase: "correct horse" }).set(CANARY);
    await expectStoreError(createFileStore({ directory, passphrase }).get(), /encrypted with a passphrase: set TP_MCP_PASSPHRASE/);
  });

  it("still reads a file saved before a passphrase was set, and re-encrypts it on the next save", async () => {
    await createFileStore({ directory }).set(CANARY);
    const withPassphrase = createFileStore({ directory, passphrase: "correct horse" });
    expect(await withPassphrase.get()).toBe(CANARY);

    await withPassphrase.set(CANARY);
    expect(await readEnvelope()).toMatchObject({ passphrase: true });
    await expectStoreError(createFileStore({ directory }).get(), /set TP_MCP_PASSPHRASE/);
  });

  it("binds a passphrase-less file to its directory, so a copy elsewhere cannot be decrypted", async () => {
    await createFileStore({ directory }).set(CANARY);
    const elsewhere = path.join(root, "copied");
    await fs.mkdir(elsewhere);
    await fs.copyFile(file, path.join(elsewhere, CREDENTIALS_FILE_NAME));
    await expectStoreError(createFileStore({ directory: elsewhere }).get(), /tampered|another machine/);
  });

  it("leaves no temporary files behind", async () => {
    const store = createFileStore({ directory });
    await store.set(CANARY);
    await store.set(CANARY);
    expect(await fs.readdir(directory)).toEqual([CREDENTIALS_FILE_NAME]);
  });

  it("cleans up its temporary file and reports a failed write", async () => {
    // A non-empty directory where the file should be makes the final rename fail.
    await fs.mkdir(path.join(file, "blocker"), { recursive: true });
    await expectStoreError(createFileStore({ directory }).set(CANARY), /Could not write/);
    expect(await fs.readdir(directory)).toEqual([CREDENTIALS_FILE_NAME]);
    await expectStoreError(createFileStore({ directory }).get(), /Could not read/);
  });

  describe.skipIf(isWindows)("permissions", () => {
    let previousUmask: number;
    beforeEach(() => {
      previousUmask = process.umask(0);
    });
    afterEach(() => {
      process.umask(previousUmask);
    });

    const modeOf = async (target: string) => (await fs.stat(target)).mode & 0o777;

    it("creates the directory 0700 and the file 0600 even with umask 0", async () => {
      await createFileStore({ directory }).set(CANARY);
      expect(await modeOf(directory)).toBe(0o700);
      expect(await modeOf(file)).toBe(0o600);
    });

    it("leaves an existing shared directory's mode alone, replaces a loose file with a 0600 one, and warns", async () => {
      await fs.mkdir(directory, { recursive: true });
      // A shared sticky directory, as /tmp: the user chose it, so saving must not change it.
      await fs.chmod(directory, 0o1777);
      await fs.writeFile(file, "old", { mode: 0o666 });

      const store = createFileStore({ directory });
      await store.set(CANARY);
      expect((await fs.stat(directory)).mode & 0o7777).toBe(0o1777);
      expect(await modeOf(file)).toBe(0o600);
      expect(await store.permissionWarnings?.()).toEqual([
        `warning: the credentials directory ${directory} is open to other users (mode 1777): run chmod 700 ${directory}`,
      ]);
    });

    it("warns about a credentials file other users can read, with the chmod that fixes it", async () => {
      const store = createFileStore({ directory });
      await store.set(CANARY);
      expect(await store.permissionWarnings?.()).toEqual([]);

      await fs.chmod(file, 0o644);
      expect(await store.permissionWarnings?.()).toEqual([
        `warning: the credentials file ${file} is open to other users (mode 644): run chmod 600 ${file}`,
      ]);
      await fs.chmod(file, 0o620);
      expect(await permissionWarnings(directory, file)).toHaveLength(1);
      await fs.chmod(file, 0o600);
      expect(await permissionWarnings(directory, file)).toEqual([]);
      expect(await permissionWarnings(directory, file, "win32")).toEqual([]);
    });
  });
});
