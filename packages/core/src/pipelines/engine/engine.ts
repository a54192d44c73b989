import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { AppError } from '../../app-error.js';
import { retryingTransaction } from '../../retryable-transaction.js';
import type { WorkDelivery, WorkConsumer } from '../../ports/work-queue.js';
import { validateRunInput } from '../run-input.js';
import { Advancer } from './advance.js';
import { GroupCommit } from './group-commit.js';
import { LoopTurns } from './loop-turns.js';
import { PlanCache } from './plan-cache.js';
import { ReadyClaims, type ClaimedReady, type LocalAttempt } from './ready-claims.js';
import type { RunPlan } from './run-plan.js';
import type { CreateRunInput, DecisionInput, PipelineEngineOptions } from './engine-options.js';
import type { RunRow, RunStore, StepRunRow } from './run-store.js';
import { isTerminalRun, newAfterCommit, RunTransaction, type AfterCommit } from './run-transaction.js';
import { newRunTraceContext, traceStepAttempt } from './run-tracing.js';
import { StepBuffer } from './step-buffer.js';
import {
  decisionFinish,
  executeStep,
  recordOutcome,
  runsInTransaction,
  type StepRunnerContext,
  type ResolvedPipeline,
} from './step-runner.js';
import { Sweeper } from './sweeper.js';

export const STEP_JOB_KIND = 'pipeline.step';

/** At most this many steps run inside one transaction (see `PipelineEngine.runInTransaction`). */
const IN_TRANSACTION_STEPS = 100;

/** The longest the engine's own work keeps the event loop before it lets it turn (see LoopTurns). */
const LOOP_SLICE_MS = 10;

/** What one engine transaction does, on the transaction's store; its effects are dispatched after the commit. */
type EngineWork<T> = (store: RunStore, after: AfterCommit) => Promise<T>;

/** A piece of work for the group commit, with the run it locks first, if any. */
interface GroupWork {
  runId: string | null;
  work: EngineWork<unknown>;
  /** Turns the work's value into the answer once every step the transaction runs has run. */
  settle?: (value: unknown, store: RunStore) => Promise<unknown>;
}

/**
 * The durable pipeline engine. The database is the truth: runs and step runs are rows, one transaction
 * records a step's end together with what it made ready, and the queue only carries ids after the
 * commit. Claims are idempotent, leases belong to a worker with a heartbeat, and the sweeper re-sends
 * lost work, fires timers and re-queues the steps of dead workers, so a crash loses nothing and a
 * completed step never runs again (ADR 0006).
 */
export class PipelineEngine {
  readonly workerId: string;
  private readonly plans = new PlanCache();
  private readonly advancer: Advancer;
  private readonly clock: () => Date;
  private readonly random: () => number;
  private readonly inFlight = new Map<string, LocalAttempt>();
  /** What a step attempt runs with, reading through the engine's store outside any transaction. */
  private readonly stepContext: StepRunnerContext;
  private readonly sweeper: Sweeper;
  private consumer: WorkConsumer | null = null;
  private readonly commits: GroupCommit<GroupWork>;
  /** Ready steps claimed in the transaction that made them ready. */
  private readonly readyClaims: ReadyClaims;
  private readonly turns = new LoopTurns(LOOP_SLICE_MS);

  constructor(private readonly options: PipelineEngineOptions) {
    this.workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.clock = options.clock ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.stepContext = {
      store: options.store,
      evaluator: options.evaluator,
      actions: options.actions,
      versions: options.versions,
      clock: this.clock,
    };
    this.advancer = new Advancer(this.plans, options.evaluator);
    this.commits = new GroupCommit((works) => this.commitGroup(works), {
      maxGroup: options.commitGroup ?? 500,
      parallel: options.commitParallel ?? 1,
      between: () => this.turns.turn(),
    });
    this.readyClaims = new ReadyClaims({
      queue: options.queue,
      kind: STEP_JOB_KIND,
      workerId: this.workerId,
      workspaceSlots: options.workspaceSlots ?? options.slots ?? 16,
      clock: this.clock,
      inFlight: this.inFlight,
      consuming: () => this.consumer !== null,
      runClaimed: (run, step, controller, executed) => this.runClaimed(run, step, controller, executed),
      log: options.log,
    });
    this.sweeper = new Sweeper(this, {
      store: options.store,
      workerId: this.workerId,
      host: hostname(),
      pid: process.pid,
      heartbeatMs: options.heartbeatMs ?? 1000,
      staleMs: options.staleMs ?? 15_000,
      sweepMs: options.sweepMs ?? 1000,
      ...(options.log ? { log: options.log } : {}),
    });
  }

  /** Registers this worker, takes work, and resumes what a previous process left (at once, for this host's dead processes). */
  async start(): Promise<void> {
    const slots = this.options.slots ?? 16;
    this.consumer = this.options.queue.consume(STEP_JOB_KIND, (delivery) => this.onDelivery(delivery), {
      concurrency: slots,
      maxAttempts: 3,
      onFailed: (delivery, error) =>
        this.options.log?.error({ err: error, job: delivery.job.id }, 'A pipeline step job failed three times'),
    });
    await this.sweeper.start();
  }

  async stop(): Promise<void> {
    await this.sweeper.stop();
    // No step is claimed in a transaction from here on (see ReadyClaims).
    const consumer = this.consumer;
    this.consumer = null;
    for (const { controller } of this.inFlight.values()) controller.abort(new Error('The server is stopping'));
    await this.readyClaims.settled();
    await consumer?.stop();
  }

  /** Step runs this process holds now, including claims whose transaction has not committed yet. */
  localSteps(): string[] {
    return [...this.inFlight.keys()];
  }

  /**
   * Step runs this process holds under a committed claim: only these can be checked against the rows.
   * A claim still in its transaction looks, from any other connection, like a step nobody holds.
   */
  claimedSteps(): string[] {
    return [...this.inFlight].filter(([, attempt]) => attempt.committed).map(([id]) => id);
  }

  abortLocal(ids: readonly string[], reason = 'cancelled'): void {
    for (const id of ids) this.inFlight.get(id)?.controller.abort(new Error(reason));
  }

  /** Runs `work` on the locked run in one transaction, then dispatches what it made ready. */
  async inRun<T>(runId: string, work: (tx: RunTransaction) => Promise<T>): Promise<T | null> {
    return this.transaction(runId, async (store, after) => {
      const run = await store.lockRun(runId);
      if (!run) return null;
      const tx = new RunTransaction(store, run, after, this.clock());
      const value = await work(tx);
      await tx.flush();
      return value;
    });
  }

  /**
   * One engine transaction, then what it made ready is dispatched. Transactions asked for while one is
   * committing share the next one (see GroupCommit): each piece of work runs in turn on the same store,
   * as it would in a transaction of its own, and all commit together.
   */
  private transaction<T>(
    runId: string | null,
    work: EngineWork<T>,
    settle?: (value: T, store: RunStore) => Promise<T>,
  ): Promise<T> {
    return this.commits.submit<T>({ runId, work, ...(settle ? { settle: settle as GroupWork['settle'] } : {}) });
  }

  /**
   * Runs `works` in one transaction and dispatches what they made ready. PostgreSQL may abort a
   * transaction to break a deadlock or a serialisation conflict; nothing of it was written, so it is run
   * again (`retryingTransaction`, as every unit of work is).
   */
  private async commitGroup(works: readonly GroupWork[]): Promise<unknown[]> {
    // The group's runs are locked, and their open step rows read, up front: two statements for all.
    const runIds = [...new Set(works.flatMap(({ runId }) => runId ?? []))].sort();
    let after = newAfterCommit();
    let claimed: ClaimedReady[] = [];
    const values = await retryingTransaction(async () => {
      // Each attempt starts from nothing: what a rolled-back one made ready or claimed never happened.
      after = newAfterCommit();
      claimed = [];
      try {
        return await this.options.transactions.transaction(async (rows) => {
          // The step rows of the runs it holds are written once, at the end (see StepBuffer).
          const store = new StepBuffer(rows, this.clock());
          if (runIds.length > 0) await store.lockRuns(runIds);
          const values: unknown[] = [];
          for (const { work } of works) values.push(await work(store, after));
          await this.runInTransaction(store, after);
          await this.readyClaims.claim(store, after, claimed);
          for (const [i, { settle }] of works.entries()) if (settle) values[i] = await settle(values[i], store);
          await store.flush();
          return values;
        });
      } catch (error) {
        this.readyClaims.drop(claimed);
        throw error;
      }
    });
    for (const ready of claimed) {
      this.readyClaims.start(ready);
      await this.turns.turn();
    }
    // Committed: a failure from here on must not run the work again. What was not handed to the
    // queue is still queued in the rows, and the sweeper sends it again.
    await this.afterCommit(after).catch((error: unknown) =>
      this.options.log?.error({ err: error }, 'Dispatching the work of a commit failed; the sweeper will send it again'),
    );
    return values;
  }

  /**
   * Runs the steps this transaction made ready whose every effect is a row (see `runsInTransaction`)
   * before it commits, and those they make ready in turn, up to `IN_TRANSACTION_STEPS`; the rest are
   * dispatched after the commit as usual. A chain of transforms thus costs one commit, not two per step.
   */
  private async runInTransaction(store: RunStore, after: AfterCommit): Promise<void> {
    let left = IN_TRANSACTION_STEPS;
    // One view per run for the whole drain: its events and counters are written once, at the end.
    const runs = new Map<string, { tx: RunTransaction; plan: RunPlan } | null>();
    for (;;) {
      const ready = after.dispatch.filter((item) => runsInTransaction(item.type));
      if (ready.length === 0 || left <= 0) break;
      after.dispatch = after.dispatch.filter((item) => !runsInTransaction(item.type));
      for (const item of ready) {
        if (left <= 0) {
          after.dispatch.push(item);
          continue;
        }
        let open = runs.get(item.runId);
        if (open === undefined) {
          const run = await store.lockRun(item.runId);
          open = run && {
            tx: new RunTransaction(store, run, after, this.clock()),
            plan: await this.plans.get(store, run.versionId),
          };
          runs.set(item.runId, open);
        }
        if (open?.tx.run.status !== 'running') continue;
        const { tx, plan } = open;
        const step = await store.claimStep(item.stepRunId, this.workerId, tx.now);
        if (!step) continue;
        left -= 1;
        tx.emit('step.started', step.key, { attempt: step.attempt });
        // Nothing outside the transaction can stop it midway: its signal never aborts.
        const outcome = await traceStepAttempt(this.options.tracing, tx.run, step, () =>
          executeStep({ ...this.stepContext, store }, plan, tx.run, step, new AbortController().signal),
        );
        await recordOutcome(tx, this.advancer, plan, step, outcome, this.workerId, this.startChild, this.random);
      }
    }
    for (const open of runs.values()) await open?.tx.flush();
  }

  async afterCommit(after: AfterCommit): Promise<void> {
    this.abortLocal(after.abort);
    if (after.abort.length > 0) await this.options.actions.fleetSteps?.closed(after.abort);
    const slots = this.options.workspaceSlots ?? this.options.slots ?? 16;
    await Promise.all(
      after.dispatch.map((item) =>
        this.options.queue.enqueue({
          id: `${item.stepRunId}:${item.attempt}`,
          kind: STEP_JOB_KIND,
          workspaceId: item.workspaceId,
          priority: item.priority,
          concurrencyKey: `workspace:${item.workspaceId}`,
          concurrencyLimit: slots,
          payload: { stepRunId: item.stepRunId, runId: item.runId },
        }),
      ),
    );
    if (after.wakeAt) this.sweeper.wakeAt(after.wakeAt);
    const bus = this.options.bus;
    if (bus) {
      for (const [runId, { workspaceId, seq }] of after.touched) {
        await bus.publish(`run:${runId}`, { type: 'run.events', data: { seq } }).catch(() => undefined);
        // For live lists: the run changed; its detail and log are over REST or on `run:<id>`.
        await bus.publish(`workspace:${workspaceId}`, { type: 'run.changed', data: { runId, seq } }).catch(() => undefined);
      }
    }
  }

  /** Creates a run pinned to `target`; it starts at once unless its pipeline's concurrency holds it queued. */
  async createRun(input: CreateRunInput): Promise<{ run: RunRow; created: boolean }> {
    const { definition } = input.target;
    const checked = validateRunInput(definition.inputs, input.input ?? {});
    if (!checked.ok) {
      throw new AppError('validation_failed', 'The run input does not match the pipeline inputs', {
        errors: checked.issues.map((issue) => ({ path: issue.path, message: issue.message, code: issue.code })),
      });
    }
    const key = definition.concurrency?.key;
    const concurrencyKey = key === undefined ? null : await this.concurrencyKey(key, checked.value);
    // Read here, in the caller's context: the group commit may run the transaction in another's.
    const traceContext = newRunTraceContext(this.options.tracing, null);
    return this.transaction(
      null,
      async (store, after) => {
        if (input.idempotencyKey) {
          const existing = await store.findRunByIdempotencyKey(input.workspaceId, input.idempotencyKey);
          if (existing) return { run: existing, created: false };
        }
        const run = await this.insertRun(store, after, {
          ...input,
          input: checked.value,
          concurrencyKey,
          parent: null,
          traceContext,
        });
        return { run, created: true };
      },
      // Its first steps may have run, and even finished it, in the transaction that created it: the run as
      // that transaction leaves it (the transaction's store holds it), not as it was inserted.
      async (result, store) =>
        result.created ? { run: (await store.getRun(input.workspaceId, result.run.id)) ?? result.run, created: true } : result,
    );
  }

  private async concurrencyKey(expression: string, input: Record<string, unknown>): Promise<string> {
    const value = await this.options.evaluator.evaluate(expression, { input, steps: {} });
    return typeof value === 'string' ? value : JSON.stringify(value);
  }

  /** Inserts a run with all its step runs pending, and starts it when its pipeline's concurrency allows. */
  private async insertRun(
    store: RunStore,
    after: AfterCommit,
    input: Omit<CreateRunInput, 'input'> & {
      input: Record<string, unknown>;
      concurrencyKey: string | null;
      parent: { runId: string; stepRunId: string } | null;
      /** The trace the run joins (see `newRunTraceContext`). */
      traceContext: string | null;
      /** Steps done in the run this one re-runs: copied with their outputs, never run again. */
      copies?: StepRunRow[];
      /** Steps that start skipped. */
      skipped?: string[];
    },
  ): Promise<RunRow> {
    const { target } = input;
    const plan = this.plans.remember(target.versionId, target.definition);
    const stepIds = Object.keys(target.definition.steps);
    const run = await store.insertRun({
      id: randomUUID(),
      workspaceId: input.workspaceId,
      pipelineId: target.pipelineId,
      versionId: target.versionId,
      pipelineName: target.name,
      version: target.version,
      label: target.label,
      status: 'queued',
      priority: input.priority ?? 0,
      trigger: input.trigger,
      input: input.input,
      concurrencyKey: input.concurrencyKey,
      idempotencyKey: input.idempotencyKey ?? null,
      parentRunId: input.parent?.runId ?? null,
      parentStepRunId: input.parent?.stepRunId ?? null,
      sourceRunId: input.sourceRunId ?? null,
      budgetUsd: target.definition.budget?.maxUsd ?? null,
      openSteps: stepIds.filter((id) => !input.copies?.some((step) => step.stepId === id) && !input.skipped?.includes(id)).length,
      createdBy: input.createdBy ?? null,
      createdByLabel: input.createdByLabel ?? null,
      traceContext: input.traceContext,
    });
    const copies = new Map((input.copies ?? []).map((step) => [step.stepId, step]));
    const skipped = new Set(input.skipped ?? []);
    await store.insertStepRuns(
      stepIds.map((stepId) => {
        const copy = copies.get(stepId);
        return {
          runId: run.id,
          workspaceId: run.workspaceId,
          stepId,
          key: stepId,
          type: plan.step(stepId).type,
          status: copy?.status ?? (skipped.has(stepId) ? ('skipped' as const) : ('pending' as const)),
          priority: run.priority,
          ...(copy ? { input: copy.input, output: copy.output } : {}),
        };
      }),
    );
    const concurrency = target.definition.concurrency;
    let admitted = true;
    if (concurrency) {
      await store.lockPipeline(run.pipelineId);
      admitted =
        (await store.countRunning(run.pipelineId, concurrency.key === undefined ? undefined : run.concurrencyKey)) <
        concurrency.max;
    }
    // Its clock reads after the pipeline's lock was granted, so `startedAt` is when the run really started.
    const tx = new RunTransaction(store, run, after, this.clock());
    tx.emit('run.queued', null, { priority: run.priority, trigger: run.trigger });
    if (admitted) await this.advancer.startRun(tx, plan);
    await tx.flush();
    return tx.run;
  }

  /** Cancels a run that has not ended: its open steps stop, its child runs are cancelled. */
  async cancelRun(workspaceId: string, runId: string, by: string): Promise<RunRow> {
    await this.requireRun(workspaceId, runId);
    const outcome = await this.inRun(runId, async (tx) => {
      const cancelled = await this.advancer.cancelRun(tx, `Cancelled by ${by}`);
      return cancelled ? tx.run : null;
    });
    if (!outcome) throw new AppError('conflict', 'The run has already ended');
    return outcome;
  }

  /**
   * Decides an approval step. The first decision wins (a second gets 409), and a decision that arrives
   * before the step waits is kept and applied when it does: the run resumes exactly once.
   */
  async decide(workspaceId: string, runId: string, stepKey: string, decision: DecisionInput): Promise<void> {
    const run = await this.requireRun(workspaceId, runId);
    const plan = await this.plans.get(this.options.store, run.versionId);
    const step = plan.definition.steps[stepKey];
    if (step?.type !== 'approval') throw new AppError('not_found', `Run ${runId} has no approval step "${stepKey}"`);
    const ok = await this.inRun(runId, async (tx) => {
      if (isTerminalRun(tx.run.status)) throw new AppError('conflict', 'The run has already ended');
      const inserted = await tx.store.insertDecision(runId, stepKey, workspaceId, {
        decision: decision.decision === 'approve' ? 'approved' : 'rejected',
        comment: decision.comment ?? '',
        data: decision.data ?? {},
        decidedBy: decision.decidedBy,
        decidedByLabel: decision.decidedByLabel,
      });
      if (!inserted) throw new AppError('conflict', `Step "${stepKey}" has already been decided`);
      const decided = await tx.store.decision(runId, stepKey);
      tx.emit('approval.decided', stepKey, { decision: decided?.decision ?? null, by: decision.decidedByLabel });
      const [row] = await tx.store.stepRuns(runId, [stepKey]);
      if (row?.status === 'waiting' && decided) await this.advancer.finishStep(tx, row, decisionFinish(decided));
      return true;
    });
    if (!ok) throw new AppError('not_found', `Run ${runId} does not exist`);
  }

  /** Resumes a failed or cancelled run from its failed steps; every completed step keeps its output. */
  async retryRun(workspaceId: string, runId: string): Promise<RunRow> {
    await this.requireRun(workspaceId, runId);
    const run = await this.inRun(runId, async (tx) => ((await this.advancer.resumeRun(tx)) ? tx.run : null));
    if (!run) throw new AppError('conflict', 'Only a failed or cancelled run can be retried');
    return run;
  }

  /**
   * A new run of the same version and input in which step `from` and everything after it run again,
   * while every other step that completed keeps its output (copied, never re-run). With `only`, the
   * steps after `from` are skipped: one step re-run with the inputs it had.
   */
  async rerun(
    workspaceId: string,
    runId: string,
    from: string,
    options: { only?: boolean; createdBy?: string | null; createdByLabel?: string | null } = {},
  ): Promise<RunRow> {
    const source = await this.requireRun(workspaceId, runId);
    const plan = await this.plans.get(this.options.store, source.versionId);
    if (!Object.hasOwn(plan.definition.steps, from)) throw new AppError('not_found', `The pipeline has no step "${from}"`);
    const after = new Set<string>();
    for (let pending = [from]; pending.length > 0;) {
      const next = pending.pop() ?? '';
      if (after.has(next)) continue;
      after.add(next);
      pending.push(...(plan.graph.downstream[next] ?? []));
    }
    const copies = (await this.options.store.stepRuns(runId)).filter(
      (step) => !after.has(step.stepId) && (step.status === 'succeeded' || step.status === 'skipped'),
    );
    const skipped = options.only ? [...after].filter((id) => id !== from) : [];
    const target: ResolvedPipeline = {
      pipelineId: source.pipelineId,
      name: source.pipelineName,
      version: source.version,
      versionId: source.versionId,
      label: source.label,
      definition: plan.definition,
    };
    const traceContext = newRunTraceContext(this.options.tracing, null);
    return this.transaction(null, (store, afterCommit) =>
      this.insertRun(store, afterCommit, {
        workspaceId,
        target,
        input: source.input,
        priority: source.priority,
        trigger: 'rerun',
        sourceRunId: source.id,
        concurrencyKey: source.concurrencyKey,
        parent: null,
        createdBy: options.createdBy ?? null,
        createdByLabel: options.createdByLabel ?? null,
        copies,
        skipped,
        traceContext,
      }),
    );
  }

  private async requireRun(workspaceId: string, runId: string): Promise<RunRow> {
    const run = await this.options.store.getRun(workspaceId, runId);
    if (!run) throw new AppError('not_found', `Run ${runId} does not exist`);
    return run;
  }

  /** One delivery of a step job: claim the row (a duplicate finds it taken), run the attempt, record it. */
  private async onDelivery(delivery: WorkDelivery): Promise<void> {
    const { stepRunId, runId } = delivery.job.payload as { stepRunId: string; runId: string };
    const controller = new AbortController();
    // Held locally from inside the claim's transaction, so the heartbeat never sees this step running
    // under this worker without an attempt here (see Sweeper.heartbeat), and marked committed after it,
    // so the heartbeat never takes the claim's uncommitted row for a lost lease. Released only if still
    // ours: the next attempt of a retried step may already have taken the entry.
    const attempt: LocalAttempt = { controller, committed: false };
    const release = () => {
      if (this.inFlight.get(stepRunId) === attempt) this.inFlight.delete(stepRunId);
    };
    try {
      const claimed = await this.inRun(runId, async (tx) => {
        if (tx.run.status !== 'running') return null;
        const step = await tx.store.claimStep(stepRunId, this.workerId);
        if (!step) return null;
        this.inFlight.set(stepRunId, attempt);
        tx.emit('step.started', step.key, { attempt: step.attempt });
        return { step, run: tx.run };
      });
      if (!claimed) return;
      attempt.committed = true;
      await this.runClaimed(claimed.run, claimed.step, controller);
    } finally {
      release();
    }
  }

  /** Runs a claimed attempt and records how it ended; `executed` is called once the attempt itself is over. */
  private async runClaimed(run: RunRow, step: StepRunRow, controller: AbortController, executed?: () => void): Promise<void> {
    const plan = await this.plans.get(this.options.store, run.versionId);
    const outcome = await traceStepAttempt(this.options.tracing, run, step, () =>
      executeStep(this.stepContext, plan, run, step, controller.signal),
    );
    // Its slot bounds what runs at once, not the commits: the step the end makes ready may take it.
    executed?.();
    if (controller.signal.aborted) return; // cancelled, or the lease was lost: the row says what happens next
    await this.inRun(run.id, async (tx) => {
      const current = await tx.store.stepRun(step.id);
      if (current?.status !== 'running' || current.leaseOwner !== this.workerId) return;
      await recordOutcome(tx, this.advancer, plan, current, outcome, this.workerId, this.startChild, this.random);
    });
    // The task may have ended before the step waited for it, when nobody could settle the step yet.
    if (outcome.kind === 'fleet') {
      const { taskId, fleetId } = outcome;
      await this.options.actions.fleetSteps?.parked({
        workspaceId: run.workspaceId,
        runId: run.id,
        stepRunId: step.id,
        fleetId,
        taskId,
      });
    }
  }

  private readonly startChild = async (
    tx: RunTransaction,
    target: ResolvedPipeline,
    input: Record<string, unknown>,
    step: StepRunRow,
    traceContext: string | null,
  ): Promise<RunRow> => {
    const key = target.definition.concurrency?.key;
    return this.insertRun(tx.store, tx.after, {
      workspaceId: tx.run.workspaceId,
      target,
      input,
      priority: tx.run.priority,
      trigger: 'pipeline',
      concurrencyKey: key === undefined ? null : await this.concurrencyKey(key, input),
      parent: { runId: tx.run.id, stepRunId: step.id },
      traceContext: newRunTraceContext(this.options.tracing, traceContext),
      createdBy: tx.run.createdBy,
      createdByLabel: tx.run.createdByLabel,
    });
  };

  /** For the sweeper: the advancer, to finish timers and re-queue the steps of dead workers. */
  get transitions(): Advancer {
    return this.advancer;
  }

  /** The plan of the run a transaction holds, read through that transaction (PGlite has one connection). */
  planFor(tx: RunTransaction) {
    return this.plans.get(tx.store, tx.run.versionId);
  }
}
