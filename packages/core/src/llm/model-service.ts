import type { ModelInfo, ModelPriceOverride, ModelPrices } from '@agent-fleet/contracts';
import { AppError } from '../app-error.js';
import { AccessCache } from '../security/access-cache.js';
import { auditEvent, type AuditActor } from '../security/audit-service.js';
import type { Repositories, UnitOfWork } from '../unit-of-work.js';
import type { ModelPriceRepository } from './llm-ports.js';
import { mergeCatalogue, pricesFor, resolvePrices, type ResolvedPrices } from './model-catalogue.js';

/**
 * How long a workspace's price overrides are reused to price model calls, in ms: the longest a price
 * changed through another server (several servers on one PostgreSQL) goes unused by this one.
 */
export const PRICE_CACHE_TTL_MS = 5000;

export interface ModelServiceOptions {
  /** How long `resolve` reuses a workspace's overrides, in ms. Default `PRICE_CACHE_TTL_MS` (5000). */
  ttlMs?: number;
  /** The clock, in ms. Default `Date.now`. */
  now?: () => number;
}

/**
 * The model catalogue as one workspace sees it: the shipped data file plus its admins' overrides.
 *
 * Pricing a call (`resolve`, once per model call) reuses the overrides it read for `ttlMs` instead of
 * reading them for every call. Invariant: an override changed through this service is used at once (the
 * cache is emptied when its transaction ends, dropping any read under way); one changed through another
 * server within `ttlMs`. A call is priced as of its start either way. The catalogue shown to people
 * (`list`, `prices`) is always read afresh.
 */
export class ModelService {
  private readonly pricing: AccessCache;

  /** `unitOfWork` commits an override with its audit event; read-only users (the LLM caller's tests) may omit it. */
  constructor(
    private readonly overrides: ModelPriceRepository,
    private readonly unitOfWork?: UnitOfWork,
    { ttlMs = PRICE_CACHE_TTL_MS, now }: ModelServiceOptions = {},
  ) {
    this.pricing = new AccessCache({ ttlMs, ...(now ? { now } : {}) });
  }

  async list(workspaceId: string, provider?: string): Promise<ModelInfo[]> {
    const models = mergeCatalogue(await this.overrides.list(workspaceId));
    return provider ? models.filter((model) => model.provider === provider) : models;
  }

  async prices(workspaceId: string, provider: string, model: string): Promise<ModelPrices> {
    return pricesFor(await this.list(workspaceId), provider, model);
  }

  /** Prices with whether any were found (dated ids resolve to their family), to price a model call. */
  async resolve(workspaceId: string, provider: string, model: string): Promise<ResolvedPrices> {
    const models = await this.pricing.get(workspaceId, () => this.list(workspaceId));
    return resolvePrices(models, provider, model);
  }

  /**
   * Stores an override and records `model_price.updated`, in one transaction: the answer is read back
   * inside it, so a failure there (once a 500 after the write had committed) stores nothing.
   */
  async override(workspaceId: string, input: ModelPriceOverride, actor: AuditActor): Promise<ModelInfo> {
    return this.changingPrices(async ({ modelPrices, audit }) => {
      await modelPrices.upsert(workspaceId, input);
      const saved = mergeCatalogue(await modelPrices.list(workspaceId)).find(
        (model) => model.provider === input.provider && model.model === input.model,
      );
      if (!saved) throw new Error('The override was not stored');
      await audit.insert(
        auditEvent(workspaceId, actor, {
          action: 'model_price.updated',
          targetType: 'model',
          targetId: `${input.provider}/${input.model}`,
          metadata: { prices: input.prices, contextWindow: input.contextWindow },
        }),
      );
      return saved;
    });
  }

  async reset(workspaceId: string, provider: string, model: string, actor: AuditActor): Promise<void> {
    await this.changingPrices(async ({ modelPrices, audit }) => {
      if (!(await modelPrices.delete(workspaceId, provider, model))) {
        throw new AppError('not_found', `No price override for ${provider}/${model}`);
      }
      await audit.insert(
        auditEvent(workspaceId, actor, { action: 'model_price.deleted', targetType: 'model', targetId: `${provider}/${model}` }),
      );
    });
  }

  /** Runs `work` in a transaction; the cached overrides are emptied once it ends (not before: a read meanwhile would see the old prices). */
  private async changingPrices<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    if (!this.unitOfWork) throw new Error('ModelService was built without a unit of work; it cannot write');
    try {
      return await this.unitOfWork.transaction(work);
    } finally {
      this.pricing.clear();
    }
  }
}
