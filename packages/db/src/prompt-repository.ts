import {
  LATEST_LABEL,
  type PromptListQuery,
  type TemplateSourceInput,
  type VariableDeclarationData,
} from '@agent-fleet/contracts';
import {
  AppError,
  type CursorPosition,
  type IncludeSelector,
  type PromptMetadata,
  type PromptRepository,
  type PromptTemplateRecord,
  type PromptUse,
  type PromptVersionRecord,
  type ResolvedVersionRecord,
  type VersionContent,
} from '@agent-fleet/core';
import { and, arrayContains, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from './database.js';
import { containsPattern, escapeLike } from './like.js';
import { isUniqueViolation } from './pg-errors.js';
import { reusableStatement } from './reusable-statement.js';
import { agents, promptLabels, promptTemplates, promptVersions, users } from './schema.js';

type TemplateRow = typeof promptTemplates.$inferSelect;
type VersionRow = typeof promptVersions.$inferSelect;

const value = sql.placeholder;
const selectedLabel = alias(promptLabels, 'selected_label');
/** The stored labels that point at the selected version. */
const labelsOfVersion = sql<string[]>`array(
  select ${promptLabels.name} from ${promptLabels}
  where ${promptLabels.templateId} = ${promptTemplates.id} and ${promptLabels.version} = ${promptVersions.version})`;

/**
 * `name@label`, `name@latest` or `name@N` to its version: the template, the label and the version in one
 * statement. The template row comes back without a version when the label or version does not exist.
 */
const resolveStatement = reusableStatement((db) =>
  db
    .select({
      latestVersion: promptTemplates.latestVersion,
      version: promptVersions,
      authorName: users.name,
      labels: labelsOfVersion,
    })
    .from(promptTemplates)
    .leftJoin(selectedLabel, and(eq(selectedLabel.templateId, promptTemplates.id), eq(selectedLabel.name, value('label'))))
    .leftJoin(
      promptVersions,
      and(
        eq(promptVersions.templateId, promptTemplates.id),
        eq(
          promptVersions.version,
          sql`coalesce(${value('version')}::int, case when ${value('label')}::text = ${LATEST_LABEL} then ${promptTemplates.latestVersion} else ${selectedLabel.version} end)`,
        ),
      ),
    )
    .leftJoin(users, eq(users.id, promptVersions.authorId))
    .where(and(eq(promptTemplates.workspaceId, value('workspaceId')), eq(promptTemplates.name, value('name'))))
    .prepare('prompt_version_resolve'),
);

export class DrizzlePromptRepository implements PromptRepository {
  constructor(private readonly db: Database) {}

  async list(workspaceId: string, query: Omit<PromptListQuery, 'cursor'> & { after?: CursorPosition }) {
    const filters: SQL[] = [eq(promptTemplates.workspaceId, workspaceId)];
    if (query.category) {
      filters.push(
        sql`(${promptTemplates.category} = ${query.category} or ${promptTemplates.category} like ${`${escapeLike(query.category)}/%`} escape '\\')`,
      );
    }
    if (query.tag) filters.push(arrayContains(promptTemplates.tags, [query.tag]));
    if (query.label && query.label !== 'latest') {
      filters.push(
        sql`exists (select 1 from ${promptLabels} where ${promptLabels.templateId} = ${promptTemplates.id} and ${promptLabels.name} = ${query.label})`,
      );
    }
    if (query.q) {
      const pattern = containsPattern(query.q);
      filters.push(
        sql`(${promptTemplates.name} ilike ${pattern} escape '\\' or ${promptTemplates.description} ilike ${pattern} escape '\\')`,
      );
    }
    const page = [...filters];
    if (query.after)
      page.push(sql`(${promptTemplates.name}, ${promptTemplates.id}) > (${query.after.value}, ${query.after.id}::uuid)`);
    const [rows, totals] = await Promise.all([
      this.db
        .select()
        .from(promptTemplates)
        .where(and(...page))
        .orderBy(asc(promptTemplates.name), asc(promptTemplates.id))
        .limit(query.limit + 1),
      this.db
        .select({ n: count() })
        .from(promptTemplates)
        .where(and(...filters)),
    ]);
    return { items: await this.withLabels(rows), total: totals[0]?.n ?? 0 };
  }

  async findByName(workspaceId: string, name: string): Promise<PromptTemplateRecord | null> {
    const rows = await this.db
      .select()
      .from(promptTemplates)
      .where(and(eq(promptTemplates.workspaceId, workspaceId), eq(promptTemplates.name, name)));
    return (await this.withLabels(rows))[0] ?? null;
  }

  async create(workspaceId: string, name: string, metadata: PromptMetadata, content: VersionContent, authorId: string | null) {
    try {
      const id = await this.db.transaction(async (tx) => {
        const [template] = await tx
          .insert(promptTemplates)
          .values({ workspaceId, name, ...metadata, latestVersion: 1 })
          .returning({ id: promptTemplates.id });
        const templateId = (template as { id: string }).id;
        await tx.insert(promptVersions).values({ workspaceId, templateId, version: 1, ...content, authorId });
        return templateId;
      });
      const created = await this.findByName(workspaceId, name);
      if (!created || created.id !== id) throw new Error('created template vanished');
      return created;
    } catch (error) {
      if (isUniqueViolation(error, 'prompt_templates_workspace_name_key')) {
        throw new AppError('name_taken', `A prompt template named "${name}" already exists`, {
          cause: error,
          errors: [{ path: 'name', message: 'This name is already used by another template', code: 'name_taken' }],
        });
      }
      throw error;
    }
  }

  async updateMetadata(workspaceId: string, templateId: string, changes: Partial<PromptMetadata>): Promise<void> {
    await this.db
      .update(promptTemplates)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(and(eq(promptTemplates.workspaceId, workspaceId), eq(promptTemplates.id, templateId)));
  }

  async delete(workspaceId: string, templateId: string): Promise<void> {
    await this.db
      .delete(promptTemplates)
      .where(and(eq(promptTemplates.workspaceId, workspaceId), eq(promptTemplates.id, templateId)));
  }

  async addVersion(workspaceId: string, templateId: string, content: VersionContent, authorId: string | null): Promise<number> {
    return this.db.transaction(async (tx) => {
      // The row update both numbers the version and serialises concurrent saves of one template.
      const [bumped] = await tx
        .update(promptTemplates)
        .set({ latestVersion: sql`${promptTemplates.latestVersion} + 1`, updatedAt: sql`now()` })
        .where(and(eq(promptTemplates.workspaceId, workspaceId), eq(promptTemplates.id, templateId)))
        .returning({ version: promptTemplates.latestVersion });
      const version = (bumped as { version: number }).version;
      await tx.insert(promptVersions).values({ workspaceId, templateId, version, ...content, authorId });
      return version;
    });
  }

  async listVersions(workspaceId: string, templateId: string): Promise<PromptVersionRecord[]> {
    return this.selectVersions(workspaceId, templateId);
  }

  async findVersion(workspaceId: string, templateId: string, version: number): Promise<PromptVersionRecord | null> {
    return (await this.selectVersions(workspaceId, templateId, version))[0] ?? null;
  }

  async resolveVersion(workspaceId: string, name: string, selector: IncludeSelector): Promise<ResolvedVersionRecord | null> {
    const [row] = await resolveStatement(this.db).execute({
      workspaceId,
      name,
      version: 'version' in selector ? selector.version : null,
      label: 'label' in selector ? selector.label : null,
    });
    if (!row) return null;
    return {
      version: row.version ? toVersionRecord(row.version, row.authorName) : null,
      latestVersion: row.latestVersion,
      labels: row.version ? row.labels : [],
    };
  }

  async setLabel(workspaceId: string, templateId: string, label: string, version: number): Promise<void> {
    await this.db
      .insert(promptLabels)
      .values({ workspaceId, templateId, name: label, version })
      .onConflictDoUpdate({ target: [promptLabels.templateId, promptLabels.name], set: { version, updatedAt: sql`now()` } });
  }

  async deleteLabel(workspaceId: string, templateId: string, label: string): Promise<boolean> {
    const rows = await this.db
      .delete(promptLabels)
      .where(
        and(eq(promptLabels.workspaceId, workspaceId), eq(promptLabels.templateId, templateId), eq(promptLabels.name, label)),
      )
      .returning({ name: promptLabels.name });
    return rows.length > 0;
  }

  async usage(workspaceId: string, name: string): Promise<PromptUse[]> {
    const rows = await this.db
      .select({ id: agents.id, name: agents.name, ref: sql<string>`${agents.systemPrompt}->>'ref'` })
      .from(agents)
      .where(
        and(
          eq(agents.workspaceId, workspaceId),
          sql`${agents.systemPrompt}->>'type' = 'template'`,
          sql`split_part(${agents.systemPrompt}->>'ref', '@', 1) = ${name}`,
        ),
      )
      .orderBy(asc(agents.name));
    return rows.map((row) => ({ kind: 'agent', ...row }));
  }

  private async selectVersions(workspaceId: string, templateId: string, version?: number): Promise<PromptVersionRecord[]> {
    const conditions = [eq(promptVersions.workspaceId, workspaceId), eq(promptVersions.templateId, templateId)];
    if (version !== undefined) conditions.push(eq(promptVersions.version, version));
    const rows = await this.db
      .select({ version: promptVersions, authorName: users.name })
      .from(promptVersions)
      .leftJoin(users, eq(users.id, promptVersions.authorId))
      .where(and(...conditions))
      .orderBy(asc(promptVersions.version));
    return rows.map(({ version: row, authorName }) => toVersionRecord(row, authorName));
  }

  private async withLabels(rows: TemplateRow[]): Promise<PromptTemplateRecord[]> {
    if (rows.length === 0) return [];
    const labels = await this.db
      .select()
      .from(promptLabels)
      .where(
        inArray(
          promptLabels.templateId,
          rows.map((row) => row.id),
        ),
      );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      category: row.category,
      tags: row.tags,
      description: row.description,
      latestVersion: row.latestVersion,
      labels: Object.fromEntries(
        labels.filter((label) => label.templateId === row.id).map((label) => [label.name, label.version]),
      ),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    }));
  }
}

const toVersionRecord = (row: VersionRow, authorName: string | null): PromptVersionRecord => ({
  version: row.version,
  source: row.source as TemplateSourceInput,
  variables: row.variables as VariableDeclarationData[],
  config: row.config,
  commitMessage: row.commitMessage,
  authorId: row.authorId,
  authorName,
  createdAt: row.createdAt.toISOString(),
});
