/**
 * node:crypto, loaded on first use (an envelope sealed or opened, a credentials file written):
 * evaluating it takes 4-5 ms, on every start-up of a server that reads its cookie from the
 * keyring or TP_AUTH_COOKIE and never needs it.
 */
export const loadCrypto = () => import("node:crypto");

/**
 * Self-describing encrypted container for the cookie: AES-256-GCM with a key derived by scrypt.
 * Salt and nonce are fresh on every encryption. The header fields (version, KDF parameters,
 * whether a passphrase was used) are authenticated as additional data, so editing them is
 * detected like any other tampering.
 */
export interface Envelope {
  v: 1;
  kdf: "scrypt";
  N: number;
  r: number;
  p: number;
  passphrase: boolean;
  salt: string;
  iv: string;
  tag: string;
  data: string;
}

export const ENVELOPE_VERSION = 1;
const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Why an envelope could not be opened; the caller turns this into a user-facing message. */
export class EnvelopeError extends Error {
  constructor(readonly reason: "malformed" | "unsupported-kdf" | "unsupported-version" | "decryption-failed") {
    super(reason);
    this.name = "EnvelopeError";
  }
}

function scryptMemory(N: number, r: number, p: number): number {
  return 128 * r * (N + 2 + p);
}

async function deriveKey(secret: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  const { scrypt } = await loadCrypto();
  return new Promise((resolve, reject) => {
    const maxmem = scryptMemory(N, r, p) + 1024 * 1024;
    scrypt(secret.normalize("NFC"), salt, KEY_BYTES, { N, r, p, maxmem }, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

function additionalData(header: Pick<Envelope, "v" | "kdf" | "N" | "r" | "p" | "passphrase">): Buffer {
  return Buffer.from(JSON.stringify([header.v, header.kdf, header.N, header.r, header.p, header.passphrase]));
}

export async function sealEnvelope(plaintext: string, secret: string, passphraseUsed: boolean): Promise<Envelope> {
  const { N, r, p } = SCRYPT_PARAMS;
  const { createCipheriv, randomBytes } = await loadCrypto();
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const key = await deriveKey(secret, salt, N, r, p);
  const header = { v: ENVELOPE_VERSION, kdf: "scrypt", N, r, p, passphrase: passphraseUsed } as const;
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(additionalData(header));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return {
    ...header,
    salt: salt.toString("base64"),
    iv: iv.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
    data: data.toString("base64"),
  };
}

/**
 * Only the parameters sealEnvelope writes are accepted. Any others mean the file was edited (the
 * header is authenticated, so it would fail to decrypt anyway); refusing them here, before scrypt
 * runs, keeps a tampered file from costing seconds of CPU or gigabytes of memory first.
 */
function isOwnKdf(e: Record<string, unknown>): boolean {
  return e.kdf === "scrypt" && e.N === SCRYPT_PARAMS.N && e.r === SCRYPT_PARAMS.r && e.p === SCRYPT_PARAMS.p;
}

/** Parses the file text; throws EnvelopeError for anything that is not a usable v1 envelope. */
export function parseEnvelope(text: string): Envelope {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new EnvelopeError("malformed");
  }
  if (typeof value !== "object" || value === null) throw new EnvelopeError("malformed");
  const e = value as Record<string, unknown>;
  if (e.v !== ENVELOPE_VERSION) throw new EnvelopeError(typeof e.v === "number" ? "unsupported-version" : "malformed");
  const base64 = (x: unknown): x is string => typeof x === "string" && /^[A-Za-z0-9+/]*={0,2}$/.test(x);
  if (typeof e.passphrase !== "boolean" || !base64(e.salt) || !base64(e.iv) || !base64(e.tag) || !base64(e.data)) {
    throw new EnvelopeError("malformed");
  }
  if (!isOwnKdf(e)) throw new EnvelopeError("unsupported-kdf");
  return e as unknown as Envelope;
}

export async function openEnvelope(envelope: Envelope, secret: string): Promise<string> {
  // Callers may build an Envelope without parseEnvelope: the same refusal, before any work.
  if (!isOwnKdf(envelope as unknown as Record<string, unknown>)) throw new EnvelopeError("unsupported-kdf");
  const salt = Buffer.from(envelope.salt, "base64");
  const iv = Buffer.from(envelope.iv, "base64");
  const tag = Buffer.from(envelope.tag, "base64");
  if (salt.length < SALT_BYTES || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new EnvelopeError("malformed");
  }
  const key = await deriveKey(secret, salt, envelope.N, envelope.r, envelope.p).catch(() => {
    throw new EnvelopeError("malformed");
  });
  const { createDecipheriv } = await loadCrypto();
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(envelope));
    decipher.setAuthTag(tag);
    const data = Buffer.from(envelope.data, "base64");
    return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
  } catch {
    throw new EnvelopeError("decryption-failed");
  }
}
