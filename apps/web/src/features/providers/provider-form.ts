import { ProviderIdSchema, ProviderUpsertSchema, type Provider, type ProviderUpsert } from '@agent-fleet/contracts';
import { zodFieldMessages, type FieldMessages } from '../../lib/form-errors';

/** The kinds a workspace can configure; `mock` is built in. */
export type ConfigurableKind = ProviderUpsert['kind'];

export const KIND_LABELS: Record<Provider['kind'], string> = {
  mock: 'Mock (built in)',
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  'openai-compatible': 'OpenAI-compatible',
};

export interface ProviderFormValues {
  kind: ConfigurableKind;
  /** Typed only for `openai-compatible`; the other kinds are their own id. */
  id: string;
  baseUrl: string;
  /** Write-only: blank keeps the stored key. */
  apiKey: string;
  /** Sends `apiKey: null`, which deletes the stored key. */
  removeKey: boolean;
}

export type ProviderField = 'id' | 'kind' | 'baseUrl' | 'apiKey';
export const PROVIDER_FIELDS: readonly ProviderField[] = ['id', 'kind', 'baseUrl', 'apiKey'];

/** Ids that name a kind of their own (or the built-in mock), so a custom provider cannot take them. */
const RESERVED_IDS = new Set(['openai', 'anthropic', 'mock']);

export const emptyProviderForm = (): ProviderFormValues => ({
  kind: 'openai',
  id: '',
  baseUrl: '',
  apiKey: '',
  removeKey: false,
});

export function providerFormValues(provider: Provider): ProviderFormValues {
  return {
    kind: provider.kind === 'mock' ? 'openai-compatible' : provider.kind,
    id: provider.id,
    baseUrl: provider.baseUrl ?? '',
    apiKey: '',
    removeKey: false,
  };
}

/** The id a form saves under: OpenAI and Anthropic are their own id; a compatible provider names itself. */
export const providerIdOf = (values: ProviderFormValues): string =>
  values.kind === 'openai-compatible' ? values.id.trim() : values.kind;

export type ProviderFormResult =
  { ok: true; id: string; body: ProviderUpsert } | { ok: false; errors: FieldMessages<ProviderField> };

export interface ValidateProviderOptions {
  /** The provider being edited; null when adding. */
  editing: Provider | null;
  /** Providers that exist already, so adding one does not silently overwrite another. */
  existing: readonly Provider[];
}

/**
 * Checks the form the way the server will, plus what only the form knows (the id of a new provider,
 * duplicates), and builds the PUT body. An API key is sent only when one was typed or removed.
 */
export function validateProviderForm(values: ProviderFormValues, options: ValidateProviderOptions): ProviderFormResult {
  const id = options.editing?.id ?? providerIdOf(values);
  const baseUrl = values.baseUrl.trim();
  const apiKey = values.apiKey.trim();
  const body: ProviderUpsert = { kind: values.kind, baseUrl: baseUrl === '' ? null : baseUrl };
  if (values.removeKey) body.apiKey = null;
  else if (apiKey !== '') body.apiKey = apiKey;

  const parsed = ProviderUpsertSchema.safeParse(body);
  const errors: FieldMessages<ProviderField> = parsed.success ? {} : zodFieldMessages<ProviderField>(parsed.error);

  if (values.kind === 'openai-compatible' && baseUrl === '') {
    errors.baseUrl = 'OpenAI-compatible providers need a base URL, e.g. http://localhost:11434/v1';
  }
  if (!options.editing) {
    const taken = options.existing.find((provider) => provider.id === id && provider.source !== 'environment');
    if (values.kind === 'openai-compatible') {
      const parsedId = ProviderIdSchema.safeParse(values.id);
      if (!parsedId.success) errors.id = parsedId.error.issues[0]?.message ?? 'Enter a provider id';
      else if (RESERVED_IDS.has(id)) errors.id = `“${id}” is a kind of its own: pick it under Kind instead`;
      else if (taken) errors.id = `“${id}” is set up already: edit it instead`;
    } else if (taken) {
      errors.kind = `${KIND_LABELS[values.kind]} is set up already: edit it instead`;
    }
  }

  if (Object.values(errors).some(Boolean)) return { ok: false, errors };
  return { ok: true, id, body };
}

/** The last characters of a key, behind dots; the hint may or may not carry its own mask. */
export const maskedKeyHint = (hint: string | null): string => `••••${(hint ?? '').replace(/^[•*.…\s]+/u, '')}`;
