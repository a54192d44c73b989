import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from './env.js';

/**
 * The access-token signing key: AUTH_SECRET when set, else a random key generated once into
 * DATA_DIR/auth-secret (mode 0600) so embedded installs need no configuration and tokens survive
 * restarts. Deleting the file signs everyone out.
 */
export function loadAuthSecret(env: Pick<Env, 'AUTH_SECRET' | 'DATA_DIR'>): Uint8Array {
  if (env.AUTH_SECRET) return new TextEncoder().encode(env.AUTH_SECRET);
  const file = join(env.DATA_DIR, 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(env.DATA_DIR, { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
}
