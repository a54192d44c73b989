import { ProviderService } from '@agent-fleet/core';
import { DrizzleProviderSettingsRepository, type DatabaseHandle } from '@agent-fleet/db';
import type { Env } from '../env.js';
import { loadSecretBox } from '../secrets-key.js';

/** Re-encrypts stored provider keys with the current SECRETS_KEY; returns how many changed. */
export async function rotateStoredSecrets(database: DatabaseHandle, env: Env): Promise<number> {
  const providers = new ProviderService({
    environment: [],
    settings: new DrizzleProviderSettingsRepository(database.db),
    secrets: loadSecretBox(env),
    fetch: globalThis.fetch,
  });
  return providers.rotateSecrets();
}
