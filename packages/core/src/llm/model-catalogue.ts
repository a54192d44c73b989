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

/** The prices for one call's model, from a merged catalogue. */
export function pricesFor(models: readonly ModelInfo[], provider: string, model: string): ModelPrices {
  const id = baseModelId(model);
  return models.find((entry) => entry.provider === provider && entry.model === id)?.prices ?? UNPRICED;
}
