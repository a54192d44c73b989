import type { ProviderKind } from '@agent-fleet/contracts';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { createMockModel } from './mock-model.js';

/** A provider ready to call: where, how, and with which key (decrypted, in memory only). */
export interface ProviderConfig {
  id: string;
  kind: ProviderKind;
  baseUrl: string | null;
  apiKey: string | null;
}

export interface LanguageModelOptions {
  /**
   * OpenAI-compatible servers: ask for JSON with a strict `json_schema` response format. Off for a server
   * that refused it; the schema then goes into the instructions (see `schemaInstructions`). Default true.
   */
  jsonSchema?: boolean;
}

/**
 * Builds the AI SDK model for one call. Every HTTP request goes through `fetch`, which the composition
 * root guards against private and loopback addresses (SSRF) unless they are allowed.
 */
export function createLanguageModel(
  config: ProviderConfig,
  modelId: string,
  fetch: typeof globalThis.fetch,
  options: LanguageModelOptions = {},
): LanguageModelV3 {
  const common = { fetch, ...(config.baseUrl ? { baseURL: config.baseUrl } : {}) };
  switch (config.kind) {
    case 'mock':
      return createMockModel(modelId);
    case 'openai':
      return createOpenAI({ ...common, apiKey: config.apiKey ?? '' })(modelId);
    case 'anthropic':
      return createAnthropic({ ...common, apiKey: config.apiKey ?? '' })(modelId);
    case 'openai-compatible':
      return createOpenAICompatible({
        name: config.id,
        baseURL: config.baseUrl ?? '',
        fetch,
        includeUsage: true,
        supportsStructuredOutputs: options.jsonSchema ?? true,
        ...(config.apiKey ? { apiKey: config.apiKey } : {}),
      })(modelId);
  }
}

/** Whether a provider of this kind can be called with this configuration. */
export const isReady = (config: Pick<ProviderConfig, 'kind' | 'baseUrl' | 'apiKey'>): boolean =>
  config.kind === 'mock' || (config.kind === 'openai-compatible' ? Boolean(config.baseUrl) : Boolean(config.apiKey));

/** The default base URL of each kind, for the "test connection" model list. */
export const defaultBaseUrl = (kind: ProviderKind): string | null =>
  kind === 'openai' ? 'https://api.openai.com/v1' : kind === 'anthropic' ? 'https://api.anthropic.com/v1' : null;

/**
 * The system prompt with the JSON Schema a reply must match written into it: for servers that take only
 * `{ type: "json_object" }`, which promises JSON but not its shape.
 */
export function schemaInstructions(system: string | undefined, schema: Record<string, unknown>): string {
  const rule = `Answer with only a JSON value (no prose, no code fence) that matches this JSON Schema:\n${JSON.stringify(schema)}`;
  return system ? `${system}\n\n${rule}` : rule;
}
