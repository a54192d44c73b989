import { ProviderService, rotateRemoteSecrets } from '@agent-fleet/core';
import { DrizzleAgentRepository, DrizzleProviderSettingsRepository, type DatabaseHandle } from '@agent-fleet/db';
import type { Env } from '../env.js';
import { loadSecretBox } from '../secrets-key.js';

/**
 * Re-encrypts every stored secret with the current SECRETS_KEY: provider keys and remote A2A agents'
 * credentials. Returns how many changed.
 */
export async function rotateStoredSecrets(database: DatabaseHandle, env: Env): Promise<number> {
  const secrets = loadSecretBox(env);
  const providers = new ProviderService({
    environment: [],
    settings: new DrizzleProviderSettingsRepository(database.db),
    secrets,
    fetch: globalThis.fetch,
  });
  return (await providers.rotateSecrets()) + (await rotateRemoteSecrets(new DrizzleAgentRepository(database.db), secrets));
}
