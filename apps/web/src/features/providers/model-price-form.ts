import { ModelPriceOverrideSchema, type ModelInfo, type ModelPriceOverride, type ModelPrices } from '@agent-fleet/contracts';
import { placeErrors, type FieldMessages, type PlacedErrors } from '../../lib/form-errors';

export type PriceKey = keyof ModelPrices;

/** In the order tables and forms show them. */
export const PRICE_KEYS: readonly PriceKey[] = ['input', 'output', 'cachedInput', 'cacheWrite', 'cacheWrite1h', 'reasoning'];

export const PRICE_LABELS: Record<PriceKey, string> = {
  input: 'Input',
  output: 'Output',
  cachedInput: 'Cached input',
  cacheWrite: 'Cache write',
  cacheWrite1h: 'Cache write (1 h)',
  reasoning: 'Reasoning',
};

/** Prices the contract lets default to another one when left empty. */
const PRICE_FALLBACK: Partial<Record<PriceKey, PriceKey>> = {
  cachedInput: 'input',
  cacheWrite: 'input',
  reasoning: 'output',
};

/** Prices that may stay empty: the server then uses another one (1-hour writes: the cache write price). */
const OPTIONAL_PRICES: ReadonlySet<PriceKey> = new Set(['cacheWrite1h']);

export const priceFallbackOf = (key: PriceKey): PriceKey | undefined => PRICE_FALLBACK[key];

/** Text as typed, so a half-typed number is not coerced away. */
export type ModelPriceFormValues = Record<'provider' | 'model' | 'label' | 'contextWindow' | PriceKey, string>;
export type ModelPriceField = keyof ModelPriceFormValues;
const FIELDS = new Set<string>(['provider', 'model', 'label', 'contextWindow', ...PRICE_KEYS]);

export function modelPriceFormValues(model: ModelInfo | null, provider = ''): ModelPriceFormValues {
  const price = (key: PriceKey) => {
    const value = model?.prices[key];
    return value === undefined ? '' : String(value);
  };
  return {
    provider: model?.provider ?? provider,
    model: model?.model ?? '',
    label: model?.label ?? '',
    contextWindow: model?.contextWindow === null || model === null ? '' : String(model.contextWindow),
    input: price('input'),
    output: price('output'),
    cachedInput: price('cachedInput'),
    cacheWrite: price('cacheWrite'),
    cacheWrite1h: price('cacheWrite1h'),
    reasoning: price('reasoning'),
  };
}

/** `prices.input` → `input`: the form shows each price as a field of its own. */
export const modelPriceFieldOf = (path: readonly PropertyKey[]): string =>
  String(path[0] === 'prices' ? (path[1] ?? 'prices') : (path[0] ?? ''));

export type ModelPriceFormResult = { ok: true; body: ModelPriceOverride } | { ok: false; errors: FieldMessages<ModelPriceField> };

const number = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

/**
 * Builds the PUT body. Input and output are required; cached input and cache write default to the
 * input price and reasoning to the output price, as the server would.
 */
export function validateModelPriceForm(values: ModelPriceFormValues): ModelPriceFormResult {
  const errors: FieldMessages<ModelPriceField> = {};
  const typed = Object.fromEntries(PRICE_KEYS.map((key) => [key, number(values[key])])) as Record<PriceKey, number | undefined>;
  const prices = {} as Record<PriceKey, number | undefined>;
  for (const key of PRICE_KEYS) {
    if (typed[key] === undefined && OPTIONAL_PRICES.has(key)) continue;
    const fallback = PRICE_FALLBACK[key];
    prices[key] = typed[key] ?? (fallback ? typed[fallback] : undefined);
    if (typed[key] === undefined && !fallback) errors[key] = 'Enter a price; 0 if it is free';
    else if (Number.isNaN(prices[key])) errors[key] = 'Enter a number, e.g. 2.5';
  }
  const contextWindow = number(values.contextWindow);
  const label = values.label.trim();
  const candidate = {
    provider: values.provider.trim(),
    model: values.model.trim(),
    ...(label === '' ? {} : { label }),
    contextWindow: contextWindow ?? null,
    prices,
  };
  const parsed = ModelPriceOverrideSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = modelPriceFieldOf(issue.path) as ModelPriceField;
      if (FIELDS.has(field)) errors[field] ??= field === 'contextWindow' ? 'Enter a whole number of tokens' : issue.message;
    }
    // Never refuse silently: a problem without a field of its own still shows somewhere.
    if (!Object.values(errors).some(Boolean)) errors.model = parsed.error.issues[0]?.message ?? 'Check the values';
  }
  if (Object.values(errors).some(Boolean) || !parsed.success) return { ok: false, errors };
  return { ok: true, body: parsed.data };
}

/** Places a refused price change: the server's `prices.input` paths go beside the price fields. */
export const modelPriceSubmitErrors = (error: unknown): PlacedErrors<ModelPriceField> =>
  placeErrors(error, (path) => {
    const field = modelPriceFieldOf(path.split('.'));
    return FIELDS.has(field) ? (field as ModelPriceField) : undefined;
  });
