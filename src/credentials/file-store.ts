import { readFile, stat } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { EnvelopeError, loadCrypto, openEnvelope, parseEnvelope, sealEnvelope, type Envelope } from "./envelope.js";
import { CredentialStoreError, messageOf, type CredentialStore } from "./store.js";

export const CREDENTIALS_FILE_NAME = "credentials.enc";
const PASSPHRASE_VARIABLE = "TP_MCP_PASSPHRASE";
const SAVE_AGAIN = "Delete it or save the cookie again to replace it.";

export interface FileStoreOptions {
  directory: string;
  /** From TP_MCP_PASSPHRASE. Empty means none. */
  passphrase?: string;
}

/**
 * Key material when no passphrase is set. It is derived from facts any program running as the
 * same user on the same machine can read, so it only protects against casual reading, accidental
 * commits and backups or copies taken elsewhere; not against code running as this user here.
 * Set TP_MCP_PASSPHRASE for protection that does not depend on the machine.
 */
function machineBoundSecret(directory: string): string {
  let user: string;
  try {
    user = os.userInfo().username;
  } catch {
    // No passwd entry, e.g. a container running under an arbitrary uid.
    user = process.env.USER ?? process.env.USERNAME ?? String(process.getuid?.() ?? "");
  }
  return ["trainingpeaks-mcp/credentials-file/v1", os.hostname(), user, path.resolve(directory)].join("\u0000");
}

// node:fs/promises brings readline and the file watchers with it, about 4 ms of a start (issue 14),
// and `serve` reads this file at every start: reading goes through node:fs, and only writing and
// deleting load node:fs/promises.
const readText = promisify(readFile);
const statOf = promisify(stat);
const loadFsPromises = () => import("node:fs/promises");

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === "ENOENT";
}

async function syncDirectory(directory: string): Promise<void> {
  // Makes the rename durable; not possible on every platform (Windows), hence best effort.
  try {
    const handle = await (await loadFsPromises()).open(directory, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // ignored
  }
}

async function writeFileAtomically(directory: string, file: string, contents: string): Promise<void> {
  const [{ randomBytes }, fs] = await Promise.all([loadCrypto(), loadFsPromises()]);
  const temp = path.join(directory, `${path.basename(file)}.${randomBytes(8).toString("hex")}.tmp`);
  let handle: FileHandle | undefined;
  try {
    // Modes are set only on what is created here: an existing directory is the user's (it may be
    // a shared one on purpose); permissionWarnings() tells them when it is open to others.
    // The explicit chmods undo a umask that would have left what we create without owner access.
    const created = await fs.mkdir(directory, { recursive: true, mode: 0o700 });
    if (created !== undefined) await fs.chmod(directory, 0o700);
    handle = await fs.open(temp, "wx", 0o600);
    await fs.chmod(temp, 0o600);
    await handle.writeFile(contents, "utf8");
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temp, file);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new CredentialStoreError(`Could not write ${file}: ${messageOf(error)}`, { cause: error });
  }
  await syncDirectory(directory);
}

/**
 * One line per credential path that group or other users can read or write, each saying the
 * command that fixes it. Empty on Windows, where POSIX modes mean nothing, and when the file is absent.
 */
export async function permissionWarnings(directory: string, file: string, platform = process.platform): Promise<string[]> {
  if (platform === "win32") return [];
  const warnings: string[] = [];
  for (const [target, fix] of [[directory, "700"], [file, "600"]] as const) {
    let mode: number;
    try {
      mode = (await statOf(target)).mode & 0o7777;
    } catch {
      continue;
    }
    if ((mode & 0o077) !== 0) {
      const kind = target === file ? "credentials file" : "credentials directory";
      warnings.push(
        `warning: the ${kind} ${target} is open to other users (mode ${mode.toString(8)}): run chmod ${fix} ${target}`,
      );
    }
  }
  return warnings;
}

export function createFileStore(options: FileStoreOptions): CredentialStore {
  const directory = path.resolve(options.directory);
  const file = path.join(directory, CREDENTIALS_FILE_NAME);
  const passphrase = options.passphrase ? options.passphrase : undefined;

  function openError(envelope: Envelope, error: unknown): CredentialStoreError {
    if (error instanceof EnvelopeError && error.reason === "decryption-failed") {
      return new CredentialStoreError(
        envelope.passphrase
          ? `Could not decrypt ${file}: wrong ${PASSPHRASE_VARIABLE} or the file was tampered with.`
          : `Could not decrypt ${file}: the file was tampered with, or was written on another machine, ` +
              `by another user or in another directory (without a passphrase the key is bound to those). ${SAVE_AGAIN}`,
      );
    }
    return new CredentialStoreError(`${file} is not a valid credentials file. ${SAVE_AGAIN}`);
  }

  async function read(): Promise<string | null> {
    let text: string;
    try {
      text = await readText(file, "utf8");
    } catch (error) {
      if (isMissing(error)) return null;
      throw new CredentialStoreError(`Could not read ${file}: ${messageOf(error)}`, { cause: error });
    }

    let envelope: Envelope;
    try {
      envelope = parseEnvelope(text);
    } catch (error) {
      if (error instanceof EnvelopeError && error.reason === "unsupported-version") {
        throw new CredentialStoreError(
          `${file} was written by a newer version of trainingpeaks-mcp. Upgrade, or ${SAVE_AGAIN.toLowerCase()}`,
        );
      }
      if (error instanceof EnvelopeError && error.reason === "unsupported-kdf") {
        throw new CredentialStoreError(
          `${file} was tampered with: its encryption settings are not the ones trainingpeaks-mcp writes. ${SAVE_AGAIN}`,
        );
      }
      throw new CredentialStoreError(`${file} is not a valid credentials file. ${SAVE_AGAIN}`);
    }
    if (envelope.passphrase && !passphrase) {
      throw new CredentialStoreError(`${file} was encrypted with a passphrase: set ${PASSPHRASE_VARIABLE}.`);
    }
    // The envelope records how it was sealed, so a file written before a passphrase was set stays
    // readable; the next save re-encrypts it with the passphrase.
    const secret = envelope.passphrase && passphrase ? passphrase : machineBoundSecret(directory);
    try {
      return await openEnvelope(envelope, secret);
    } catch (error) {
      throw openError(envelope, error);
    }
  }

  return {
    kind: "file",
    description: `encrypted file ${file}`,
    get: read,
    async set(cookie) {
      const secret = passphrase ?? machineBoundSecret(directory);
      const envelope = await sealEnvelope(cookie, secret, passphrase !== undefined);
      await writeFileAtomically(directory, file, `${JSON.stringify(envelope, null, 2)}\n`);
    },
    permissionWarnings: () => permissionWarnings(directory, file),
    async delete() {
      try {
        await (await loadFsPromises()).unlink(file);
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw new CredentialStoreError(`Could not delete ${file}: ${messageOf(error)}`, { cause: error });
      }
    },
  };
}
