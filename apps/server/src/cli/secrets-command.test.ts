import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretBox } from '@agent-fleet/core';
import { DrizzleProviderSettingsRepository } from '@agent-fleet/db';
import { createTestDatabase } from '@agent-fleet/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { loadEnv } from '../env.js';
import { rotateStoredSecrets } from './secrets-rotation.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('agent-fleet secrets rotate', () => {
  it('re-encrypts stored keys with the new key, after which the old one is no longer needed', async () => {
    const database = await createTestDatabase();
    try {
      const settings = new DrizzleProviderSettingsRepository(database.db);
      const workspaceId = '00000000-0000-4000-8000-000000000001';
      const oldKey = randomBytes(32);
      const newKey = randomBytes(32);
      const context = `provider:${workspaceId}:openai`;
      await settings.upsert(workspaceId, {
        providerId: 'openai',
        kind: 'openai',
        baseUrl: null,
        apiKeyCiphertext: new SecretBox(oldKey).encrypt('sk-rotate-me', context),
        apiKeyHint: 'e-me',
      });
      const dataDir = mkdtempSync(join(tmpdir(), 'af-secrets-'));
      dirs.push(dataDir);
      const env = loadEnv({
        DATA_DIR: dataDir,
        SECRETS_KEY: newKey.toString('hex'),
        SECRETS_KEY_PREVIOUS: oldKey.toString('hex'),
      });

      expect(await rotateStoredSecrets(database, env)).toBe(1);
      const stored = (await settings.find(workspaceId, 'openai'))?.apiKeyCiphertext ?? '';
      expect(new SecretBox(newKey).decrypt(stored, context)).toBe('sk-rotate-me');
      expect(() => new SecretBox(oldKey).decrypt(stored, context)).toThrow();
      // Nothing left to do on a second run.
      expect(await rotateStoredSecrets(database, env)).toBe(0);
    } finally {
      await database.close();
    }
  });
});
