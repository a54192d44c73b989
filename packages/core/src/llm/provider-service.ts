import { originOf, type Provider, type ProviderTestResult, type ProviderUpsert } from '@agent-fleet/contracts';
import { AppError } from '../app-error.js';
import { auditEvent, type AuditActor } from '../security/audit-service.js';
import type { SecretBox } from '../security/secret-box.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { defaultBaseUrl, isReady, type ProviderConfig } from './language-models.js';
import type { ProviderSettingsRecord, ProviderSettingsRepository } from './llm-ports.js';

const MOCK: ProviderConfig = { id: 'mock', kind: 'mock', baseUrl: null, apiKey: null };
const TEST_TIMEOUT_MS = 10_000;

const hintOf = (apiKey: string): string => apiKey.slice(-4);
/** The field error code of an upsert that moves a provider to another origin without its key; stable. */
export const API_KEY_REQUIRED = 'api_key_required';

/** Where a provider's requests go: the origin of its base URL, or of its kind's default. */
const originOfProvider = (config: Pick<ProviderConfig, 'kind' | 'baseUrl'>): string | null => {
  const url = config.baseUrl ?? defaultBaseUrl(config.kind);
  return url === null ? null : originOf(url);
};
const contextOf = (workspaceId: string, providerId: string) => `provider:${workspaceId}:${providerId}`;

export interface ProviderServiceOptions {
  /** Providers configured by the server environment (OPENAI_API_KEY …); a workspace's own settings win. */
  environment: readonly ProviderConfig[];
  settings: ProviderSettingsRepository;
  secrets: SecretBox;
  /** The guarded fetch used for every provider request. */
  fetch: typeof globalThis.fetch;
  /** Commits a settings change with its audit event; needed by `upsert` and `delete` (read-only users may omit it). */
  unitOfWork?: UnitOfWork;
}

/**
 * Which providers a workspace can call, and with what credentials. The built-in `mock` provider is always
 * there; environment providers apply to every workspace; a workspace may add its own or override them.
 * API keys are encrypted at rest and never returned.
 */
export class ProviderService {
  constructor(private readonly options: ProviderServiceOptions) {}

  async list(workspaceId: string): Promise<Provider[]> {
    const stored = await this.options.settings.list(workspaceId);
    const byId = new Map<string, Provider>([['mock', describe(MOCK, 'builtin', null, null)]]);
    for (const config of this.options.environment) {
      byId.set(config.id, describe(config, 'environment', config.apiKey ? hintOf(config.apiKey) : null, null));
    }
    for (const record of stored) byId.set(record.providerId, describeRecord(record));
    return [...byId.values()].sort((a, b) => (a.id === 'mock' ? -1 : b.id === 'mock' ? 1 : a.id.localeCompare(b.id)));
  }

  /** Sets a workspace's provider settings and records `provider.updated`, in one transaction. */
  async upsert(workspaceId: string, providerId: string, input: ProviderUpsert, actor: AuditActor): Promise<Provider> {
    assertKindFits(providerId, input.kind);
    return this.writes().transaction(async ({ providerSettings, audit }) => {
      const provider = await this.write(providerSettings, workspaceId, providerId, input);
      await audit.insert(
        auditEvent(workspaceId, actor, {
          action: 'provider.updated',
          targetType: 'provider',
          targetId: providerId,
          metadata: {
            kind: input.kind,
            baseUrl: provider.baseUrl,
            apiKey: input.apiKey === undefined ? 'kept' : input.apiKey === null ? 'removed' : 'set',
          },
        }),
      );
      return provider;
    });
  }

  private writes(): UnitOfWork {
    if (!this.options.unitOfWork) throw new Error('ProviderService was built without a unit of work; it cannot write');
    return this.options.unitOfWork;
  }

  private async write(
    settings: ProviderSettingsRepository,
    workspaceId: string,
    providerId: string,
    input: ProviderUpsert,
  ): Promise<Provider> {
    const existing = await settings.find(workspaceId, providerId);
    const baseUrl = input.baseUrl === undefined ? (existing?.baseUrl ?? null) : input.baseUrl;
    if (input.kind === 'openai-compatible' && !baseUrl) {
      throw new AppError('validation_failed', 'An OpenAI-compatible provider needs a base URL', {
        errors: [{ path: 'baseUrl', message: 'Base URL is required for an OpenAI-compatible server', code: 'required' }],
      });
    }
    const apiKey = input.apiKey;
    if (
      apiKey === undefined &&
      existing?.apiKeyCiphertext &&
      originOfProvider(existing) !== originOfProvider({ kind: input.kind, baseUrl })
    ) {
      // A stored key belongs to the origin it was entered for: keeping it would let an admin send it to a
      // host of their choosing (and "Test connection" would). The key must be entered again, or removed.
      throw new AppError('validation_failed', 'Changing where a provider’s requests go needs its API key again', {
        errors: [
          {
            path: 'apiKey',
            message: 'The base URL now points to another origin: enter the API key again, or send null to remove it',
            code: API_KEY_REQUIRED,
          },
        ],
      });
    }
    const key =
      apiKey === undefined
        ? { apiKeyCiphertext: existing?.apiKeyCiphertext ?? null, apiKeyHint: existing?.apiKeyHint ?? null }
        : apiKey === null
          ? { apiKeyCiphertext: null, apiKeyHint: null }
          : {
              apiKeyCiphertext: this.options.secrets.encrypt(apiKey, contextOf(workspaceId, providerId)),
              apiKeyHint: hintOf(apiKey),
            };
    const record = await settings.upsert(workspaceId, { providerId, kind: input.kind, baseUrl, ...key });
    return describeRecord(record);
  }

  /** Removes a workspace's settings for a provider and records `provider.deleted`, in one transaction. */
  async delete(workspaceId: string, providerId: string, actor: AuditActor): Promise<void> {
    await this.writes().transaction(async ({ providerSettings, audit }) => {
      if (!(await providerSettings.delete(workspaceId, providerId))) {
        throw new AppError('not_found', `This workspace has no settings for provider "${providerId}"`);
      }
      await audit.insert(
        auditEvent(workspaceId, actor, { action: 'provider.deleted', targetType: 'provider', targetId: providerId }),
      );
    });
  }

  /** The configuration to call a provider with; `provider_not_configured` when there is none. */
  async resolve(workspaceId: string, providerId: string): Promise<ProviderConfig> {
    if (providerId === 'mock') return MOCK;
    const record = await this.options.settings.find(workspaceId, providerId);
    const config: ProviderConfig | undefined = record
      ? {
          id: providerId,
          kind: record.kind,
          baseUrl: record.baseUrl,
          apiKey: record.apiKeyCiphertext
            ? this.options.secrets.decrypt(record.apiKeyCiphertext, contextOf(workspaceId, providerId))
            : null,
        }
      : this.options.environment.find((candidate) => candidate.id === providerId);
    if (!config || !isReady(config)) {
      throw new AppError(
        'provider_not_configured',
        `Provider "${providerId}" is not configured: add its API key or base URL in Settings → Providers, or set it in the server environment`,
      );
    }
    return config;
  }

  /**
   * Re-encrypts every stored key written with an older secrets key (after SECRETS_KEY changed and the old
   * one moved to SECRETS_KEY_PREVIOUS). Returns how many keys were rewritten.
   */
  async rotateSecrets(): Promise<number> {
    let rotated = 0;
    for (const record of await this.options.settings.listWithKeys()) {
      const sealed = record.apiKeyCiphertext;
      if (!sealed || !this.options.secrets.isStale(sealed)) continue;
      const context = contextOf(record.workspaceId, record.providerId);
      const resealed = this.options.secrets.encrypt(this.options.secrets.decrypt(sealed, context), context);
      if (await this.options.settings.replaceCiphertext(record.workspaceId, record.providerId, sealed, resealed)) rotated += 1;
    }
    return rotated;
  }

  /** Asks the provider for its model list with the stored credentials: proves the URL and key work. */
  async test(workspaceId: string, providerId: string): Promise<ProviderTestResult> {
    const started = Date.now();
    const elapsed = () => Date.now() - started;
    let config: ProviderConfig;
    try {
      config = await this.resolve(workspaceId, providerId);
    } catch (error) {
      if (error instanceof AppError)
        return { ok: false, latencyMs: 0, models: [], error: { code: error.code, message: error.message } };
      throw error;
    }
    if (config.kind === 'mock') return { ok: true, latencyMs: elapsed(), models: ['echo', 'free'], error: null };
    const base = (config.baseUrl ?? defaultBaseUrl(config.kind) ?? '').replace(/\/+$/, '');
    const headers: Record<string, string> =
      config.kind === 'anthropic'
        ? { 'x-api-key': config.apiKey ?? '', 'anthropic-version': '2023-06-01' }
        : config.apiKey
          ? { authorization: `Bearer ${config.apiKey}` }
          : {};
    try {
      const response = await this.options.fetch(`${base}/models`, { headers, signal: AbortSignal.timeout(TEST_TIMEOUT_MS) });
      if (!response.ok) {
        const detail = (await response.text()).slice(0, 300);
        return {
          ok: false,
          latencyMs: elapsed(),
          models: [],
          error: { code: `http_${response.status}`, message: `The provider answered ${response.status}: ${detail}` },
        };
      }
      const body = (await response.json()) as { data?: { id?: unknown }[]; models?: { name?: unknown }[] };
      const models = [...(body.data ?? []).map((model) => model.id), ...(body.models ?? []).map((model) => model.name)].filter(
        (id): id is string => typeof id === 'string',
      );
      return { ok: true, latencyMs: elapsed(), models: models.slice(0, 500), error: null };
    } catch (error) {
      const code =
        (error as { code?: unknown }).code === 'outbound_refused'
          ? 'outbound_refused'
          : error instanceof DOMException && error.name === 'TimeoutError'
            ? 'timeout'
            : 'network';
      return {
        ok: false,
        latencyMs: elapsed(),
        models: [],
        error: { code, message: error instanceof Error ? error.message : String(error) },
      };
    }
  }
}

function assertKindFits(providerId: string, kind: ProviderUpsert['kind']): void {
  const expected = providerId === 'openai' ? 'openai' : providerId === 'anthropic' ? 'anthropic' : 'openai-compatible';
  if (providerId === 'mock') {
    throw new AppError('validation_failed', 'The mock provider is built in and has no settings', {
      errors: [{ path: 'id', message: 'Choose another provider id', code: 'reserved' }],
    });
  }
  if (kind !== expected) {
    throw new AppError('validation_failed', `Provider "${providerId}" must be of kind "${expected}"`, {
      errors: [{ path: 'kind', message: `Use "${expected}" for provider id "${providerId}"`, code: 'invalid_kind' }],
    });
  }
}

function describe(config: ProviderConfig, source: Provider['source'], hint: string | null, updatedAt: string | null): Provider {
  return {
    id: config.id,
    kind: config.kind,
    baseUrl: config.baseUrl,
    hasApiKey: Boolean(config.apiKey),
    apiKeyHint: hint,
    source,
    ready: isReady(config),
    updatedAt,
  };
}

function describeRecord(record: ProviderSettingsRecord): Provider {
  return {
    id: record.providerId,
    kind: record.kind,
    baseUrl: record.baseUrl,
    hasApiKey: record.apiKeyCiphertext !== null,
    apiKeyHint: record.apiKeyHint,
    source: 'workspace',
    ready: isReady({ kind: record.kind, baseUrl: record.baseUrl, apiKey: record.apiKeyCiphertext }),
    updatedAt: record.updatedAt,
  };
}
