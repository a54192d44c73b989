import { isDeadPeer } from '../../instances/liveness.js';
import type { PipelineEngine } from './engine.js';
import type { RunStore, StepRunRow, WorkerRow } from './run-store.js';
import type { RunTransaction } from './run-transaction.js';
import { definitionOf, decisionFinish } from './step-runner.js';

export interface SweeperOptions {
  store: RunStore;
  workerId: string;
  host: string;
  pid: number;
  heartbeatMs: number;
  staleMs: number;
  sweepMs: number;
  log?: { warn(data: object, message: string): void; error(data: object, message: string): void };
  /** Whether a process of this host is alive. Default: `process.kill(pid, 0)`. */
  isAlive?: (pid: number) => boolean;
}

/** A step whose worker died is re-queued this many times at most (beyond its retry policy), then fails. */
const MAX_LEASE_LOSSES = 3;

/**
 * The engine's housekeeping, the part that makes it durable: this worker's heartbeat; the steps of dead
 * workers re-queued (a worker of this host whose process is gone is dead at once, so a restarted server
 * resumes without waiting for a heartbeat to age); timers of waits and approvals fired; and queued work
 * the transport lost sent again (enqueueing is idempotent by job id, so sending twice is harmless).
 */
export class Sweeper {
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private nextSweepAt = 0;
  private sweeping: Promise<void> | null = null;
  private stopped = true;

  constructor(
    private readonly engine: PipelineEngine,
    private readonly options: SweeperOptions,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    const { store, workerId, host, pid } = this.options;
    await store.upsertWorker({ id: workerId, host, pid });
    this.heartbeatTimer = setInterval(
      () => void this.heartbeat().catch((error: unknown) => this.fail(error, 'heartbeat')),
      this.options.heartbeatMs,
    );
    this.heartbeatTimer.unref();
    await this.sweep();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
    await this.sweeping;
    await this.options.store.deleteWorker(this.options.workerId).catch(() => undefined);
  }

  /** Sweeps at `when` (a retry or timer this process just set), unless a sweep comes sooner anyway. */
  wakeAt(when: Date): void {
    this.schedule(Math.max(0, when.getTime() - Date.now()));
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    const at = Date.now() + delayMs;
    if (this.sweepTimer && at >= this.nextSweepAt) return;
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
    this.nextSweepAt = at;
    this.sweepTimer = setTimeout(() => {
      this.sweepTimer = null;
      void this.sweep();
    }, delayMs);
    this.sweepTimer.unref();
  }

  /** One pass; passes never overlap. */
  sweep(): Promise<void> {
    this.sweeping ??= this.pass()
      .catch((error: unknown) => this.fail(error, 'sweep'))
      .finally(() => {
        this.sweeping = null;
        this.schedule(this.options.sweepMs);
      });
    return this.sweeping;
  }

  private async pass(): Promise<void> {
    const { store } = this.options;
    for (const worker of (await store.workers()).filter((worker) => this.isDead(worker))) {
      for (const step of await store.leasedBy([worker.id]))
        await this.engine.inRun(step.runId, (tx) => this.release(tx, step, worker.id));
      await store.deleteWorker(worker.id);
      this.options.log?.warn({ worker: worker.id }, 'A pipeline worker died; its steps were re-queued');
    }
    for (const step of await store.dueWaiting(200)) await this.engine.inRun(step.runId, (tx) => this.fire(tx, step.id));
    const due = await store.dueQueued(1000);
    if (due.length > 0) {
      await this.engine.afterCommit({
        dispatch: due.map((step) => ({
          stepRunId: step.id,
          runId: step.runId,
          type: step.type,
          workspaceId: step.workspaceId,
          priority: step.priority,
          attempt: step.attempt,
        })),
        abort: [],
        touched: new Map(),
        wakeAt: null,
      });
    }
  }

  private isDead(worker: WorkerRow): boolean {
    const { workerId: id, host, pid, staleMs, isAlive } = this.options;
    return isDeadPeer(worker, { id, host, pid }, Date.now(), staleMs, isAlive);
  }

  /** Writes the heartbeat; aborts the local attempts whose lease this worker no longer holds. */
  private async heartbeat(): Promise<void> {
    const { store, workerId, host, pid } = this.options;
    if (!(await store.heartbeat(workerId))) {
      // Declared dead (a long pause): our steps were re-queued, so stop them and join again.
      this.engine.abortLocal(this.engine.claimedSteps(), 'lease lost');
      await store.upsertWorker({ id: workerId, host, pid });
      return;
    }
    const local = this.engine.claimedSteps();
    if (local.length > 0) this.engine.abortLocal(await store.lostLeases(workerId, local), 'cancelled or lease lost');
    // Steps leased to this worker that no attempt here holds (its handler failed before recording the
    // end): nobody else would ever re-queue them, since this worker is alive.
    // Read after the rows: a step claimed meanwhile is then already held here (it registers inside its
    // claim's transaction); one that ended meanwhile is no longer running, which `release` re-checks.
    const leased = await store.leasedBy([workerId]);
    const held = new Set(this.engine.localSteps());
    for (const step of leased) {
      if (!held.has(step.id)) await this.engine.inRun(step.runId, (tx) => this.release(tx, step, workerId));
    }
  }

  /**
   * A step held by a dead worker, or lost track of by this one: re-queued (it may run once more, which
   * the docs say), or failed after too many losses.
   */
  private async release(tx: RunTransaction, step: StepRunRow, owner: string): Promise<void> {
    const current = await tx.store.stepRun(step.id);
    if (current?.status !== 'running' || current.leaseOwner !== owner) return;
    const losses = Number(current.state?.leaseLost ?? 0) + 1;
    if (losses > MAX_LEASE_LOSSES) {
      await this.engine.transitions.finishStep(
        tx,
        current,
        {
          status: 'failed',
          error: { code: 'lease_lost', message: `Its worker died ${losses} times while running it`, errorClass: null },
        },
        owner,
      );
      return;
    }
    const queued = await tx.setStep(
      current,
      { status: 'queued', leaseOwner: null, dueAt: tx.now, state: { ...current.state, leaseLost: losses } },
      ['running'],
      owner,
    );
    if (queued) tx.emit('step.retrying', current.key, { attempt: current.attempt, reason: 'lease_lost' });
  }

  /** A wait's or an approval's timer is due. */
  private async fire(tx: RunTransaction, stepRunId: string): Promise<void> {
    const step = await tx.store.stepRun(stepRunId);
    if (step?.status !== 'waiting' || !step.dueAt || step.dueAt > tx.now) return;
    const plan = await this.engine.planFor(tx);
    const definition = definitionOf(plan, step);
    const advancer = this.engine.transitions;
    if (definition.type === 'wait') {
      await advancer.finishStep(tx, step, { status: 'succeeded', output: { waitedUntil: step.dueAt.toISOString() } });
      return;
    }
    if (definition.type !== 'approval') return;
    const onTimeout = definition.onTimeout ?? 'fail';
    const decision = onTimeout === 'approve' ? 'approved' : onTimeout === 'reject' ? 'rejected' : 'timed_out';
    await tx.store.insertDecision(tx.run.id, step.key, tx.run.workspaceId, {
      decision,
      comment: `No decision within ${definition.timeout ?? 'the timeout'}`,
      data: {},
      decidedBy: null,
      decidedByLabel: null,
    });
    // The first decision wins: a person who decided just before the timer fired is the one applied.
    const decided = await tx.store.decision(tx.run.id, step.key);
    if (!decided) return;
    tx.emit('approval.decided', step.key, { decision: decided.decision, timedOut: decided.decidedBy === null });
    if (decided.decision === 'timed_out') {
      await advancer.finishStep(tx, step, {
        status: 'failed',
        error: { code: 'approval_timeout', message: decided.comment, errorClass: null },
      });
      return;
    }
    await advancer.finishStep(tx, step, decisionFinish(decided));
  }

  private fail(error: unknown, what: string): void {
    this.options.log?.error({ err: error }, `The pipeline engine's ${what} failed`);
  }
}
