import { randomUUID } from 'node:crypto';
import type { LlmCall, ModelPriceOverride } from '@agent-fleet/contracts';
import { SecretBox } from '../security/secret-box.js';
import { LlmCaller, type CallRequest, type CallScope, type RetryPolicy } from './llm-caller.js';
import type { LlmCallInsert, LlmCallRepository, ModelPriceRepository, ProviderSettingsRepository } from './llm-ports.js';
import { ModelService } from './model-service.js';
import type { ProviderLimiter } from '../ports/provider-limiter.js';
import { ProviderService } from './provider-service.js';

/** What the caller needs of the fake LLM server (`@agent-fleet/testing`, which only tests may import). */
interface FakeServer {
  baseUrl(provider: 'openai' | 'anthropic' | 'compatible'): string;
}

/** Shared by the LlmCaller tests: a caller wired to the fake LLM server, an in-memory ledger, fixed prices. */

/** Waits for state another request changes; generous, as CI machines can be slow. */
export const POLL = { timeout: 10_000 };

/** A limiter that lets every call through (its behaviour has its own contract suite in the adapters). */
export const unlimited: ProviderLimiter = {
  acquire: async (_key, signal) => {
    signal.throwIfAborted();
    return () => undefined;
  },
};

/** The ledger as a list: what the caller wrote, in order; `writes` also keeps each row as first written. */
export class MemoryLedger implements Pick<LlmCallRepository, 'insert' | 'finalise'> {
  rows: LlmCall[] = [];
  writes: LlmCall[] = [];
  async insert(_workspaceId: string, call: LlmCallInsert): Promise<LlmCall> {
    const row = { ...call, id: randomUUID(), createdAt: new Date().toISOString() };
    this.rows.push(row);
    this.writes.push(row);
    return row;
  }
  async finalise(_workspaceId: string, id: string, call: LlmCallInsert): Promise<LlmCall> {
    const index = this.rows.findIndex((row) => row.id === id);
    const row = { ...(this.rows[index] as LlmCall), ...call };
    this.rows[index] = row;
    return row;
  }
}

const noSettings: ProviderSettingsRepository = {
  list: async () => [],
  find: async () => null,
  upsert: async () => {
    throw new Error('unused');
  },
  delete: async () => false,
  listWithKeys: async () => [],
  replaceCiphertext: async () => false,
};
export const PRICES: ModelPriceOverride[] = [
  {
    provider: 'openai',
    model: 'gpt-test',
    contextWindow: null,
    prices: { input: 2, output: 8, cachedInput: 0.5, cacheWrite: 2, reasoning: 8 },
  },
  {
    provider: 'anthropic',
    model: 'claude-test',
    contextWindow: null,
    prices: { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75, reasoning: 15 },
  },
  {
    provider: 'local',
    model: 'llama-test',
    contextWindow: null,
    prices: { input: 1, output: 1, cachedInput: 1, cacheWrite: 1, reasoning: 1 },
  },
];
const priceRepository: ModelPriceRepository = {
  list: async () => PRICES,
  upsert: async () => undefined,
  delete: async () => false,
};

export const scope: CallScope = {
  workspaceId: randomUUID(),
  agentId: randomUUID(),
  conversationId: null,
  taskId: null,
  promptRef: 'support@3',
};

/** A caller against `server` whose rows go to `ledger` and whose backoff waits are pushed to `waits`. */
export function makeCaller(server: FakeServer, ledger: MemoryLedger, waits: number[], retry: Partial<RetryPolicy> = {}) {
  const providers = new ProviderService({
    environment: [
      { id: 'openai', kind: 'openai', apiKey: 'sk-openai', baseUrl: server.baseUrl('openai') },
      { id: 'anthropic', kind: 'anthropic', apiKey: 'sk-ant', baseUrl: server.baseUrl('anthropic') },
      { id: 'local', kind: 'openai-compatible', apiKey: null, baseUrl: server.baseUrl('compatible') },
    ],
    settings: noSettings,
    secrets: new SecretBox(Buffer.alloc(32, 7)),
    fetch: globalThis.fetch,
  });
  return new LlmCaller({
    providers,
    models: new ModelService(priceRepository),
    ledger: ledger as unknown as LlmCallRepository,
    limiter: unlimited,
    fetch: globalThis.fetch,
    retry: { baseDelayMs: 100, maxDelayMs: 5_000, ...retry },
    // Record the waits instead of waiting: the test checks the policy, not the clock.
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
  });
}

export const request = (models: { provider: string; model: string }[], signal?: AbortSignal): CallRequest => ({
  models,
  system: 'Be brief.',
  messages: [{ role: 'user', content: 'Hi' }],
  tools: {},
  signal: signal ?? new AbortController().signal,
});
