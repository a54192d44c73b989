import { LATEST_LABEL, type PipelineDefinition, type PipelineListQuery } from '@agent-fleet/contracts';
import {
  AppError,
  type CursorPosition,
  type PipelineRecord,
  type PipelineRepository,
  type PipelineVersionContent,
  type PipelineRef,
  type PipelineVersionRecord,
  type PinnedVersionId,
} from '@agent-fleet/core';
import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database } from './database.js';
import { containsPattern } from './like.js';
import { rowsOf, type Rows } from './metrics-repository.js';
import { isUniqueViolation } from './pg-errors.js';
import { pipelineLabels, pipelineRuns, pipelines, pipelineVersions } from './pipeline-schema.js';
import { agents, users } from './schema.js';

type PipelineRow = typeof pipelines.$inferSelect & { steps: number };

/** The step count of the latest version, read with the row so a list costs one query. */
// Written out: inside a select list Drizzle leaves columns unqualified, which would bind to the inner table.
const latestSteps = sql<number>`(
  select count(*)::int from pipeline_versions pv, jsonb_object_keys(pv.definition->'steps')
  where pv.pipeline_id = "pipelines"."id" and pv.version = "pipelines"."latest_version"
)`.mapWith(Number);

const descriptionOf = (content: PipelineVersionContent) => content.definition.description ?? '';

export class DrizzlePipelineRepository implements PipelineRepository {
  constructor(private readonly db: Database) {}

  async list(workspaceId: string, query: Omit<PipelineListQuery, 'cursor'> & { after?: CursorPosition }) {
    const filters: SQL[] = [eq(pipelines.workspaceId, workspaceId)];
    if (query.label && query.label !== 'latest') {
      filters.push(
        sql`exists (select 1 from ${pipelineLabels} where ${pipelineLabels.pipelineId} = ${pipelines.id} and ${pipelineLabels.name} = ${query.label})`,
      );
    }
    if (query.q) {
      const pattern = containsPattern(query.q);
      filters.push(
        sql`(${pipelines.name} ilike ${pattern} escape '\\' or ${pipelines.description} ilike ${pattern} escape '\\')`,
      );
    }
    const page = [...filters];
    if (query.after) page.push(sql`(${pipelines.name}, ${pipelines.id}) > (${query.after.value}, ${query.after.id}::uuid)`);
    const [rows, totals] = await Promise.all([
      this.db
        .select({ row: pipelines, steps: latestSteps })
        .from(pipelines)
        .where(and(...page))
        .orderBy(asc(pipelines.name), asc(pipelines.id))
        .limit(query.limit + 1),
      this.db
        .select({ n: count() })
        .from(pipelines)
        .where(and(...filters)),
    ]);
    return { items: await this.withLabels(rows.map(({ row, steps }) => ({ ...row, steps }))), total: totals[0]?.n ?? 0 };
  }

  async findByName(workspaceId: string, name: string): Promise<PipelineRecord | null> {
    const rows = await this.db
      .select({ row: pipelines, steps: latestSteps })
      .from(pipelines)
      .where(and(eq(pipelines.workspaceId, workspaceId), eq(pipelines.name, name)));
    return (await this.withLabels(rows.map(({ row, steps }) => ({ ...row, steps }))))[0] ?? null;
  }

  async create(workspaceId: string, name: string, content: PipelineVersionContent, authorId: string | null) {
    try {
      await this.db.transaction(async (tx) => {
        const [pipeline] = await tx
          .insert(pipelines)
          .values({ workspaceId, name, description: descriptionOf(content), latestVersion: 1 })
          .returning({ id: pipelines.id });
        const pipelineId = (pipeline as { id: string }).id;
        await tx.insert(pipelineVersions).values({ workspaceId, pipelineId, version: 1, ...content, authorId });
      });
    } catch (error) {
      if (isUniqueViolation(error, 'pipelines_workspace_name_key')) {
        throw new AppError('name_taken', `A pipeline named "${name}" already exists`, {
          cause: error,
          errors: [{ path: 'name', message: 'This name is already used by another pipeline', code: 'name_taken' }],
        });
      }
      throw error;
    }
    const created = await this.findByName(workspaceId, name);
    if (!created) throw new Error('created pipeline vanished');
    return created;
  }

  async addVersion(workspaceId: string, pipelineId: string, content: PipelineVersionContent, authorId: string | null) {
    return this.db.transaction(async (tx) => {
      // The row update both numbers the version and serialises concurrent saves of one pipeline.
      const [bumped] = await tx
        .update(pipelines)
        .set({
          latestVersion: sql`${pipelines.latestVersion} + 1`,
          description: descriptionOf(content),
          updatedAt: sql`now()`,
        })
        .where(and(eq(pipelines.workspaceId, workspaceId), eq(pipelines.id, pipelineId)))
        .returning({ version: pipelines.latestVersion });
      const version = (bumped as { version: number }).version;
      await tx.insert(pipelineVersions).values({ workspaceId, pipelineId, version, ...content, authorId });
      return version;
    });
  }

  listVersions(workspaceId: string, pipelineId: string): Promise<PipelineVersionRecord[]> {
    return this.selectVersions(workspaceId, pipelineId);
  }

  async findVersion(workspaceId: string, pipelineId: string, version: number): Promise<PipelineVersionRecord | null> {
    return (await this.selectVersions(workspaceId, pipelineId, version))[0] ?? null;
  }

  async pinVersions(refs: readonly { workspaceId: string; ref: PipelineRef }[]): Promise<(PinnedVersionId | null)[]> {
    // A burst of runs of one pipeline asks for the same reference many times: each distinct one is read once.
    const keyOf = ({ workspaceId, ref: { name, selector } }: (typeof refs)[number]) =>
      JSON.stringify([
        workspaceId,
        name,
        'version' in selector ? selector.version : null,
        'label' in selector ? selector.label : null,
      ]);
    const distinct = new Map<string, number>();
    const firsts: (typeof refs)[number][] = [];
    const slots = refs.map((ref) => {
      const key = keyOf(ref);
      let slot = distinct.get(key);
      if (slot === undefined) {
        slot = firsts.push(ref) - 1;
        distinct.set(key, slot);
      }
      return slot;
    });
    const json = JSON.stringify(
      firsts.map(({ workspaceId, ref: { name, selector } }, i) => ({
        i,
        workspace_id: workspaceId,
        name,
        ...('version' in selector ? { version: selector.version } : { label: selector.label }),
      })),
    );
    const rows = rowsOf<PinnedVersionId & { i: number }>(
      (await this.db.execute(sql`
        select r.i as "i", p.id as "pipelineId", p.name as "name", v.id as "versionId", v.version as "version"
        from jsonb_to_recordset(${json}::jsonb) as r(i int, workspace_id uuid, name text, label text, version int)
        join pipelines p on p.workspace_id = r.workspace_id and p.name = r.name
        join pipeline_versions v on v.pipeline_id = p.id and v.version = coalesce(
          r.version,
          case when r.label = ${LATEST_LABEL} then p.latest_version
          else (select l.version from pipeline_labels l where l.pipeline_id = p.id and l.name = r.label) end
        )`)) as Rows,
    );
    const found = new Map(rows.map(({ i, ...row }) => [i, row]));
    return slots.map((slot) => {
      const row = found.get(slot);
      return row ? { ...row } : null;
    });
  }

  async versionDefinition(workspaceId: string, versionId: string): Promise<PipelineDefinition | null> {
    const [row] = await this.db
      .select({ definition: pipelineVersions.definition })
      .from(pipelineVersions)
      .where(and(eq(pipelineVersions.workspaceId, workspaceId), eq(pipelineVersions.id, versionId)));
    return row?.definition ?? null;
  }

  async setLabel(workspaceId: string, pipelineId: string, label: string, version: number): Promise<void> {
    await this.db
      .insert(pipelineLabels)
      .values({ workspaceId, pipelineId, name: label, version })
      .onConflictDoUpdate({ target: [pipelineLabels.pipelineId, pipelineLabels.name], set: { version, updatedAt: sql`now()` } });
  }

  async deleteLabel(workspaceId: string, pipelineId: string, label: string): Promise<boolean> {
    const rows = await this.db
      .delete(pipelineLabels)
      .where(
        and(
          eq(pipelineLabels.workspaceId, workspaceId),
          eq(pipelineLabels.pipelineId, pipelineId),
          eq(pipelineLabels.name, label),
        ),
      )
      .returning({ name: pipelineLabels.name });
    return rows.length > 0;
  }

  async delete(workspaceId: string, pipelineId: string): Promise<void> {
    await this.db.delete(pipelines).where(and(eq(pipelines.workspaceId, workspaceId), eq(pipelines.id, pipelineId)));
  }

  async activeRuns(workspaceId: string, pipelineId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(pipelineRuns)
      .where(
        and(
          eq(pipelineRuns.workspaceId, workspaceId),
          eq(pipelineRuns.pipelineId, pipelineId),
          inArray(pipelineRuns.status, ['queued', 'running']),
        ),
      );
    return row?.n ?? 0;
  }

  async agentExists(workspaceId: string, name: string): Promise<boolean> {
    const rows = await this.db
      .select({ id: agents.id })
      .from(agents)
      .where(and(eq(agents.workspaceId, workspaceId), eq(agents.name, name)))
      .limit(1);
    return rows.length > 0;
  }

  private async selectVersions(workspaceId: string, pipelineId: string, version?: number): Promise<PipelineVersionRecord[]> {
    const conditions = [eq(pipelineVersions.workspaceId, workspaceId), eq(pipelineVersions.pipelineId, pipelineId)];
    if (version !== undefined) conditions.push(eq(pipelineVersions.version, version));
    const rows = await this.db
      .select({ version: pipelineVersions, authorName: users.name })
      .from(pipelineVersions)
      .leftJoin(users, eq(users.id, pipelineVersions.authorId))
      .where(and(...conditions))
      .orderBy(asc(pipelineVersions.version));
    return rows.map(({ version: row, authorName }) => ({
      id: row.id,
      version: row.version,
      format: row.format,
      source: row.source,
      definition: row.definition,
      commitMessage: row.commitMessage,
      authorId: row.authorId,
      authorName,
      createdAt: row.createdAt.toISOString(),
    }));
  }

  private async withLabels(rows: PipelineRow[]): Promise<PipelineRecord[]> {
    if (rows.length === 0) return [];
    const labels = await this.db
      .select()
      .from(pipelineLabels)
      .where(
        inArray(
          pipelineLabels.pipelineId,
          rows.map((row) => row.id),
        ),
      );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      description: row.description,
      latestVersion: row.latestVersion,
      steps: row.steps,
      labels: Object.fromEntries(
        labels.filter((label) => label.pipelineId === row.id).map((label) => [label.name, label.version]),
      ),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    }));
  }
}
