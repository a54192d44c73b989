import type { ModelInfo, ModelPriceOverride, ModelPrices } from '@agent-fleet/contracts';
import catalogue from './catalogue.json' with { type: 'json' };

interface CatalogueEntry {
  provider: string;
  model: string;
  label: string;
  contextWindow: number | null;
  prices: ModelPrices;
}

const SHIPPED: readonly CatalogueEntry[] = catalogue.models;

/** Prices of a model nobody priced: calls are still recorded, at zero cost, and the UI shows it unpriced. */
export const UNPRICED: ModelPrices = { input: 0, output: 0, cachedInput: 0, cacheWrite: 0, reasoning: 0 };

/**
 * The base model id, without the options the mock provider accepts after `?` (`echo?latencyMs=50` is
 * priced as `echo`).
 */
export const baseModelId = (model: string): string => model.split('?')[0] ?? model;

/** The shipped catalogue merged with one workspace's overrides (which win, and may add models). */
export function mergeCatalogue(overrides: readonly ModelPriceOverride[]): ModelInfo[] {
  const merged = new Map<string, ModelInfo>();
  for (const entry of SHIPPED) {
    merged.set(`${entry.provider}/${entry.model}`, { ...entry, source: 'catalogue', mock: entry.provider === 'mock' });
  }
  for (const override of overrides) {
    const key = `${override.provider}/${override.model}`;
    const shipped = merged.get(key);
    merged.set(key, {
      provider: override.provider,
      model: override.model,
      label: override.label ?? shipped?.label ?? override.model,
      contextWindow: override.contextWindow ?? shipped?.contextWindow ?? null,
      prices: override.prices,
      source: 'override',
      mock: override.provider === 'mock',
    });
  }
  return [...merged.values()].sort((a, b) => a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model));
}

/**
 * A dated snapshot id without its date: `claude-sonnet-4-5-20250929` → `claude-sonnet-4-5`,
 * `gpt-4o-2024-08-06` → `gpt-4o`. Null when the id carries no date.
 */
export const modelFamilyId = (model: string): string | null => {
  const family = model.replace(/-(?:\d{8}|\d{4}-\d{2}-\d{2})$/, '');
  return family === model || family === '' ? null : family;
};

export interface ResolvedPrices {
  prices: ModelPrices;
  /** No entry matched the model or its family: the call costs 0 because its price is unknown. */
  unpriced: boolean;
}

/**
 * The prices for one call's model, from a merged catalogue: the exact id first (an override of a dated
 * id wins), else the family of a dated id (`claude-sonnet-4-5-20250929` is priced as `claude-sonnet-4-5`).
 */
export function resolvePrices(models: readonly ModelInfo[], provider: string, model: string): ResolvedPrices {
  const id = baseModelId(model);
  const find = (candidate: string) => models.find((entry) => entry.provider === provider && entry.model === candidate);
  const family = modelFamilyId(id);
  const entry = find(id) ?? (family === null ? undefined : find(family));
  return entry ? { prices: entry.prices, unpriced: false } : { prices: UNPRICED, unpriced: true };
}

/** The prices for one call's model, from a merged catalogue (zero when unpriced). */
export const pricesFor = (models: readonly ModelInfo[], provider: string, model: string): ModelPrices =>
  resolvePrices(models, provider, model).prices;
