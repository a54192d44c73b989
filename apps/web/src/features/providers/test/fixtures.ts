import type { ModelInfo, Provider } from '@agent-fleet/contracts';

/** OpenAI configured by the server environment, with a key; override what a test cares about. */
export function makeProvider(overrides: Partial<Provider> = {}): Provider {
  return {
    id: 'openai',
    kind: 'openai',
    baseUrl: null,
    hasApiKey: true,
    apiKeyHint: 'abcd',
    source: 'environment',
    ready: true,
    updatedAt: null,
    ...overrides,
  };
}

export const mockProvider = (): Provider =>
  makeProvider({ id: 'mock', kind: 'mock', hasApiKey: false, apiKeyHint: null, source: 'builtin' });

export const ollamaProvider = (overrides: Partial<Provider> = {}): Provider =>
  makeProvider({
    id: 'ollama',
    kind: 'openai-compatible',
    baseUrl: 'http://localhost:11434/v1',
    hasApiKey: false,
    apiKeyHint: null,
    source: 'workspace',
    updatedAt: '2026-03-01T09:00:00.000Z',
    ...overrides,
  });

/** GPT-4o at its catalogue prices. */
export function makeModel(overrides: Partial<ModelInfo> = {}): ModelInfo {
  return {
    provider: 'openai',
    model: 'gpt-4o',
    label: 'GPT-4o',
    contextWindow: 128_000,
    prices: { input: 2.5, output: 10, cachedInput: 1.25, cacheWrite: 2.5, reasoning: 10 },
    source: 'catalogue',
    mock: false,
    ...overrides,
  };
}

export const echoModel = (): ModelInfo =>
  makeModel({
    provider: 'mock',
    model: 'echo',
    label: 'Echo',
    contextWindow: null,
    prices: { input: 0, output: 0, cachedInput: 0, cacheWrite: 0, reasoning: 0 },
    mock: true,
  });
