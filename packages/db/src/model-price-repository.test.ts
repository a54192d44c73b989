import { createTestDatabase, insertWorkspace } from '@agent-fleet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './database.js';
import { DrizzleModelPriceRepository } from './model-price-repository.js';

let handle: DatabaseHandle;
let prices: DrizzleModelPriceRepository;

beforeAll(async () => {
  handle = await createTestDatabase();
  prices = new DrizzleModelPriceRepository(handle.db);
});
afterAll(() => handle.close());

async function newWorkspace(): Promise<string> {
  return insertWorkspace(handle.db, 'Models');
}

describe('DrizzleModelPriceRepository', () => {
  const modelPrices = { input: 2.5, output: 10, cachedInput: 1.25, cacheWrite: 2.5, reasoning: 10 };

  it('stores overrides per workspace, replaces them and omits an unset label', async () => {
    const workspaceId = await newWorkspace();
    await prices.upsert(workspaceId, { provider: 'openai', model: 'gpt-4o', contextWindow: 128_000, prices: modelPrices });
    await prices.upsert(workspaceId, {
      provider: 'ollama',
      model: 'llama3',
      label: 'Llama 3',
      contextWindow: null,
      prices: modelPrices,
    });
    await prices.upsert(workspaceId, {
      provider: 'openai',
      model: 'gpt-4o',
      contextWindow: 64_000,
      prices: { ...modelPrices, input: 0.000125 },
    });
    expect(await prices.list(workspaceId)).toEqual([
      { provider: 'ollama', model: 'llama3', label: 'Llama 3', contextWindow: null, prices: modelPrices },
      { provider: 'openai', model: 'gpt-4o', contextWindow: 64_000, prices: { ...modelPrices, input: 0.000125 } },
    ]);
    expect(await prices.list(await newWorkspace())).toEqual([]);

    expect(await prices.delete(workspaceId, 'openai', 'gpt-4o')).toBe(true);
    expect(await prices.delete(workspaceId, 'openai', 'gpt-4o')).toBe(false);
    expect((await prices.list(workspaceId)).map((row) => row.model)).toEqual(['llama3']);
  });
});
