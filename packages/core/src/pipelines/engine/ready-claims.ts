import type { WorkQueue, WorkReservation } from '../../ports/work-queue.js';
import type { RunRow, RunStore, StepRunRow } from './run-store.js';
import { RunTransaction, type AfterCommit, type Dispatch } from './run-transaction.js';
import { runsInTransaction } from './step-runner.js';

/** A step attempt this process runs; `committed` once its claim's transaction has committed. */
export interface LocalAttempt {
  controller: AbortController;
  committed: boolean;
}

/** A step claimed in the transaction that made it ready, on a slot reserved from the queue. */
export interface ClaimedReady {
  run: RunRow;
  step: StepRunRow;
  attempt: LocalAttempt;
  slot: WorkReservation;
}

export interface ReadyClaimsOptions {
  queue: WorkQueue;
  /** The queue kind of step jobs. */
  kind: string;
  workerId: string;
  /** Steps of one workspace this process runs at once. */
  workspaceSlots: number;
  clock: () => Date;
  /** The attempts this process holds, by step run id (shared with the engine's deliveries and the heartbeat). */
  inFlight: Map<string, LocalAttempt>;
  /** Whether this process takes work now: false once it is stopping. */
  consuming: () => boolean;
  /** Runs a claimed attempt and records it; `executed` once the attempt itself is over. */
  runClaimed: (run: RunRow, step: StepRunRow, controller: AbortController, executed: () => void) => Promise<void>;
  log?: { error(data: object, message: string): void } | undefined;
}

/**
 * Claims, in the transaction that made them ready, the ready steps this process has a free slot for
 * (`WorkQueue.reserve`: never ahead of a job waiting in the queue), so a step costs one commit, its end's,
 * instead of two and a queue hop. The claim is the one a delivery makes (the row becomes `running`
 * under this worker, one attempt more, held locally from inside the transaction), so a crash after the
 * commit leaves what a crash after a delivery's claim leaves: a lease the sweeper re-queues. The
 * attempts run once the transaction has committed (`start`); the rest go to the queue as before.
 */
export class ReadyClaims {
  /** Attempts started here, until recorded: `settled` waits for them as the queue waits for its handlers. */
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly options: ReadyClaimsOptions) {}

  /**
   * Claims what it can of `after.dispatch` in the transaction of `store`, adding each claim to `claimed`
   * as it is made (so a transaction that fails midway can `drop` them); what it claimed leaves `after.dispatch`.
   */
  async claim(store: RunStore, after: AfterCommit, claimed: ClaimedReady[]): Promise<void> {
    const { queue, kind, workerId, workspaceSlots, inFlight } = this.options;
    if (!queue.reserve) return;
    const runs = new Map<string, RunTransaction | null>();
    const left: Dispatch[] = [];
    for (const item of after.dispatch) {
      const slot =
        runsInTransaction(item.type) || !this.options.consuming()
          ? null
          : queue.reserve(kind, { concurrencyKey: `workspace:${item.workspaceId}`, concurrencyLimit: workspaceSlots });
      if (!slot) {
        left.push(item);
        continue;
      }
      let tx = runs.get(item.runId);
      if (tx === undefined) {
        // Held by this transaction already (it made the step ready): read from memory, not locked again.
        const run = await store.lockRun(item.runId);
        tx = run && new RunTransaction(store, run, after, this.options.clock());
        runs.set(item.runId, tx);
      }
      const step = tx?.run.status === 'running' ? await store.claimStep(item.stepRunId, workerId, tx.now) : null;
      if (!tx || !step) {
        slot.release();
        left.push(item);
        continue;
      }
      const attempt: LocalAttempt = { controller: new AbortController(), committed: false };
      inFlight.set(step.id, attempt);
      tx.emit('step.started', step.key, { attempt: step.attempt });
      claimed.push({ run: tx.run, step, attempt, slot });
    }
    after.dispatch = left;
    for (const tx of runs.values()) await tx?.flush();
  }

  /** The transaction of `claimed` was rolled back: its claims never happened. */
  drop(claimed: readonly ClaimedReady[]): void {
    const { inFlight } = this.options;
    for (const { step, attempt, slot } of claimed) {
      if (inFlight.get(step.id) === attempt) inFlight.delete(step.id);
      slot.release();
    }
  }

  /** Runs an attempt `claim` made, now that its claim has committed. */
  start({ run, step, attempt, slot }: ClaimedReady): void {
    const { inFlight } = this.options;
    attempt.committed = true;
    const running = this.options
      .runClaimed(run, step, attempt.controller, () => slot.release())
      .catch((error: unknown) =>
        // Its row stays `running` under this worker with no attempt here: the heartbeat re-queues it.
        this.options.log?.error({ err: error, stepRunId: step.id }, 'A pipeline step started in its transaction failed'),
      )
      .finally(() => {
        slot.release();
        if (inFlight.get(step.id) === attempt) inFlight.delete(step.id);
        this.running.delete(running);
      });
    this.running.add(running);
  }

  /** Resolves once every attempt started here has been recorded. */
  async settled(): Promise<void> {
    await Promise.all(this.running);
  }
}
