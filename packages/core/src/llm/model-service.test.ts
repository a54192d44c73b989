import type { ModelPriceOverride } from '@agent-fleet/contracts';
import { describe, expect, it } from 'vitest';
import type { AuditActor } from '../security/audit-service.js';
import type { Repositories, UnitOfWork } from '../unit-of-work.js';
import type { ModelPriceRepository } from './llm-ports.js';
import { ModelService } from './model-service.js';

const prices = (input: number) => ({ input, output: 1, cachedInput: 1, cacheWrite: 1, reasoning: 1 });
const actor = { type: 'user', id: 'u1' } as unknown as AuditActor;

/** One database's overrides, shared by the services of several servers; counts the reads. */
function sharedPrices() {
  const stored = new Map<string, ModelPriceOverride>();
  let reads = 0;
  const repository: ModelPriceRepository = {
    list: async () => {
      reads += 1;
      return [...stored.values()];
    },
    upsert: async (_workspaceId, override) => {
      stored.set(`${override.provider}/${override.model}`, override);
    },
    delete: async (_workspaceId, provider, model) => stored.delete(`${provider}/${model}`),
  };
  const unitOfWork = {
    transaction: (work: (repositories: Repositories) => Promise<unknown>) =>
      work({ modelPrices: repository, audit: { insert: async () => undefined } } as unknown as Repositories),
  } as UnitOfWork;
  return { repository, unitOfWork, reads: () => reads };
}

const override = (input: number): ModelPriceOverride => ({
  provider: 'local',
  model: 'llama-test',
  contextWindow: null,
  prices: prices(input),
});

describe('ModelService pricing a call', () => {
  it('reads the overrides once per workspace while they are fresh, and again after ttlMs', async () => {
    const db = sharedPrices();
    let now = 0;
    const models = new ModelService(db.repository, db.unitOfWork, { ttlMs: 5000, now: () => now });
    await db.repository.upsert('w1', override(2));
    for (let call = 0; call < 3; call += 1) {
      expect((await models.resolve('w1', 'local', 'llama-test')).prices.input).toBe(2);
    }
    expect(db.reads()).toBe(1);
    now = 5001;
    await models.resolve('w1', 'local', 'llama-test');
    expect(db.reads()).toBe(2);
  });

  it('uses a price changed on this server at once, and one changed on another within ttlMs', async () => {
    const db = sharedPrices();
    let now = 0;
    const here = new ModelService(db.repository, db.unitOfWork, { ttlMs: 5000, now: () => now });
    const there = new ModelService(db.repository, db.unitOfWork, { ttlMs: 5000, now: () => now });
    await here.override('w1', override(2), actor);
    expect((await here.resolve('w1', 'local', 'llama-test')).prices.input).toBe(2);
    expect((await there.resolve('w1', 'local', 'llama-test')).prices.input).toBe(2);

    await here.override('w1', override(3), actor);
    expect((await here.resolve('w1', 'local', 'llama-test')).prices.input).toBe(3);
    now = 4999;
    expect((await there.resolve('w1', 'local', 'llama-test')).prices.input).toBe(2);
    now = 5000;
    expect((await there.resolve('w1', 'local', 'llama-test')).prices.input).toBe(3);

    await there.reset('w1', 'local', 'llama-test', actor);
    expect((await there.resolve('w1', 'local', 'llama-test')).unpriced).toBe(true);
    // The catalogue shown to people is never cached.
    expect((await here.list('w1', 'local')).some((model) => model.model === 'llama-test')).toBe(false);
  });
});
