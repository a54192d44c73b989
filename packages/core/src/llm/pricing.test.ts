import { describe, expect, it } from 'vitest';
import { mergeCatalogue, modelFamilyId, pricesFor, resolvePrices, UNPRICED } from './model-catalogue.js';
import { costOf } from './pricing.js';

const prices = { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75, reasoning: 15 };

describe('costOf', () => {
  it('prices each part of the usage once, at its own rate', () => {
    // 10,000 input of which 6,000 cache reads and 1,000 cache writes → 3,000 uncached.
    // 2,000 output of which 500 reasoning → 1,500 visible.
    const usage = {
      inputTokens: 10_000,
      outputTokens: 2_000,
      cachedInputTokens: 6_000,
      cacheWriteTokens: 1_000,
      reasoningTokens: 500,
    };
    const expected = (3_000 * 3 + 6_000 * 0.3 + 1_000 * 3.75 + 1_500 * 15 + 500 * 15) / 1_000_000;
    expect(expected).toBeCloseTo(0.04455, 10);
    expect(costOf(usage, prices)).toBeCloseTo(expected, 10);
  });

  it('charges reasoning at its own price when it differs from output', () => {
    const usage = { inputTokens: 0, outputTokens: 1_000, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 1_000 };
    expect(costOf(usage, { ...prices, reasoning: 60 })).toBeCloseTo(0.06, 10);
  });

  it('is zero for zero usage and never negative for inconsistent reports', () => {
    expect(
      costOf({ inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 }, prices),
    ).toBe(0);
    const odd = { inputTokens: 10, outputTokens: 1, cachedInputTokens: 50, cacheWriteTokens: 0, reasoningTokens: 5 };
    expect(costOf(odd, prices)).toBeCloseTo((50 * 0.3 + 5 * 15) / 1_000_000, 12);
  });
});

describe('the model catalogue', () => {
  it('ships priced models and lets a workspace override or add one', () => {
    const shipped = mergeCatalogue([]);
    expect(shipped.find((model) => model.provider === 'openai' && model.model === 'gpt-4o-mini')?.prices.input).toBe(0.15);
    const merged = mergeCatalogue([
      { provider: 'openai', model: 'gpt-4o-mini', contextWindow: null, prices: { ...prices, input: 9 } },
      { provider: 'ollama', model: 'llama3.1', contextWindow: 8192, prices: UNPRICED },
    ]);
    const overridden = merged.find((model) => model.model === 'gpt-4o-mini');
    expect(overridden).toMatchObject({ source: 'override', contextWindow: 128000, label: 'GPT-4o mini' });
    expect(overridden?.prices.input).toBe(9);
    expect(merged.find((model) => model.provider === 'ollama')).toMatchObject({ source: 'override', contextWindow: 8192 });
  });

  it('prices mock model ids with options as their base id, and unknown models at zero', () => {
    const models = mergeCatalogue([]);
    expect(pricesFor(models, 'mock', 'echo?latencyMs=5&fail=429')).toEqual(pricesFor(models, 'mock', 'echo'));
    expect(pricesFor(models, 'mock', 'echo').input).toBeGreaterThan(0);
    expect(pricesFor(models, 'openai', 'no-such-model')).toEqual(UNPRICED);
  });
});

describe('1-hour cache writes', () => {
  it('are priced at cacheWrite1h, the rest of the writes at cacheWrite, and at cacheWrite when no 1-hour price is set', () => {
    const usage = { inputTokens: 2_000, outputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 1_000, reasoningTokens: 0 };
    expect(costOf(usage, { ...prices, cacheWrite1h: 6 }, 400)).toBe((1_000 * 3 + 600 * 3.75 + 400 * 6) / 1e6);
    expect(costOf(usage, prices, 400)).toBe((1_000 * 3 + 1_000 * 3.75) / 1e6);
  });
});

describe('dated model ids', () => {
  it('name their family', () => {
    expect(modelFamilyId('claude-sonnet-4-5-20250929')).toBe('claude-sonnet-4-5');
    expect(modelFamilyId('gpt-4o-2024-08-06')).toBe('gpt-4o');
    expect(modelFamilyId('gpt-4o')).toBeNull();
    expect(modelFamilyId('20250929')).toBeNull();
  });

  it('take their family price unless the dated id itself is priced, and say when nothing matched', () => {
    const catalogue = mergeCatalogue([]);
    const family = resolvePrices(catalogue, 'anthropic', 'claude-sonnet-4-5');
    expect(resolvePrices(catalogue, 'anthropic', 'claude-sonnet-4-5-20250929')).toEqual(family);
    expect(family.unpriced).toBe(false);
    const pinned = { ...prices, input: 99 };
    const overridden = mergeCatalogue([
      { provider: 'anthropic', model: 'claude-sonnet-4-5-20250929', contextWindow: null, prices: pinned },
    ]);
    expect(resolvePrices(overridden, 'anthropic', 'claude-sonnet-4-5-20250929').prices).toEqual(pinned);
    expect(resolvePrices(catalogue, 'anthropic', 'claude-nonexistent-20250101')).toEqual({ prices: UNPRICED, unpriced: true });
  });
});
