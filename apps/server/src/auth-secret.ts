import { randomBytes } from 'node:crypto';
import { readOrCreateSecretFile } from './data-dir-secret.js';
import type { Env } from './env.js';

/**
 * The access-token signing key: AUTH_SECRET when set, else a random key generated once into
 * DATA_DIR/auth-secret. Deleting the file signs everyone out.
 */
export function loadAuthSecret(env: Pick<Env, 'AUTH_SECRET' | 'DATA_DIR'>): Uint8Array {
  const secret =
    env.AUTH_SECRET ?? readOrCreateSecretFile(env.DATA_DIR, 'auth-secret', () => randomBytes(48).toString('base64url'));
  return new TextEncoder().encode(secret);
}
