import { createTestDatabase, insertWorkspace } from '@agent-fleet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from './database.js';
import { DrizzleProviderSettingsRepository } from './provider-settings-repository.js';
import * as schema from './schema.js';

let handle: DatabaseHandle;
let settings: DrizzleProviderSettingsRepository;

beforeAll(async () => {
  handle = await createTestDatabase();
  settings = new DrizzleProviderSettingsRepository(handle.db);
});
afterAll(() => handle.close());

async function newWorkspace(): Promise<string> {
  return insertWorkspace(handle.db, 'Providers');
}

describe('DrizzleProviderSettingsRepository', () => {
  it('inserts, replaces, lists, finds and deletes a workspace’s provider settings', async () => {
    const workspaceId = await newWorkspace();
    const ollama = { providerId: 'ollama', kind: 'openai-compatible' as const, baseUrl: 'http://localhost:11434/v1' };
    const created = await settings.upsert(workspaceId, { ...ollama, apiKeyCiphertext: null, apiKeyHint: null });
    expect(created).toMatchObject({ ...ollama, apiKeyCiphertext: null });

    // Age the row rather than sleep: the upsert must stamp it anew.
    await handle.db
      .update(schema.providerSettings)
      .set({ updatedAt: new Date(Date.parse(created.updatedAt) - 60_000) })
      .where(eq(schema.providerSettings.workspaceId, workspaceId));
    const keyed = await settings.upsert(workspaceId, { ...ollama, apiKeyCiphertext: 'sealed', apiKeyHint: '…abcd' });
    expect(keyed).toMatchObject({ apiKeyCiphertext: 'sealed', apiKeyHint: '…abcd' });
    expect(Date.parse(keyed.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));

    await settings.upsert(workspaceId, {
      providerId: 'anthropic',
      kind: 'anthropic',
      baseUrl: null,
      apiKeyCiphertext: 'x',
      apiKeyHint: null,
    });
    expect((await settings.list(workspaceId)).map((row) => row.providerId)).toEqual(['anthropic', 'ollama']);
    expect(await settings.find(workspaceId, 'ollama')).toEqual(keyed);

    expect(await settings.delete(workspaceId, 'ollama')).toBe(true);
    expect(await settings.delete(workspaceId, 'ollama')).toBe(false);
    expect(await settings.find(workspaceId, 'ollama')).toBeNull();
  });

  it('keeps workspaces apart', async () => {
    const workspaceId = await newWorkspace();
    await settings.upsert(workspaceId, {
      providerId: 'openai',
      kind: 'openai',
      baseUrl: null,
      apiKeyCiphertext: 'k',
      apiKeyHint: null,
    });
    const other = await newWorkspace();
    expect(await settings.list(other)).toEqual([]);
    expect(await settings.find(other, 'openai')).toBeNull();
    expect(await settings.delete(other, 'openai')).toBe(false);
    expect(await settings.find(workspaceId, 'openai')).not.toBeNull();
  });
});
