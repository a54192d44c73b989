import type { ModelInfo, ModelPriceOverride, ModelPrices } from '@agent-fleet/contracts';
import { AppError } from '../app-error.js';
import { auditEvent, type AuditActor } from '../security/audit-service.js';
import type { UnitOfWork } from '../unit-of-work.js';
import type { ModelPriceRepository } from './llm-ports.js';
import { mergeCatalogue, pricesFor, resolvePrices, type ResolvedPrices } from './model-catalogue.js';

/** The model catalogue as one workspace sees it: the shipped data file plus its admins' overrides. */
export class ModelService {
  /** `unitOfWork` commits an override with its audit event; read-only users (the LLM caller's tests) may omit it. */
  constructor(
    private readonly overrides: ModelPriceRepository,
    private readonly unitOfWork?: UnitOfWork,
  ) {}

  async list(workspaceId: string, provider?: string): Promise<ModelInfo[]> {
    const models = mergeCatalogue(await this.overrides.list(workspaceId));
    return provider ? models.filter((model) => model.provider === provider) : models;
  }

  async prices(workspaceId: string, provider: string, model: string): Promise<ModelPrices> {
    return pricesFor(await this.list(workspaceId), provider, model);
  }

  /** Prices with whether any were found (dated ids resolve to their family). */
  async resolve(workspaceId: string, provider: string, model: string): Promise<ResolvedPrices> {
    return resolvePrices(await this.list(workspaceId), provider, model);
  }

  /**
   * Stores an override and records `model_price.updated`, in one transaction: the answer is read back
   * inside it, so a failure there (once a 500 after the write had committed) stores nothing.
   */
  async override(workspaceId: string, input: ModelPriceOverride, actor: AuditActor): Promise<ModelInfo> {
    return this.writes().transaction(async ({ modelPrices, audit }) => {
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
    await this.writes().transaction(async ({ modelPrices, audit }) => {
      if (!(await modelPrices.delete(workspaceId, provider, model))) {
        throw new AppError('not_found', `No price override for ${provider}/${model}`);
      }
      await audit.insert(
        auditEvent(workspaceId, actor, { action: 'model_price.deleted', targetType: 'model', targetId: `${provider}/${model}` }),
      );
    });
  }

  private writes(): UnitOfWork {
    if (!this.unitOfWork) throw new Error('ModelService was built without a unit of work; it cannot write');
    return this.unitOfWork;
  }
}
