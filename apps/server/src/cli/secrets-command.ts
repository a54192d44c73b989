import type { DatabaseHandle } from '@agent-fleet/db';
import type { Command } from 'commander';
import type { Env } from '../env.js';

export function registerSecretsCommand(
  program: Command,
  open: () => { env: Env; database: () => Promise<DatabaseHandle> },
): void {
  program
    .command('secrets')
    .description('Manage the key that encrypts secrets at rest')
    .command('rotate')
    .description(
      'Re-encrypt stored provider keys and remote A2A agent credentials with SECRETS_KEY (old keys must be in SECRETS_KEY_PREVIOUS)',
    )
    .action(async () => {
      const { env, database: openDatabase } = open();
      // Loaded here, not at start: the other commands do not need the database layer.
      const [{ migrateDatabase }, { rotateStoredSecrets }] = await Promise.all([
        import('@agent-fleet/db'),
        import('./secrets-rotation.js'),
      ]);
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
