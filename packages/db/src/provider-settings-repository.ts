import type { ProviderSettingsRecord, ProviderSettingsRepository } from '@agent-fleet/core';
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { providerSettings } from './schema.js';

type ProviderSettingsRow = typeof providerSettings.$inferSelect;

const toRecord = ({ workspaceId: _workspaceId, updatedAt, ...row }: ProviderSettingsRow): ProviderSettingsRecord => ({
  ...row,
  updatedAt: updatedAt.toISOString(),
});

export class DrizzleProviderSettingsRepository implements ProviderSettingsRepository {
  constructor(private readonly db: Database) {}

  async list(workspaceId: string): Promise<ProviderSettingsRecord[]> {
    const rows = await this.db
      .select()
      .from(providerSettings)
      .where(eq(providerSettings.workspaceId, workspaceId))
      .orderBy(asc(providerSettings.providerId));
    return rows.map(toRecord);
  }

  async listWithKeys(): Promise<(ProviderSettingsRecord & { workspaceId: string })[]> {
    const rows = await this.db.select().from(providerSettings).where(isNotNull(providerSettings.apiKeyCiphertext));
    return rows.map((row) => ({ ...toRecord(row), workspaceId: row.workspaceId }));
  }

  async replaceCiphertext(workspaceId: string, providerId: string, from: string, to: string): Promise<boolean> {
    const updated = await this.db
      .update(providerSettings)
      .set({ apiKeyCiphertext: to })
      .where(
        and(
          eq(providerSettings.workspaceId, workspaceId),
          eq(providerSettings.providerId, providerId),
          eq(providerSettings.apiKeyCiphertext, from),
        ),
      )
      .returning({ providerId: providerSettings.providerId });
    return updated.length > 0;
  }

  async find(workspaceId: string, providerId: string): Promise<ProviderSettingsRecord | null> {
    const [row] = await this.db
      .select()
      .from(providerSettings)
      .where(and(eq(providerSettings.workspaceId, workspaceId), eq(providerSettings.providerId, providerId)));
    return row ? toRecord(row) : null;
  }

  async upsert(workspaceId: string, record: Omit<ProviderSettingsRecord, 'updatedAt'>): Promise<ProviderSettingsRecord> {
    const { providerId: _providerId, ...changes } = record;
    const [row] = await this.db
      .insert(providerSettings)
      .values({ ...record, workspaceId })
      .onConflictDoUpdate({
        target: [providerSettings.workspaceId, providerSettings.providerId],
        set: { ...changes, updatedAt: sql`now()` },
      })
      .returning();
    return toRecord(row as ProviderSettingsRow);
  }

  async delete(workspaceId: string, providerId: string): Promise<boolean> {
    const deleted = await this.db
      .delete(providerSettings)
      .where(and(eq(providerSettings.workspaceId, workspaceId), eq(providerSettings.providerId, providerId)))
      .returning({ providerId: providerSettings.providerId });
    return deleted.length > 0;
  }
}
