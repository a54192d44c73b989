import { z } from 'zod';
import { BaseUrlSchema } from './base-url.js';
import { TextSchema } from './text.js';

/**
 * How Agent Fleet talks to a provider. `mock` is built in and offline; `openai` and `anthropic` use their
 * own wire formats; `openai-compatible` covers Ollama, vLLM, LM Studio, OpenRouter … through a base URL.
 */
export const PROVIDER_KINDS = ['mock', 'openai', 'anthropic', 'openai-compatible'] as const;
export const ProviderKindSchema = z.enum(PROVIDER_KINDS).meta({ id: 'ProviderKind' });
export type ProviderKind = z.infer<typeof ProviderKindSchema>;

/** The provider id an agent's model names, e.g. `openai`, `anthropic`, `ollama`. Lowercase slug. */
export const ProviderIdSchema = TextSchema.trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Provider ids are lowercase slugs, e.g. "ollama"');

/** Where a provider's settings come from: built in (`mock`), the server environment, or the workspace. */
export const ProviderSourceSchema = z.enum(['builtin', 'environment', 'workspace']);

/** A configured provider. The API key itself is never returned; `apiKeyHint` shows its last 4 characters. */
export const ProviderSchema = z
  .object({
    id: z.string(),
    kind: ProviderKindSchema,
    baseUrl: z.string().nullable(),
    hasApiKey: z.boolean(),
    apiKeyHint: z.string().nullable(),
    source: ProviderSourceSchema,
    /** Whether calls can be made: a key is set where the kind needs one. */
    ready: z.boolean(),
    updatedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Provider' });
export type Provider = z.infer<typeof ProviderSchema>;

export const ProviderListSchema = z.object({ items: z.array(ProviderSchema) }).meta({ id: 'ProviderList' });

/**
 * Sets a workspace's settings for provider `{id}`. `openai` and `anthropic` take their own kind; any other
 * id is `openai-compatible` and needs a base URL. `apiKey` is write-only: omit it to keep the stored key,
 * send `null` to remove it. A stored key is kept only while the base URL stays on the same origin; moving it
 * elsewhere needs the key again (400, field code `api_key_required`).
 */
export const ProviderUpsertSchema = z
  .strictObject({
    kind: z.enum(['openai', 'anthropic', 'openai-compatible']),
    baseUrl: BaseUrlSchema.nullable().optional(),
    apiKey: TextSchema.trim().min(1, 'API key must not be empty').max(500).nullable().optional(),
  })
  .meta({ id: 'ProviderUpsert' });
export type ProviderUpsert = z.infer<typeof ProviderUpsertSchema>;

export const ProviderParamsSchema = z.strictObject({ id: ProviderIdSchema });

export const ProviderTestResultSchema = z
  .object({
    ok: z.boolean(),
    latencyMs: z.int().min(0),
    /** Model ids the provider lists, when it answers a model list. */
    models: z.array(z.string()),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
  })
  .meta({ id: 'ProviderTestResult' });
export type ProviderTestResult = z.infer<typeof ProviderTestResultSchema>;

const price = z.number().min(0).max(100_000);

/** USD per million tokens. `reasoning` defaults to the output price; `cachedInput`/`cacheWrite` to the input price. */
export const ModelPricesSchema = z
  .strictObject({
    input: price,
    output: price,
    cachedInput: price,
    cacheWrite: price,
    reasoning: price,
    /**
     * Anthropic's 1-hour cache writes (2× input), when the provider reports them apart from 5-minute
     * writes (`cacheWrite`, 1.25× input). Absent: 1-hour writes are priced at `cacheWrite`.
     */
    cacheWrite1h: price.optional(),
  })
  .meta({ id: 'ModelPrices' });
export type ModelPrices = z.infer<typeof ModelPricesSchema>;

export const ModelInfoSchema = z
  .object({
    provider: z.string(),
    model: z.string(),
    label: z.string(),
    contextWindow: z.int().nullable(),
    prices: ModelPricesSchema,
    /** `catalogue`: the shipped data file; `override`: set by an admin of this workspace. */
    source: z.enum(['catalogue', 'override']),
    mock: z.boolean(),
  })
  .meta({ id: 'ModelInfo' });
export type ModelInfo = z.infer<typeof ModelInfoSchema>;

export const ModelListQuerySchema = z.strictObject({ provider: ProviderIdSchema.optional() });
export const ModelListSchema = z.object({ items: z.array(ModelInfoSchema) }).meta({ id: 'ModelList' });

const modelId = TextSchema.trim().min(1).max(200);

/** Overrides (or adds) a model's prices and context window for this workspace. */
export const ModelPriceOverrideSchema = z
  .strictObject({
    provider: ProviderIdSchema,
    model: modelId,
    label: TextSchema.trim().max(200).optional(),
    contextWindow: z.int().min(1).max(100_000_000).nullable().default(null),
    prices: ModelPricesSchema,
  })
  .meta({ id: 'ModelPriceOverride' });
export type ModelPriceOverride = z.infer<typeof ModelPriceOverrideSchema>;

export const ModelRefQuerySchema = z.strictObject({ provider: ProviderIdSchema, model: modelId });

/**
 * Token counts of a call. `inputTokens` is the whole prompt, cache reads and writes included, and
 * `outputTokens` includes reasoning: the AI SDK normalises every provider to these totals (Anthropic's wire
 * `input_tokens` excludes cache reads and writes; the SDK adds them back).
 */
export const TokenUsageSchema = z
  .object({
    inputTokens: z.int().min(0),
    outputTokens: z.int().min(0),
    cachedInputTokens: z.int().min(0),
    cacheWriteTokens: z.int().min(0),
    /** Part of `outputTokens` spent on reasoning. */
    reasoningTokens: z.int().min(0),
  })
  .meta({ id: 'TokenUsage' });
export type TokenUsage = z.infer<typeof TokenUsageSchema>;

export const ZERO_USAGE: TokenUsage = {
  inputTokens: 0,
  outputTokens: 0,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
};
