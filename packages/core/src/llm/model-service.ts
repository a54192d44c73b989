import type { ModelInfo, ModelPriceOverride, ModelPrices } from '@agent-fleet/contracts';
import { AppError } from '../app-error.js';
import type { ModelPriceRepository } from './llm-ports.js';
import { mergeCatalogue, pricesFor, resolvePrices, type ResolvedPrices } from './model-catalogue.js';

/** The model catalogue as one workspace sees it: the shipped data file plus its admins' overrides. */
export class ModelService {
  constructor(private readonly overrides: ModelPriceRepository) {}

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

  async override(workspaceId: string, input: ModelPriceOverride): Promise<ModelInfo> {
    await this.overrides.upsert(workspaceId, input);
    const models = await this.list(workspaceId, input.provider);
    const saved = models.find((model) => model.model === input.model);
    if (!saved) throw new Error('The override was not stored');
    return saved;
  }

  async reset(workspaceId: string, provider: string, model: string): Promise<void> {
    if (!(await this.overrides.delete(workspaceId, provider, model))) {
      throw new AppError('not_found', 404, `No price override for ${provider}/${model}`);
    }
  }
}
