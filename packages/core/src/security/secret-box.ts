import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AppError } from '../app-error.js';

const VERSION = 'v1';

const keyId = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, 8);

/**
 * Encrypts secrets at rest (provider API keys) with AES-256-GCM. Each value gets a fresh 96-bit IV and is
 * bound to its context (e.g. `provider:<workspace>:<id>`) as associated data, so a ciphertext copied to
 * another row does not decrypt. The ciphertext names its key (`v1.<keyId>.<iv>.<tag>.<data>`), so old keys
 * can stay readable during a rotation while every write uses the current key.
 */
export class SecretBox {
  private readonly keys = new Map<string, Buffer>();
  private readonly currentId: string;

  /** `current` encrypts and decrypts; `previous` keys only decrypt. Each key is 32 bytes. */
  constructor(
    private readonly current: Buffer,
    previous: readonly Buffer[] = [],
  ) {
    for (const key of [current, ...previous]) {
      if (key.length !== 32) throw new Error('Secret keys must be 32 bytes (AES-256)');
      this.keys.set(keyId(key), key);
    }
    this.currentId = keyId(current);
  }

  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current, iv);
    cipher.setAAD(Buffer.from(context));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      VERSION,
      this.currentId,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      data.toString('base64url'),
    ].join('.');
  }

  decrypt(ciphertext: string, context: string): string {
    const [version, id, iv, tag, data] = ciphertext.split('.');
    const key = id === undefined ? undefined : this.keys.get(id);
    if (version !== VERSION || !key || iv === undefined || tag === undefined || data === undefined) {
      throw unreadable();
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch (cause) {
      throw unreadable(cause);
    }
  }

  /** Whether a ciphertext was written with an older key (and should be re-encrypted). */
  isStale(ciphertext: string): boolean {
    return ciphertext.split('.')[1] !== this.currentId;
  }
}

const unreadable = (cause?: unknown) =>
  new AppError(
    'internal_error',
    'A stored secret cannot be decrypted: the secrets key changed without keeping the old one (see docs/security.md)',
    { cause },
  );

/** Parses a key from config: 64 hex characters or base64 of 32 bytes. */
export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error('A secrets key is 32 bytes: 64 hex characters or base64');
  return key;
}
