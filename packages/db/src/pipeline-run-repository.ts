import { TERMINAL_STEP_STATUSES, type PageTotal, type PipelineDefinition, type StepRunStatus } from '@agent-fleet/contracts';
import type {
  DecisionRow,
  DueStep,
  NewRun,
  NewStepRun,
  RunEventRow,
  RunEventWrite,
  RunListQuery,
  RunPatch,
  RunRow,
  RunStore,
  RunTransactions,
  StepPatch,
  StepRunRow,
  WorkerRow,
} from '@agent-fleet/core';
import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from './database.js';
import {
  engineWorkers,
  pipelineApprovals,
  pipelineRunEvents,
  pipelineRuns,
  pipelines,
  pipelineStepRuns,
  pipelineVersions,
} from './pipeline-schema.js';
import { pageTotal } from './page-total.js';
import { insertRunEventRows, writeHeldRows } from './pipeline-run-writes.js';
import { storable } from './storable.js';
import type { OutputOwner, StepOutputBlobs } from './step-output-blobs.js';
import { usageOf } from './token-usage.js';

type RunRecord = typeof pipelineRuns.$inferSelect;
type StepRecord = typeof pipelineStepRuns.$inferSelect;

const toRun = (row: RunRecord): RunRow => ({
  ...row,
  usage: usageOf(row),
  budgetUsd: row.budgetUsd ?? null,
  outputs: row.outputs ?? null,
  error: row.error ?? null,
});

const toStep = ({ outputBlobKey: _key, ...row }: StepRecord, output: unknown): StepRunRow => ({
  ...row,
  input: row.input ?? null,
  output,
  error: row.error ?? null,
  usage: usageOf(row),
  state: row.state ?? null,
});

/** Spend columns incremented in place: concurrent writers of one row add, never overwrite. */
function spendSet(table: typeof pipelineRuns | typeof pipelineStepRuns, spend: RunPatch['addSpend']) {
  if (!spend) return {};
  const { usage } = spend;
  return {
    inputTokens: sql`${table.inputTokens} + ${usage.inputTokens}`,
    outputTokens: sql`${table.outputTokens} + ${usage.outputTokens}`,
    cachedInputTokens: sql`${table.cachedInputTokens} + ${usage.cachedInputTokens}`,
    cacheWriteTokens: sql`${table.cacheWriteTokens} + ${usage.cacheWriteTokens}`,
    reasoningTokens: sql`${table.reasoningTokens} + ${usage.reasoningTokens}`,
    costUsd: sql`${table.costUsd} + ${spend.costUsd}`,
    llmCalls: sql`${table.llmCalls} + ${spend.llmCalls}`,
  };
}

/**
 * A top-level step run (no parent), written so no index can serve it: `parent_id is null` matches the
 * parent index, which PGlite's planner (no statistics: nothing runs ANALYZE) prefers, walking every
 * top-level row of the table instead of the run's few through `(run_id, key)`.
 */
const topLevel = sql`num_nulls(${pipelineStepRuns.parentId}) = 1`;

/** Top-level step runs of these runs that have not ended. */
const openTopLevel = (runIds: string | readonly string[]) =>
  and(
    typeof runIds === 'string' ? eq(pipelineStepRuns.runId, runIds) : inArray(pipelineStepRuns.runId, [...runIds]),
    topLevel,
    notInArray(pipelineStepRuns.status, [...TERMINAL_STEP_STATUSES]),
  );

/** The pipeline engine's rows over Drizzle (PGlite or PostgreSQL); see `RunStore` in core. */
export class DrizzleRunStore implements RunStore {
  constructor(
    private readonly db: Database,
    /** Where big step outputs go; every output written or read passes through it. */
    private readonly outputs: StepOutputBlobs,
  ) {}

  /** Rows as the engine sees them: big outputs read back from the blob store. */
  private async steps(rows: StepRecord[]): Promise<StepRunRow[]> {
    return Promise.all(rows.map(async (row) => toStep(row, await this.outputs.read(row.workspaceId, row))));
  }

  private async step(row: StepRecord | undefined): Promise<StepRunRow | null> {
    return row ? ((await this.steps([row]))[0] ?? null) : null;
  }

  /** The columns a patch sets; a big output is stored first under `owner`'s key. */
  private async stepSet(patch: StepPatch, owner: () => Promise<OutputOwner>) {
    const { addSpend, ...rest } = patch;
    const values: Record<string, unknown> = { ...rest, ...spendSet(pipelineStepRuns, addSpend) };
    for (const key of ['input', 'error', 'state'] as const) if (key in patch) values[key] = storable(patch[key]);
    if ('output' in patch) Object.assign(values, await this.outputs.place(patch.output, owner));
    return values;
  }

  private async ownerOf(id: string): Promise<OutputOwner> {
    const [row] = await this.db
      .select({ id: pipelineStepRuns.id, workspaceId: pipelineStepRuns.workspaceId, runId: pipelineStepRuns.runId })
      .from(pipelineStepRuns)
      .where(eq(pipelineStepRuns.id, id));
    if (!row) throw new Error(`Step run ${id} does not exist`);
    return row;
  }

  async insertRun(run: NewRun): Promise<RunRow> {
    const [row] = await this.db.insert(pipelineRuns).values(storable(run)).returning();
    if (!row) throw new Error('The run was not inserted');
    return toRun(row);
  }

  async getRun(workspaceId: string, id: string): Promise<RunRow | null> {
    const [row] = await this.db
      .select()
      .from(pipelineRuns)
      .where(and(eq(pipelineRuns.workspaceId, workspaceId), eq(pipelineRuns.id, id)));
    return row ? toRun(row) : null;
  }

  async lockRun(id: string): Promise<RunRow | null> {
    const [row] = await this.db.select().from(pipelineRuns).where(eq(pipelineRuns.id, id)).for('no key update');
    return row ? toRun(row) : null;
  }

  async lockRuns(ids: readonly string[]): Promise<RunRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .select()
      .from(pipelineRuns)
      .where(inArray(pipelineRuns.id, [...ids]))
      .orderBy(asc(pipelineRuns.id))
      .for('no key update');
    return rows.map(toRun);
  }

  writeHeld(held: Parameters<RunStore['writeHeld']>[0]): Promise<void> {
    return writeHeldRows(this.db, this.outputs, held);
  }

  async updateRun(id: string, patch: RunPatch): Promise<void> {
    const { addSpend, ...rest } = patch;
    const values: Record<string, unknown> = { ...rest, ...spendSet(pipelineRuns, addSpend) };
    if ('outputs' in patch) values.outputs = storable(patch.outputs);
    if ('error' in patch) values.error = storable(patch.error);
    await this.db.update(pipelineRuns).set(values).where(eq(pipelineRuns.id, id));
  }

  async findRunByIdempotencyKey(workspaceId: string, key: string): Promise<RunRow | null> {
    const [row] = await this.db
      .select()
      .from(pipelineRuns)
      .where(and(eq(pipelineRuns.workspaceId, workspaceId), eq(pipelineRuns.idempotencyKey, key)));
    return row ? toRun(row) : null;
  }

  async listRuns(workspaceId: string, query: RunListQuery): Promise<{ rows: RunRow[]; total: PageTotal }> {
    const filters: (SQL | undefined)[] = [
      eq(pipelineRuns.workspaceId, workspaceId),
      query.pipelineId ? eq(pipelineRuns.pipelineId, query.pipelineId) : undefined,
      query.status ? eq(pipelineRuns.status, query.status) : undefined,
      query.trigger ? eq(pipelineRuns.trigger, query.trigger) : undefined,
      query.label ? eq(pipelineRuns.label, query.label) : undefined,
      query.createdAfter ? gt(pipelineRuns.createdAt, query.createdAfter) : undefined,
      query.createdBefore ? lt(pipelineRuns.createdAt, query.createdBefore) : undefined,
      query.before
        ? or(
            lt(pipelineRuns.createdAt, query.before.createdAt),
            and(eq(pipelineRuns.createdAt, query.before.createdAt), lt(pipelineRuns.id, query.before.id)),
          )
        : undefined,
    ];
    const rows = await this.db
      .select()
      .from(pipelineRuns)
      .where(and(...filters))
      .orderBy(desc(pipelineRuns.createdAt), desc(pipelineRuns.id))
      .limit(query.limit + 1);
    const total = await pageTotal(this.db, pipelineRuns, and(...filters.slice(0, -1)), {
      rows: rows.length,
      limit: query.limit,
      firstPage: !query.before,
      capped: true,
    });
    return { rows: rows.map(toRun), total };
  }

  async lockPipeline(pipelineId: string): Promise<void> {
    await this.db.select({ id: pipelines.id }).from(pipelines).where(eq(pipelines.id, pipelineId)).for('no key update');
  }

  async countRunning(pipelineId: string, concurrencyKey?: string | null, except?: string): Promise<number> {
    const [row] = await this.db
      .select({ count: sql<number>`count(*)::int` })
      .from(pipelineRuns)
      .where(
        and(
          eq(pipelineRuns.pipelineId, pipelineId),
          eq(pipelineRuns.status, 'running'),
          except === undefined ? undefined : ne(pipelineRuns.id, except),
          concurrencyKey === undefined
            ? undefined
            : concurrencyKey === null
              ? isNull(pipelineRuns.concurrencyKey)
              : eq(pipelineRuns.concurrencyKey, concurrencyKey),
        ),
      );
    return row?.count ?? 0;
  }

  async queuedRuns(pipelineId: string, limit: number): Promise<RunRow[]> {
    const rows = await this.db
      .select()
      .from(pipelineRuns)
      .where(and(eq(pipelineRuns.pipelineId, pipelineId), eq(pipelineRuns.status, 'queued')))
      .orderBy(desc(pipelineRuns.priority), asc(pipelineRuns.createdAt), asc(pipelineRuns.id))
      .limit(limit);
    return rows.map(toRun);
  }

  async activeRunIds(limit: number): Promise<string[]> {
    const rows = await this.db
      .select({ id: pipelineRuns.id })
      .from(pipelineRuns)
      .where(inArray(pipelineRuns.status, ['queued', 'running']))
      .limit(limit);
    return rows.map((row) => row.id);
  }

  async versionDefinition(versionId: string): Promise<PipelineDefinition | null> {
    const [row] = await this.db
      .select({ definition: pipelineVersions.definition })
      .from(pipelineVersions)
      .where(eq(pipelineVersions.id, versionId));
    return row?.definition ?? null;
  }

  async insertStepRuns(rows: NewStepRun[]): Promise<StepRunRow[]> {
    if (rows.length === 0) return [];
    const values = await Promise.all(
      rows.map(async ({ output, ...row }) => {
        if (output === undefined) return storable(row);
        const id = crypto.randomUUID();
        return { ...storable(row), id, ...(await this.outputs.place(output, () => ({ ...row, id }))) };
      }),
    );
    const inserted = await this.db.insert(pipelineStepRuns).values(values).returning();
    return this.steps(inserted);
  }

  async stepRun(id: string): Promise<StepRunRow | null> {
    const [row] = await this.db.select().from(pipelineStepRuns).where(eq(pipelineStepRuns.id, id));
    return this.step(row);
  }

  async openStepRuns(runIds: readonly string[]): Promise<StepRunRow[]> {
    if (runIds.length === 0) return [];
    const rows = await this.db.select().from(pipelineStepRuns).where(openTopLevel(runIds));
    return this.steps(rows);
  }

  async countOpenSteps(runId: string, keys: readonly string[]): Promise<number> {
    if (keys.length === 0) return 0;
    const [row] = await this.db
      .select({ open: sql<number>`count(*)::int` })
      .from(pipelineStepRuns)
      .where(and(openTopLevel(runId), inArray(pipelineStepRuns.key, [...keys])));
    return row?.open ?? 0;
  }

  async stepRuns(runId: string, keys?: readonly string[]): Promise<StepRunRow[]> {
    if (keys?.length === 0) return [];
    const rows = await this.db
      .select()
      .from(pipelineStepRuns)
      .where(and(eq(pipelineStepRuns.runId, runId), keys ? inArray(pipelineStepRuns.key, [...keys]) : undefined, topLevel));
    return this.steps(rows);
  }

  async allStepRuns(runId: string): Promise<StepRunRow[]> {
    const rows = await this.db
      .select()
      .from(pipelineStepRuns)
      .where(eq(pipelineStepRuns.runId, runId))
      .orderBy(asc(pipelineStepRuns.createdAt), asc(pipelineStepRuns.index));
    return this.steps(rows);
  }

  async children(parentId: string): Promise<StepRunRow[]> {
    const rows = await this.db
      .select()
      .from(pipelineStepRuns)
      .where(eq(pipelineStepRuns.parentId, parentId))
      .orderBy(asc(pipelineStepRuns.index));
    return this.steps(rows);
  }

  async claimStep(id: string, owner: string, at?: Date): Promise<StepRunRow | null> {
    const [row] = await this.db
      .update(pipelineStepRuns)
      .set({
        status: 'running',
        leaseOwner: owner,
        attempt: sql`${pipelineStepRuns.attempt} + 1`,
        // In the transaction that queued it, the step starts at that transaction's time, as it ends.
        startedAt: at ?? sql`now()`,
        dueAt: null,
      })
      .where(
        and(
          eq(pipelineStepRuns.id, id),
          eq(pipelineStepRuns.status, 'queued'),
          or(isNull(pipelineStepRuns.dueAt), lte(pipelineStepRuns.dueAt, at ?? sql`now()`)),
        ),
      )
      .returning();
    return this.step(row);
  }

  async updateStep(
    id: string,
    patch: StepPatch,
    guard: { statuses: readonly StepRunStatus[]; owner?: string },
  ): Promise<StepRunRow | null> {
    const [row] = await this.db
      .update(pipelineStepRuns)
      .set(await this.stepSet(patch, () => this.ownerOf(id)))
      .where(
        and(
          eq(pipelineStepRuns.id, id),
          inArray(pipelineStepRuns.status, [...guard.statuses]),
          guard.owner === undefined ? undefined : eq(pipelineStepRuns.leaseOwner, guard.owner),
        ),
      )
      .returning();
    return this.step(row);
  }

  async updateRunSteps(
    runId: string,
    from: readonly StepRunStatus[],
    patch: StepPatch,
    parentId?: string,
  ): Promise<StepRunRow[]> {
    const where = and(
      eq(pipelineStepRuns.runId, runId),
      inArray(pipelineStepRuns.status, [...from]),
      parentId === undefined ? undefined : eq(pipelineStepRuns.parentId, parentId),
    );
    // The run is locked, so nothing changes these rows between the read and the update.
    const before = await this.db.select().from(pipelineStepRuns).where(where);
    if (before.length === 0) return [];
    const owner = () => Promise.reject(new Error('A big output is set on one step at a time (updateStep)'));
    await this.db
      .update(pipelineStepRuns)
      .set(await this.stepSet(patch, owner))
      .where(where);
    return this.steps(before);
  }

  async reopenSteps(runId: string): Promise<number> {
    const reopened = await this.db
      .update(pipelineStepRuns)
      .set({ status: 'pending', error: null, state: null, childRunId: null, leaseOwner: null, dueAt: null, finishedAt: null })
      .where(and(eq(pipelineStepRuns.runId, runId), topLevel, inArray(pipelineStepRuns.status, ['failed', 'cancelled'])))
      .returning({ id: pipelineStepRuns.id });
    if (reopened.length > 0) {
      await this.db.delete(pipelineStepRuns).where(
        inArray(
          pipelineStepRuns.parentId,
          reopened.map((row) => row.id),
        ),
      );
    }
    return reopened.length;
  }

  async queueChild(parentId: string, index: number): Promise<StepRunRow | null> {
    const [row] = await this.db
      .update(pipelineStepRuns)
      .set({ status: 'queued', dueAt: sql`now()` })
      .where(
        and(eq(pipelineStepRuns.parentId, parentId), eq(pipelineStepRuns.index, index), eq(pipelineStepRuns.status, 'pending')),
      )
      .returning();
    return this.step(row);
  }

  async dueQueued(limit: number): Promise<DueStep[]> {
    return this.db
      .select({
        id: pipelineStepRuns.id,
        runId: pipelineStepRuns.runId,
        type: pipelineStepRuns.type,
        workspaceId: pipelineStepRuns.workspaceId,
        priority: pipelineStepRuns.priority,
        attempt: pipelineStepRuns.attempt,
      })
      .from(pipelineStepRuns)
      .where(and(eq(pipelineStepRuns.status, 'queued'), lte(pipelineStepRuns.dueAt, sql`now()`)))
      .orderBy(asc(pipelineStepRuns.dueAt))
      .limit(limit);
  }

  async waitingApprovals(workspaceId: string, limit: number): Promise<{ run: RunRow; step: StepRunRow; requestedAt: Date }[]> {
    const rows = await this.db
      .select({ run: pipelineRuns, step: pipelineStepRuns })
      .from(pipelineStepRuns)
      .innerJoin(pipelineRuns, eq(pipelineRuns.id, pipelineStepRuns.runId))
      .where(
        and(
          eq(pipelineStepRuns.workspaceId, workspaceId),
          eq(pipelineStepRuns.type, 'approval'),
          eq(pipelineStepRuns.status, 'waiting'),
        ),
      )
      .orderBy(asc(pipelineStepRuns.createdAt))
      .limit(limit);
    return Promise.all(
      rows.map(async ({ run, step }) => ({
        run: toRun(run),
        step: toStep(step, await this.outputs.read(step.workspaceId, step)),
        requestedAt: step.startedAt ?? step.createdAt,
      })),
    );
  }

  async dueWaiting(limit: number): Promise<StepRunRow[]> {
    const rows = await this.db
      .select()
      .from(pipelineStepRuns)
      .where(and(eq(pipelineStepRuns.status, 'waiting'), lte(pipelineStepRuns.dueAt, sql`now()`)))
      .orderBy(asc(pipelineStepRuns.dueAt))
      .limit(limit);
    return this.steps(rows);
  }

  insertEvents(events: readonly RunEventWrite[]): Promise<void> {
    return insertRunEventRows(this.db, events);
  }

  async events(runId: string, afterSeq: number, limit: number): Promise<RunEventRow[]> {
    return this.db
      .select({
        seq: pipelineRunEvents.seq,
        type: pipelineRunEvents.type,
        step: pipelineRunEvents.step,
        data: pipelineRunEvents.data,
        createdAt: pipelineRunEvents.createdAt,
      })
      .from(pipelineRunEvents)
      .where(and(eq(pipelineRunEvents.runId, runId), gt(pipelineRunEvents.seq, afterSeq)))
      .orderBy(asc(pipelineRunEvents.seq))
      .limit(limit);
  }

  async insertDecision(
    runId: string,
    stepKey: string,
    workspaceId: string,
    decision: Omit<DecisionRow, 'decidedAt'>,
  ): Promise<boolean> {
    const inserted = await this.db
      .insert(pipelineApprovals)
      .values(storable({ runId, stepKey, workspaceId, ...decision }))
      .onConflictDoNothing()
      .returning({ runId: pipelineApprovals.runId });
    return inserted.length > 0;
  }

  async decision(runId: string, stepKey: string): Promise<DecisionRow | null> {
    const [row] = await this.db
      .select()
      .from(pipelineApprovals)
      .where(and(eq(pipelineApprovals.runId, runId), eq(pipelineApprovals.stepKey, stepKey)));
    return row ?? null;
  }

  async upsertWorker(worker: Omit<WorkerRow, 'heartbeatAt'>): Promise<void> {
    await this.db
      .insert(engineWorkers)
      .values(worker)
      .onConflictDoUpdate({ target: engineWorkers.id, set: { heartbeatAt: sql`now()` } });
  }

  async heartbeat(id: string): Promise<boolean> {
    const rows = await this.db
      .update(engineWorkers)
      .set({ heartbeatAt: sql`now()` })
      .where(eq(engineWorkers.id, id))
      .returning({ id: engineWorkers.id });
    return rows.length > 0;
  }

  async workers(): Promise<WorkerRow[]> {
    return this.db
      .select({ id: engineWorkers.id, host: engineWorkers.host, pid: engineWorkers.pid, heartbeatAt: engineWorkers.heartbeatAt })
      .from(engineWorkers);
  }

  async deleteWorker(id: string): Promise<void> {
    await this.db.delete(engineWorkers).where(eq(engineWorkers.id, id));
  }

  async leasedBy(owners: readonly string[]): Promise<StepRunRow[]> {
    if (owners.length === 0) return [];
    const rows = await this.db
      .select()
      .from(pipelineStepRuns)
      .where(and(eq(pipelineStepRuns.status, 'running'), inArray(pipelineStepRuns.leaseOwner, [...owners])));
    return this.steps(rows);
  }

  async lostLeases(owner: string, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const held = await this.db
      .select({ id: pipelineStepRuns.id })
      .from(pipelineStepRuns)
      .where(
        and(
          inArray(pipelineStepRuns.id, [...ids]),
          eq(pipelineStepRuns.status, 'running'),
          eq(pipelineStepRuns.leaseOwner, owner),
        ),
      );
    const still = new Set(held.map((row) => row.id));
    return ids.filter((id) => !still.has(id));
  }
}

/** Engine transactions over Drizzle. PGlite has one connection: inside, only the given store may be used. */
export class DrizzleRunTransactions implements RunTransactions {
  constructor(
    private readonly db: Database,
    private readonly outputs: StepOutputBlobs,
  ) {}

  transaction<T>(work: (store: RunStore) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(new DrizzleRunStore(tx as unknown as Database, this.outputs)));
  }
}
