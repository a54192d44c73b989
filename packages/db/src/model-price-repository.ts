import type { ModelPriceOverride } from '@agent-fleet/contracts';
import type { ModelPriceRepository } from '@agent-fleet/core';
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from './database.js';
import { modelPrices } from './schema.js';

type ModelPriceRow = typeof modelPrices.$inferSelect;

const toOverride = (row: ModelPriceRow): ModelPriceOverride => ({
  provider: row.provider,
  model: row.model,
  ...(row.label === null ? {} : { label: row.label }),
  contextWindow: row.contextWindow,
  prices: row.prices,
});

export class DrizzleModelPriceRepository implements ModelPriceRepository {
  constructor(private readonly db: Database) {}

  async list(workspaceId: string): Promise<ModelPriceOverride[]> {
    const rows = await this.db
      .select()
      .from(modelPrices)
      .where(eq(modelPrices.workspaceId, workspaceId))
      .orderBy(asc(modelPrices.provider), asc(modelPrices.model));
    return rows.map(toOverride);
  }

  async upsert(workspaceId: string, override: ModelPriceOverride): Promise<void> {
    const values = {
      label: override.label ?? null,
      contextWindow: override.contextWindow,
      prices: override.prices,
    };
    await this.db
      .insert(modelPrices)
      .values({ workspaceId, provider: override.provider, model: override.model, ...values })
      .onConflictDoUpdate({ target: [modelPrices.workspaceId, modelPrices.provider, modelPrices.model], set: values });
  }

  async delete(workspaceId: string, provider: string, model: string): Promise<boolean> {
    const deleted = await this.db
      .delete(modelPrices)
      .where(and(eq(modelPrices.workspaceId, workspaceId), eq(modelPrices.provider, provider), eq(modelPrices.model, model)))
      .returning({ model: modelPrices.model });
    return deleted.length > 0;
  }
}
