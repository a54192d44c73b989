import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { remoteSecretContext, SecretBox } from '@agent-fleet/core';
import { DrizzleAgentRepository, DrizzleProviderSettingsRepository, schema } from '@agent-fleet/db';
import { createTestDatabase, insertAgent, insertWorkspace } from '@agent-fleet/testing';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { loadEnv } from '../env.js';
import { rotateStoredSecrets } from './secrets-rotation.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The settings of a rotation from `oldKey` to `newKey`, with a data directory of their own. */
function rotationEnv(newKey: Buffer, oldKey: Buffer) {
  const dataDir = mkdtempSync(join(tmpdir(), 'af-secrets-'));
  dirs.push(dataDir);
  return loadEnv({ DATA_DIR: dataDir, SECRETS_KEY: newKey.toString('hex'), SECRETS_KEY_PREVIOUS: oldKey.toString('hex') });
}

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
      const env = rotationEnv(newKey, oldKey);

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

  it("re-encrypts remote A2A agents' credentials too, and leaves one written with the new key alone", async () => {
    const database = await createTestDatabase();
    try {
      const workspaceId = await insertWorkspace(database.db, 'Rotation');
      const oldKey = randomBytes(32);
      const newKey = randomBytes(32);
      const remote = async (name: string, key: Buffer, secret: string) => {
        const agent = await insertAgent(database.db, workspaceId, { name });
        // The secret as the agent service stores it for an a2a agent: sealed, bound to the agent.
        const sealed = new SecretBox(key).encrypt(secret, remoteSecretContext(workspaceId, agent.id));
        await database.db.update(schema.agents).set({ remoteSecretCiphertext: sealed }).where(eq(schema.agents.id, agent.id));
        return agent.id;
      };
      const stale = await remote('Old partner', oldKey, 'partner-token-old');
      const fresh = await remote('New partner', newKey, 'partner-token-new');
      const env = rotationEnv(newKey, oldKey);

      expect(await rotateStoredSecrets(database, env)).toBe(1);
      const agents = new DrizzleAgentRepository(database.db);
      const sealed = (await agents.findRemoteSecret(workspaceId, stale)) ?? '';
      expect(new SecretBox(newKey).decrypt(sealed, remoteSecretContext(workspaceId, stale))).toBe('partner-token-old');
      expect(() => new SecretBox(oldKey).decrypt(sealed, remoteSecretContext(workspaceId, stale))).toThrow();
      const untouched = (await agents.findRemoteSecret(workspaceId, fresh)) ?? '';
      expect(new SecretBox(newKey).decrypt(untouched, remoteSecretContext(workspaceId, fresh))).toBe('partner-token-new');
      expect(await rotateStoredSecrets(database, env)).toBe(0);
    } finally {
      await database.close();
    }
  });
});
