import { ProviderService } from '@agent-fleet/core';
import { DrizzleProviderSettingsRepository, migrateDatabase, type DatabaseHandle } from '@agent-fleet/db';
import type { Command } from 'commander';
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

export function registerSecretsCommand(
  program: Command,
  open: () => { env: Env; database: () => Promise<DatabaseHandle> },
): void {
  program
    .command('secrets')
    .description('Manage the key that encrypts secrets at rest')
    .command('rotate')
    .description('Re-encrypt stored provider keys with SECRETS_KEY (old keys must be in SECRETS_KEY_PREVIOUS)')
    .action(async () => {
      const { env, database: openDatabase } = open();
      const database = await openDatabase();
      try {
        await migrateDatabase(database);
        const rotated = await rotateStoredSecrets(database, env);
        process.stdout.write(`Re-encrypted ${rotated} stored key(s). SECRETS_KEY_PREVIOUS can now be removed.\n`);
      } finally {
        await database.close();
      }
    });
}
