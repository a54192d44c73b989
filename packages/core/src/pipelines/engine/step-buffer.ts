import { TERMINAL_STEP_STATUSES, type StepRunStatus } from '@agent-fleet/contracts';
import { randomUUID } from 'node:crypto';
import type { NewStepRun, RunStore, StepPatch, StepRunRow } from './run-store.js';
import { addSpend } from './run-transaction.js';

const ZERO_USAGE = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
const isOpen = (status: StepRunStatus) => !TERMINAL_STEP_STATUSES.includes(status);

/**
 * The run store one engine transaction works on: the step runs of the runs it holds are kept in memory
 * and written once, when the transaction ends (`flush`), in one statement, however many times the
 * transaction changed them. A chain of transforms run in one transaction thus writes its rows once, not
 * four statements per step.
 *
 * Why this is safe: every change to a run's step rows happens in a transaction that holds the run's lock
 * (`lockRun`) or created the run, so while this transaction holds it, nobody else changes them. The
 * buffer keeps a run's rows only then: the rows this transaction creates or changes, and, once it
 * advances the run's graph (`stepRuns`, `countOpenSteps`), the run's open top-level rows, loaded in one
 * read. Terminal rows are not loaded (their output may be big, and they do not change while the run is
 * held): they are read from the store as before.
 *
 * Methods that change many rows by a condition (`updateRunSteps`, `reopenSteps`) or read across runs
 * (the sweeper's and the heartbeat's queries) first write what is buffered, then ask the store; rows a
 * bulk change touched are read again afterwards.
 */
export class StepBuffer implements RunStore {
  private readonly rows = new Map<string, StepRunRow>();
  /** Rows created in this transaction: they exist only here until `flush`. */
  private readonly created = new Set<string>();
  private readonly dirty = new Set<string>();
  /** Runs this transaction holds (locked or created), each with whether its open rows are loaded. */
  private readonly held = new Map<string, boolean>();

  constructor(
    private readonly store: RunStore,
    /** The transaction's time: when rows it creates were created, and when a claim without `at` starts. */
    private readonly now: Date,
  ) {}

  /** Writes every changed row, in one statement. Call before the transaction commits. */
  async flush(): Promise<void> {
    if (this.dirty.size === 0) return;
    const rows = [...this.dirty].flatMap((id) => this.rows.get(id) ?? []);
    this.dirty.clear();
    await this.store.writeStepRuns(rows);
  }

  // --- Runs: the buffer learns which runs this transaction holds.

  async insertRun(...args: Parameters<RunStore['insertRun']>) {
    const run = await this.store.insertRun(...args);
    this.held.set(run.id, true); // nothing of it exists yet: no rows to load
    return run;
  }

  async lockRun(id: string) {
    const run = await this.store.lockRun(id);
    if (run && !this.held.has(id)) this.held.set(id, false);
    return run;
  }

  // --- Step runs, served from memory where the buffer holds them.

  async insertStepRuns(rows: NewStepRun[]): Promise<StepRunRow[]> {
    if (!rows.every((row) => this.held.has(row.runId))) return this.store.insertStepRuns(rows);
    return rows.map((row) => {
      const created: StepRunRow = {
        id: randomUUID(),
        workspaceId: row.workspaceId,
        runId: row.runId,
        stepId: row.stepId,
        key: row.key,
        parentId: row.parentId ?? null,
        index: row.index ?? null,
        type: row.type,
        status: row.status,
        attempt: 0,
        priority: row.priority,
        leaseOwner: null,
        dueAt: row.dueAt ?? null,
        input: row.input ?? null,
        output: row.output ?? null,
        error: null,
        usage: ZERO_USAGE,
        costUsd: 0,
        llmCalls: 0,
        childRunId: null,
        state: null,
        createdAt: this.now,
        startedAt: null,
        finishedAt: null,
      };
      this.put(created, true);
      return { ...created };
    });
  }

  async stepRun(id: string): Promise<StepRunRow | null> {
    const row = this.rows.get(id);
    if (row) return { ...row };
    return this.adopt(await this.store.stepRun(id));
  }

  async stepRuns(runId: string, keys?: readonly string[]): Promise<StepRunRow[]> {
    if (!(await this.load(runId))) return this.store.stepRuns(runId, keys);
    const mine = this.topLevel(runId, keys);
    const known = new Set(mine.map((row) => row.key));
    const missing = keys?.filter((key) => !known.has(key));
    // Rows not held are terminal: they cannot change while the run is held, so the store's copy is current.
    const stored = missing?.length === 0 ? [] : await this.store.stepRuns(runId, missing);
    return [...mine.map((row) => ({ ...row })), ...stored.filter((row) => !this.rows.has(row.id))];
  }

  async countOpenSteps(runId: string, keys: readonly string[]): Promise<number> {
    if (!(await this.load(runId))) return this.store.countOpenSteps(runId, keys);
    // Every open top-level row of a held run is here (rows not here were terminal when it was loaded).
    return this.topLevel(runId, keys).filter((row) => isOpen(row.status)).length;
  }

  async allStepRuns(runId: string): Promise<StepRunRow[]> {
    await this.flush();
    return (await this.store.allStepRuns(runId)).map((row) => ({ ...(this.rows.get(row.id) ?? row) }));
  }

  async children(parentId: string): Promise<StepRunRow[]> {
    const parent = this.rows.get(parentId);
    const mine = [...this.rows.values()].filter((row) => row.parentId === parentId);
    // Items of a parent created in this transaction exist only here.
    const stored = parent && this.created.has(parent.id) ? [] : await this.store.children(parentId);
    for (const row of stored) if (!this.rows.has(row.id)) this.adopt(row);
    const ids = new Set(mine.map((row) => row.id));
    const all = [...mine, ...stored.filter((row) => !ids.has(row.id)).map((row) => this.rows.get(row.id) ?? row)];
    return all.sort((a, b) => (a.index ?? 0) - (b.index ?? 0)).map((row) => ({ ...row }));
  }

  async claimStep(id: string, owner: string, at?: Date): Promise<StepRunRow | null> {
    const row = this.rows.get(id);
    if (!row) return this.adopt(await this.store.claimStep(id, owner, at));
    const time = at ?? this.now;
    if (row.status !== 'queued' || (row.dueAt !== null && row.dueAt > time)) return null;
    return this.change(row, { status: 'running', leaseOwner: owner, attempt: row.attempt + 1, startedAt: time, dueAt: null });
  }

  async updateStep(
    id: string,
    patch: StepPatch,
    guard: { statuses: readonly StepRunStatus[]; owner?: string },
  ): Promise<StepRunRow | null> {
    const row = this.rows.get(id);
    if (!row) return this.adopt(await this.store.updateStep(id, patch, guard));
    if (!guard.statuses.includes(row.status) || (guard.owner !== undefined && row.leaseOwner !== guard.owner)) return null;
    const { addSpend: added, ...values } = patch;
    const spent = added && addSpend({ usage: row.usage, costUsd: row.costUsd, llmCalls: row.llmCalls }, added);
    return this.change(row, { ...values, ...spent });
  }

  async queueChild(parentId: string, index: number): Promise<StepRunRow | null> {
    const row = [...this.rows.values()].find((candidate) => candidate.parentId === parentId && candidate.index === index);
    if (!row) return this.adopt(await this.store.queueChild(parentId, index));
    if (row.status !== 'pending') return null;
    return this.change(row, { status: 'queued', dueAt: this.now });
  }

  async updateRunSteps(...args: Parameters<RunStore['updateRunSteps']>) {
    await this.flush();
    const before = await this.store.updateRunSteps(...args);
    this.forget(args[0]);
    return before;
  }

  async reopenSteps(runId: string) {
    await this.flush();
    const reopened = await this.store.reopenSteps(runId);
    this.forget(runId);
    return reopened;
  }

  async writeStepRuns(rows: StepRunRow[]) {
    await this.flush();
    for (const row of rows) if (this.rows.has(row.id)) this.rows.set(row.id, { ...row });
    await this.store.writeStepRuns(rows);
  }

  // --- Queries across runs: what is buffered is written first.

  async dueQueued(...args: Parameters<RunStore['dueQueued']>) {
    await this.flush();
    return this.store.dueQueued(...args);
  }

  async waitingApprovals(...args: Parameters<RunStore['waitingApprovals']>) {
    await this.flush();
    return this.store.waitingApprovals(...args);
  }

  async dueWaiting(...args: Parameters<RunStore['dueWaiting']>) {
    await this.flush();
    return this.store.dueWaiting(...args);
  }

  async leasedBy(...args: Parameters<RunStore['leasedBy']>) {
    await this.flush();
    return this.store.leasedBy(...args);
  }

  async lostLeases(...args: Parameters<RunStore['lostLeases']>) {
    await this.flush();
    return this.store.lostLeases(...args);
  }

  async openStepRuns(runId: string) {
    await this.flush();
    return this.store.openStepRuns(runId);
  }

  // --- Everything else is not about step rows.

  getRun(...args: Parameters<RunStore['getRun']>) {
    return this.store.getRun(...args);
  }
  updateRun(...args: Parameters<RunStore['updateRun']>) {
    return this.store.updateRun(...args);
  }
  findRunByIdempotencyKey(...args: Parameters<RunStore['findRunByIdempotencyKey']>) {
    return this.store.findRunByIdempotencyKey(...args);
  }
  listRuns(...args: Parameters<RunStore['listRuns']>) {
    return this.store.listRuns(...args);
  }
  lockPipeline(...args: Parameters<RunStore['lockPipeline']>) {
    return this.store.lockPipeline(...args);
  }
  countRunning(...args: Parameters<RunStore['countRunning']>) {
    return this.store.countRunning(...args);
  }
  queuedRuns(...args: Parameters<RunStore['queuedRuns']>) {
    return this.store.queuedRuns(...args);
  }
  activeRunIds(...args: Parameters<RunStore['activeRunIds']>) {
    return this.store.activeRunIds(...args);
  }
  versionDefinition(...args: Parameters<RunStore['versionDefinition']>) {
    return this.store.versionDefinition(...args);
  }
  insertEvents(...args: Parameters<RunStore['insertEvents']>) {
    return this.store.insertEvents(...args);
  }
  events(...args: Parameters<RunStore['events']>) {
    return this.store.events(...args);
  }
  insertDecision(...args: Parameters<RunStore['insertDecision']>) {
    return this.store.insertDecision(...args);
  }
  decision(...args: Parameters<RunStore['decision']>) {
    return this.store.decision(...args);
  }
  upsertWorker(...args: Parameters<RunStore['upsertWorker']>) {
    return this.store.upsertWorker(...args);
  }
  heartbeat(...args: Parameters<RunStore['heartbeat']>) {
    return this.store.heartbeat(...args);
  }
  workers() {
    return this.store.workers();
  }
  deleteWorker(...args: Parameters<RunStore['deleteWorker']>) {
    return this.store.deleteWorker(...args);
  }

  // --- The buffer itself.

  /** Loads the open top-level rows of a held run once; false when this transaction does not hold it. */
  private async load(runId: string): Promise<boolean> {
    const loaded = this.held.get(runId);
    if (loaded === undefined) return false;
    if (!loaded) {
      this.held.set(runId, true);
      for (const row of await this.store.openStepRuns(runId)) if (!this.rows.has(row.id)) this.put(row, false);
    }
    return true;
  }

  private topLevel(runId: string, keys?: readonly string[]): StepRunRow[] {
    const wanted = keys && new Set(keys);
    return [...this.rows.values()].filter(
      (row) => row.runId === runId && row.parentId === null && (!wanted || wanted.has(row.key)),
    );
  }

  /** Keeps a row the store returned, if its run is held (a later change of it stays here). */
  private adopt(row: StepRunRow | null): StepRunRow | null {
    if (row && this.held.has(row.runId) && !this.rows.has(row.id)) this.put(row, false);
    return row && { ...row };
  }

  private put(row: StepRunRow, isNew: boolean): void {
    this.rows.set(row.id, row);
    if (isNew) {
      this.created.add(row.id);
      this.dirty.add(row.id);
    }
  }

  private change(row: StepRunRow, values: Partial<StepRunRow>): StepRunRow {
    const changed = { ...row, ...values };
    this.rows.set(row.id, changed);
    this.dirty.add(row.id);
    return { ...changed };
  }

  /** Drops a run's rows after a bulk change in the store; its open rows load again when next needed. */
  private forget(runId: string): void {
    for (const [id, row] of this.rows) {
      if (row.runId !== runId) continue;
      this.rows.delete(id);
      this.created.delete(id);
    }
    if (this.held.has(runId)) this.held.set(runId, false);
  }
}
