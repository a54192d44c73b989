import { randomBytes } from 'node:crypto';
import { parseSecretKey, SecretBox } from '@agent-fleet/core';
import { readOrCreateSecretFile } from './data-dir-secret.js';
import type { Env } from './env.js';

/**
 * The box that encrypts secrets at rest: SECRETS_KEY when set, else a key generated once into
 * DATA_DIR/secrets-key. Losing the key makes stored provider keys unreadable (they must be entered again);
 * docs/security.md explains rotation with SECRETS_KEY_PREVIOUS.
 */
export function loadSecretBox(env: Pick<Env, 'SECRETS_KEY' | 'SECRETS_KEY_PREVIOUS' | 'DATA_DIR'>): SecretBox {
  const current = env.SECRETS_KEY ?? readOrCreateSecretFile(env.DATA_DIR, 'secrets-key', () => randomBytes(32).toString('hex'));
  const previous = (env.SECRETS_KEY_PREVIOUS ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean)
    .map(parseSecretKey);
  return new SecretBox(parseSecretKey(current), previous);
}
