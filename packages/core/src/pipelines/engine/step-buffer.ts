import { TERMINAL_STEP_STATUSES, type StepRunStatus } from '@agent-fleet/contracts';
import { randomUUID } from 'node:crypto';
import type { NewRun, NewStepRun, RunEventWrite, RunPatch, RunRow, RunStore, Spend, StepPatch, StepRunRow } from './run-store.js';
import { addSpend } from './run-transaction.js';

const ZERO_USAGE = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
const isOpen = (status: StepRunStatus) => !TERMINAL_STEP_STATUSES.includes(status);

/** A run this transaction holds: its row as the transaction has left it so far. */
interface HeldRun {
  run: RunRow;
  /** Whether its open top-level step rows are loaded. */
  loaded: boolean;
  /** Whether its row changed since the last write, and the spend to add to the stored totals. */
  changed: boolean;
  addSpend: Spend | null;
  /** Created by this transaction and not written yet: `flush` inserts it. */
  created: boolean;
}

const addToSet = (index: Map<string, Set<string>>, key: string, id: string) => {
  const set = index.get(key);
  if (set) set.add(id);
  else index.set(key, new Set([id]));
};

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
 * The runs it holds are kept the same way: their rows (`lockRun` of a held run reads no row again), the
 * runs it creates, the changes `updateRun` makes to them and the events appended to them are written by
 * `flush`, for all runs at once (a thousand submissions grouped in one transaction insert their runs in
 * one statement). `lockRuns` locks many runs and loads their open rows in two statements, so a group of
 * transactions (see GroupCommit) costs a few statements, not a few per run.
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
  /** Step rows by run and by parent, so a run's rows are found without walking every row. */
  private readonly ofRun = new Map<string, Set<string>>();
  private readonly ofParent = new Map<string, Set<string>>();
  /** Runs this transaction holds (locked or created). */
  private readonly held = new Map<string, HeldRun>();
  /** Events appended to held runs, in order. */
  private readonly appended: RunEventWrite[] = [];

  constructor(
    private readonly store: RunStore,
    /** The transaction's time: when rows it creates were created, and when a claim without `at` starts. */
    private readonly now: Date,
  ) {}

  /** Writes every changed run, step row and event, in one statement (see `writeHeld`). Call before the transaction commits. */
  async flush(): Promise<void> {
    const runs = [...this.held.values()].filter((held) => held.changed);
    const writes = runs.map((held) => ({ run: held.run, addSpend: held.addSpend, created: held.created }));
    for (const held of runs) {
      held.changed = false;
      held.addSpend = null;
      held.created = false;
    }
    const steps = [...this.dirty].flatMap((id) => this.rows.get(id) ?? []);
    this.dirty.clear();
    const events = this.appended.splice(0);
    if (writes.length > 0 || steps.length > 0 || events.length > 0) await this.store.writeHeld({ runs: writes, steps, events });
  }

  // --- Runs: the buffer learns which runs this transaction holds, and keeps their rows.

  /** Creates the run in memory, as the store would (totals zero, created now); `flush` inserts it with the others. */
  async insertRun(values: NewRun): Promise<RunRow> {
    const run: RunRow = {
      ...values,
      outputs: null,
      error: null,
      usage: ZERO_USAGE,
      costUsd: 0,
      llmCalls: 0,
      eventSeq: 0,
      createdAt: this.now,
      startedAt: null,
      finishedAt: null,
    };
    // Nothing of it exists yet: no step rows to load.
    this.held.set(run.id, { run, loaded: true, changed: true, addSpend: null, created: true });
    return { ...run };
  }

  async lockRun(id: string) {
    const held = this.held.get(id);
    if (held) return { ...held.run };
    return this.hold(await this.store.lockRun(id));
  }

  /** Locks the runs not held yet in one statement and loads their open step rows in another. */
  async lockRuns(ids: readonly string[]) {
    const missing = [...new Set(ids)].filter((id) => !this.held.has(id));
    for (const run of await this.store.lockRuns(missing)) this.hold(run);
    const unloaded = missing.filter((id) => this.held.get(id)?.loaded === false);
    if (unloaded.length > 0) {
      for (const row of await this.store.openStepRuns(unloaded)) if (!this.rows.has(row.id)) this.put(row, false);
      for (const id of unloaded) {
        const held = this.held.get(id);
        if (held) held.loaded = true;
      }
    }
    return ids.flatMap((id) => {
      const held = this.held.get(id);
      return held ? [{ ...held.run }] : [];
    });
  }

  async getRun(workspaceId: string, id: string) {
    const held = this.held.get(id);
    if (!held) return this.store.getRun(workspaceId, id);
    return held.run.workspaceId === workspaceId ? { ...held.run } : null;
  }

  async updateRun(id: string, patch: RunPatch) {
    const held = this.held.get(id);
    if (!held) return this.store.updateRun(id, patch);
    const { addSpend: added, ...values } = patch;
    let run: RunRow = { ...held.run, ...values };
    if (added) {
      run = { ...run, ...addSpend({ usage: run.usage, costUsd: run.costUsd, llmCalls: run.llmCalls }, added) };
      held.addSpend = held.addSpend ? addSpend(held.addSpend, added) : added;
    }
    held.run = run;
    held.changed = true;
  }

  async insertEvents(events: readonly RunEventWrite[]) {
    const others = events.filter((event) => !this.held.has(event.runId));
    this.appended.push(...events.filter((event) => this.held.has(event.runId)));
    if (others.length > 0) await this.store.insertEvents(others);
  }

  async events(...args: Parameters<RunStore['events']>) {
    await this.flush();
    return this.store.events(...args);
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
    const mine = this.rowsOf(this.ofParent, parentId);
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
    const row = this.rowsOf(this.ofParent, parentId).find((candidate) => candidate.index === index);
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

  async writeHeld(held: Parameters<RunStore['writeHeld']>[0]) {
    await this.flush();
    for (const row of held.steps) if (this.rows.has(row.id)) this.rows.set(row.id, { ...row });
    await this.store.writeHeld(held);
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

  async openStepRuns(...args: Parameters<RunStore['openStepRuns']>) {
    await this.flush();
    return this.store.openStepRuns(...args);
  }

  async findRunByIdempotencyKey(...args: Parameters<RunStore['findRunByIdempotencyKey']>) {
    await this.flush();
    return this.store.findRunByIdempotencyKey(...args);
  }

  async listRuns(...args: Parameters<RunStore['listRuns']>) {
    await this.flush();
    return this.store.listRuns(...args);
  }

  async countRunning(...args: Parameters<RunStore['countRunning']>) {
    await this.flush();
    return this.store.countRunning(...args);
  }

  async queuedRuns(...args: Parameters<RunStore['queuedRuns']>) {
    await this.flush();
    return this.store.queuedRuns(...args);
  }

  async activeRunIds(...args: Parameters<RunStore['activeRunIds']>) {
    await this.flush();
    return this.store.activeRunIds(...args);
  }

  // --- Everything else is not about runs or step rows.

  lockPipeline(...args: Parameters<RunStore['lockPipeline']>) {
    return this.store.lockPipeline(...args);
  }
  versionDefinition(...args: Parameters<RunStore['versionDefinition']>) {
    return this.store.versionDefinition(...args);
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

  /** Starts holding a run just locked. */
  private hold(run: RunRow | null): RunRow | null {
    if (!run) return null;
    this.held.set(run.id, { run, loaded: false, changed: false, addSpend: null, created: false });
    return { ...run };
  }

  /** Loads the open top-level rows of a held run once; false when this transaction does not hold it. */
  private async load(runId: string): Promise<boolean> {
    const held = this.held.get(runId);
    if (!held) return false;
    if (!held.loaded) {
      held.loaded = true;
      for (const row of await this.store.openStepRuns([runId])) if (!this.rows.has(row.id)) this.put(row, false);
    }
    return true;
  }

  private rowsOf(index: Map<string, Set<string>>, key: string): StepRunRow[] {
    return [...(index.get(key) ?? [])].flatMap((id) => this.rows.get(id) ?? []);
  }

  private topLevel(runId: string, keys?: readonly string[]): StepRunRow[] {
    const wanted = keys && new Set(keys);
    return this.rowsOf(this.ofRun, runId).filter((row) => row.parentId === null && (!wanted || wanted.has(row.key)));
  }

  /** Keeps a row the store returned, if its run is held (a later change of it stays here). */
  private adopt(row: StepRunRow | null): StepRunRow | null {
    if (row && this.held.has(row.runId) && !this.rows.has(row.id)) this.put(row, false);
    return row && { ...row };
  }

  private put(row: StepRunRow, isNew: boolean): void {
    this.rows.set(row.id, row);
    addToSet(this.ofRun, row.runId, row.id);
    if (row.parentId !== null) addToSet(this.ofParent, row.parentId, row.id);
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
    for (const id of this.ofRun.get(runId) ?? []) {
      const row = this.rows.get(id);
      if (row?.parentId) this.ofParent.get(row.parentId)?.delete(id);
      this.rows.delete(id);
      this.created.delete(id);
    }
    this.ofRun.delete(runId);
    const held = this.held.get(runId);
    if (held) held.loaded = false;
  }
}
