import type { StepError, StepRunStatus } from '@agent-fleet/contracts';
import type { ExpressionEvaluator } from '../expression-evaluator.js';
import type { PlanCache } from './plan-cache.js';
import type { RunPlan } from './run-plan.js';
import { runScope } from './run-scope.js';
import type { Spend, StepRunRow } from './run-store.js';
import { isTerminalRun, isTerminalStep, RunTransaction } from './run-transaction.js';
import { toStepFailure } from './step-failure.js';

/** How a step attempt ended, once retries are decided. */
export type Finish =
  | { status: 'succeeded'; output: unknown; spend?: Spend | undefined; input?: unknown }
  | { status: 'failed'; error: StepError; spend?: Spend | undefined; input?: unknown }
  | { status: 'skipped'; reason: string };

export const OPEN_STEP_STATUSES: readonly StepRunStatus[] = ['pending', 'queued', 'running', 'waiting'];

const elapsed = (step: StepRunRow, now: Date) => (step.startedAt ? now.getTime() - step.startedAt.getTime() : null);

/**
 * The engine's transitions inside one transaction on a locked run: a step's end, what it makes ready
 * (or skips), fallbacks, maps and loops, and the run's own end with what follows it (the parent's step,
 * the next queued runs). Every change goes through a `RunTransaction`, so rows and event log agree.
 */
export class Advancer {
  constructor(
    private readonly plans: PlanCache,
    private readonly evaluator: ExpressionEvaluator,
  ) {}

  plan(tx: RunTransaction): Promise<RunPlan> {
    return this.plans.get(tx.store, tx.run.versionId);
  }

  async finishStep(tx: RunTransaction, step: StepRunRow, finish: Finish, owner?: string): Promise<void> {
    const plan = await this.plan(tx);
    const base = { leaseOwner: null, dueAt: null, finishedAt: tx.now } as const;
    const spend = finish.status === 'skipped' ? {} : finish.spend ? { addSpend: finish.spend } : {};
    const input = finish.status !== 'skipped' && finish.input !== undefined ? { input: finish.input } : {};
    if (finish.status === 'succeeded') {
      // A step its fallback stood in for keeps its own error, so the run shows why the fallback ran.
      const error = step.state?.fallback === undefined ? null : step.error;
      const done = await tx.setStep(
        step,
        { ...base, ...spend, ...input, status: 'succeeded', output: finish.output, error },
        OPEN_STEP_STATUSES,
        owner,
      );
      if (!done) return;
      tx.emit('step.succeeded', step.key, { attempt: done.attempt, durationMs: elapsed(done, tx.now) });
      return this.settled(tx, plan, done);
    }
    if (finish.status === 'skipped') {
      const done = await tx.setStep(step, { ...base, status: 'skipped', output: null }, OPEN_STEP_STATUSES, owner);
      if (!done) return;
      tx.emit('step.skipped', step.key, { reason: finish.reason });
      return this.settled(tx, plan, done);
    }
    const definition = step.parentId === null ? plan.step(step.stepId) : null;
    const onError = definition?.onError ?? 'fail';
    if (typeof onError === 'object' && step.state?.fallback === undefined) {
      // The fallback stands in: this step waits for it, and takes its output (or its error).
      const waiting = await tx.setStep(
        step,
        {
          ...spend,
          ...input,
          status: 'waiting',
          leaseOwner: null,
          dueAt: null,
          error: finish.error,
          state: { fallback: onError.fallback },
        },
        OPEN_STEP_STATUSES,
        owner,
      );
      if (!waiting) return;
      tx.emit('step.fallback', step.key, { error: finish.error, fallback: onError.fallback });
      return this.tryReady(tx, plan, onError.fallback);
    }
    const done = await tx.setStep(
      step,
      { ...base, ...spend, ...input, status: 'failed', error: finish.error },
      OPEN_STEP_STATUSES,
      owner,
    );
    if (!done) return;
    tx.emit('step.failed', step.key, { attempt: done.attempt, error: finish.error, durationMs: elapsed(done, tx.now) });
    if (done.parentId !== null) return this.advanceContainer(tx, plan, done);
    if (onError === 'continue' && step.state?.fallback === undefined) return this.settled(tx, plan, done);
    await this.failRun(tx, plan, { ...finish.error, message: `Step "${step.stepId}" failed: ${finish.error.message}` });
  }

  /** After a step ends in a way its dependents accept (succeeded, skipped, or failed with `continue`). */
  private async settled(tx: RunTransaction, plan: RunPlan, step: StepRunRow): Promise<void> {
    if (step.parentId !== null) return this.advanceContainer(tx, plan, step);
    const primary = plan.fallbackFor.get(step.stepId);
    if (primary !== undefined && step.status !== 'skipped') {
      const [primaryRow] = await tx.store.stepRuns(tx.run.id, [primary]);
      if (primaryRow?.status === 'waiting') {
        await this.finishStep(
          tx,
          primaryRow,
          step.status === 'succeeded'
            ? { status: 'succeeded', output: step.output }
            : { status: 'failed', error: step.error ?? { code: 'internal', message: 'The fallback failed', errorClass: null } },
        );
      }
    }
    for (const next of plan.graph.downstream[step.stepId] ?? []) await this.tryReady(tx, plan, next);
    if (tx.openSteps === 0 && tx.run.status === 'running') await this.completeRun(tx, plan);
  }

  /** Queues a pending step whose needs have all settled, or skips it when it cannot run. */
  async tryReady(tx: RunTransaction, plan: RunPlan, stepId: string): Promise<void> {
    if (isTerminalRun(tx.run.status)) return;
    const upstream = plan.graph.upstream[stepId] ?? [];
    const primary = plan.fallbackFor.get(stepId);
    // A join's needs end one by one: all but the last find one still open, with a count instead of
    // every upstream row (a 100-wide join read 100 rows 100 times).
    const needs = upstream.filter((id) => id !== primary);
    if (needs.length > 1 && (await tx.store.countOpenSteps(tx.run.id, needs)) > 0) return;
    const rows = new Map((await tx.store.stepRuns(tx.run.id, [stepId, ...upstream])).map((row) => [row.stepId, row]));
    const row = rows.get(stepId);
    if (row?.status !== 'pending') return;
    let skippedNeed: string | null = null;
    for (const id of upstream) {
      const need = rows.get(id);
      if (!need) return;
      if (id === primary) {
        const standingIn = need.status === 'waiting' && need.state?.fallback === stepId;
        if (!standingIn && !isTerminalStep(need.status)) return;
      } else if (!isTerminalStep(need.status)) return;
      else if (need.status === 'skipped') skippedNeed ??= id;
    }
    const primaryRow = primary === undefined ? undefined : rows.get(primary);
    if (primaryRow && isTerminalStep(primaryRow.status)) {
      return this.finishStep(tx, row, { status: 'skipped', reason: `runs only if "${primary}" fails` });
    }
    if (skippedNeed !== null && !plan.step(stepId).runAfterSkipped) {
      return this.finishStep(tx, row, { status: 'skipped', reason: `"${skippedNeed}" was skipped` });
    }
    await tx.setStep(row, { status: 'queued', dueAt: tx.now }, ['pending']);
  }

  /** A map's item or a loop's iteration has ended: count it, start the next, or end the map or loop. */
  private async advanceContainer(tx: RunTransaction, plan: RunPlan, child: StepRunRow): Promise<void> {
    const parent = child.parentId === null ? null : await tx.store.stepRun(child.parentId);
    if (parent?.status !== 'waiting') return;
    if (child.llmCalls > 0 || child.costUsd > 0) {
      // The map or loop shows what its items spent; the run counted it already, as each item ended.
      const spend = { usage: child.usage, costUsd: child.costUsd, llmCalls: child.llmCalls };
      await tx.store.updateStep(parent.id, { addSpend: spend }, { statuses: ['waiting'] });
    }
    const definition = plan.step(parent.stepId);
    if (definition.type === 'map') {
      const state = parent.state as { total: number; started: number; done: number; failed: number };
      const next = { ...state, done: state.done + 1, failed: state.failed + (child.status === 'failed' ? 1 : 0) };
      if (next.failed > definition.maxFailures) {
        const cancelled = await tx.store.updateRunSteps(
          tx.run.id,
          OPEN_STEP_STATUSES,
          { status: 'cancelled', leaseOwner: null, finishedAt: tx.now },
          parent.id,
        );
        tx.after.abort.push(...cancelled.filter((row) => row.status === 'running').map((row) => row.id));
        return this.finishStep(
          tx,
          { ...parent, state: next },
          {
            status: 'failed',
            error: {
              code: 'map_failed',
              message: `${next.failed} of ${state.total} items failed; at most ${definition.maxFailures} may`,
              errorClass: null,
            },
          },
        );
      }
      if (next.done === state.total) {
        const items = await tx.store.children(parent.id);
        return this.finishStep(tx, parent, {
          status: 'succeeded',
          output: items.map((item) => (item.status === 'succeeded' ? item.output : null)),
        });
      }
      if (next.started < state.total) {
        const queued = await tx.store.queueChild(parent.id, next.started);
        if (queued) tx.queue(queued);
        next.started += 1;
      }
      await tx.setStep(parent, { state: next }, ['waiting']);
      return;
    }
    if (definition.type !== 'loop') return;
    const index = child.index ?? 0;
    if (child.status !== 'succeeded') {
      const error = child.error ?? { code: 'internal', message: 'The iteration did not succeed', errorClass: null };
      return this.finishStep(tx, parent, {
        status: 'failed',
        error: { ...error, message: `Iteration ${index} failed: ${error.message}` },
      });
    }
    let done: boolean;
    try {
      const scope = await runScope(
        tx.store,
        tx.run,
        [...(plan.reads.get(parent.stepId) ?? [])].filter((id) => id !== parent.stepId),
      );
      scope.steps[parent.stepId] = { output: child.output, status: 'running' };
      done = (await this.evaluator.evaluate(definition.until, { ...scope, index })) === true;
    } catch (error) {
      return this.finishStep(tx, parent, { status: 'failed', error: toStepFailure(error).toError() });
    }
    if (done) return this.finishStep(tx, parent, { status: 'succeeded', output: child.output });
    if (index + 1 >= definition.maxIterations) {
      return this.finishStep(tx, parent, {
        status: 'failed',
        error: {
          code: 'loop_exhausted',
          message: `"until" was still false after ${definition.maxIterations} iterations`,
          errorClass: null,
        },
      });
    }
    const [iteration] = await tx.store.insertStepRuns([
      {
        runId: tx.run.id,
        workspaceId: tx.run.workspaceId,
        stepId: parent.stepId,
        key: `${parent.stepId}[${index + 1}]`,
        parentId: parent.id,
        index: index + 1,
        type: definition.step.type,
        status: 'queued',
        priority: tx.run.priority,
        dueAt: tx.now,
      },
    ]);
    if (iteration) tx.queue(iteration);
    await tx.setStep(parent, { state: { iteration: index + 1 } }, ['waiting']);
  }

  /** Every top-level step has ended: compute the outputs and end the run. */
  private async completeRun(tx: RunTransaction, plan: RunPlan): Promise<void> {
    let outputs: Record<string, unknown>;
    try {
      const scope = await runScope(tx.store, tx.run, plan.outputReads);
      outputs = (await this.evaluator.render(plan.definition.outputs ?? {}, scope)) as Record<string, unknown>;
    } catch (error) {
      const failure = toStepFailure(error);
      return this.failRun(tx, plan, { ...failure.toError(), message: `The outputs could not be computed: ${failure.message}` });
    }
    tx.setRun({ status: 'succeeded', outputs, finishedAt: tx.now });
    tx.emit('run.succeeded', null, { durationMs: tx.run.startedAt ? tx.now.getTime() - tx.run.startedAt.getTime() : null });
    await this.runEnded(tx, plan);
  }

  async failRun(tx: RunTransaction, plan: RunPlan, error: StepError): Promise<void> {
    await this.closeOpenSteps(tx);
    tx.fail(error);
    tx.emit('run.failed', null, { error });
    await this.runEnded(tx, plan);
  }

  /** Cancels the run (and its child runs); false when it had already ended. */
  async cancelRun(tx: RunTransaction, reason: string): Promise<boolean> {
    if (isTerminalRun(tx.run.status)) return false;
    const plan = await this.plan(tx);
    await this.closeOpenSteps(tx);
    tx.setRun({ status: 'cancelled', finishedAt: tx.now, error: { code: 'cancelled', message: reason, errorClass: null } });
    tx.emit('run.cancelled', null, { reason });
    await this.runEnded(tx, plan);
    return true;
  }

  /** Cancels every open step run of the run (items included), and the child runs they wait for. */
  private async closeOpenSteps(tx: RunTransaction): Promise<void> {
    const closed = await tx.store.updateRunSteps(tx.run.id, OPEN_STEP_STATUSES, {
      status: 'cancelled',
      leaseOwner: null,
      finishedAt: tx.now,
    });
    // Running attempts stop; a fleet step's task is cancelled after the commit (FleetStepPort.closed).
    tx.after.abort.push(...closed.filter((row) => row.status === 'running' || row.type === 'fleet').map((row) => row.id));
    for (const row of closed) {
      if (row.status === 'waiting' && row.childRunId) {
        const child = await tx.store.lockRun(row.childRunId);
        if (child && !isTerminalRun(child.status)) {
          const childTx = new RunTransaction(tx.store, { ...child, parentRunId: null }, tx.after, tx.now);
          await this.cancelRun(childTx, 'Its parent run ended');
          await childTx.flush();
        }
      }
    }
    if (closed.some((row) => row.status === 'running' || row.status === 'waiting' || row.status === 'queued')) {
      tx.emit('steps.cancelled', null, { steps: closed.filter((row) => row.parentId === null).map((row) => row.key) });
    }
    tx.closeAllSteps();
  }

  /** What follows a run's end: its parent step (for a child run) and the next queued runs of its pipeline. */
  private async runEnded(tx: RunTransaction, plan: RunPlan): Promise<void> {
    const { run } = tx;
    if (run.parentRunId && run.parentStepRunId) {
      const parentRun = await tx.store.lockRun(run.parentRunId);
      const parentStep = await tx.store.stepRun(run.parentStepRunId);
      if (parentRun && parentStep?.status === 'waiting' && !isTerminalRun(parentRun.status)) {
        const parentTx = new RunTransaction(tx.store, parentRun, tx.after, tx.now);
        const spend = { usage: run.usage, costUsd: run.costUsd, llmCalls: run.llmCalls };
        await this.finishStep(
          parentTx,
          parentStep,
          run.status === 'succeeded'
            ? { status: 'succeeded', output: run.outputs ?? {}, spend }
            : {
                status: 'failed',
                error: {
                  code: 'child_failed',
                  message: `Child run ${run.id} ${run.status}: ${run.error?.message ?? ''}`.trim(),
                  errorClass: null,
                },
                spend,
              },
        );
        await parentTx.flush();
      }
    }
    if (plan.definition.concurrency) await this.admit(tx, plan);
  }

  /** Starts queued runs of the pipeline while its concurrency allows, highest priority first. */
  async admit(tx: RunTransaction, plan: RunPlan): Promise<void> {
    const limit = plan.definition.concurrency?.max ?? Number.POSITIVE_INFINITY;
    const { pipelineId } = tx.run;
    await tx.store.lockPipeline(pipelineId);
    const keyed = plan.definition.concurrency?.key !== undefined;
    // The run ending now is still `running` in the table until this transaction writes it.
    const ending = tx.run.id;
    let free = keyed ? Number.POSITIVE_INFINITY : limit - (await tx.store.countRunning(pipelineId, undefined, ending));
    if (free <= 0) return;
    const full = new Set<string>();
    for (const queued of await tx.store.queuedRuns(pipelineId, 100)) {
      if (free <= 0) break;
      if (queued.id === tx.run.id) continue;
      if (keyed) {
        const key = queued.concurrencyKey ?? '';
        if (full.has(key)) continue;
        if ((await tx.store.countRunning(pipelineId, key, ending)) >= limit) {
          full.add(key);
          continue;
        }
      }
      const locked = await tx.store.lockRun(queued.id);
      if (locked?.status !== 'queued') continue;
      // Started now, after the pipeline's lock was granted: not at this transaction's earlier start.
      const queuedTx = new RunTransaction(tx.store, locked, tx.after, new Date(Math.max(Date.now(), tx.now.getTime())));
      await this.startRun(queuedTx, plan);
      await queuedTx.flush();
      free -= 1;
    }
  }

  /**
   * A queued run starts: its root steps are queued. A re-run, whose upstream steps were copied as
   * done, queues every pending step whose needs have settled instead.
   */
  async startRun(tx: RunTransaction, plan: RunPlan): Promise<void> {
    tx.setRun({ status: 'running', startedAt: tx.now });
    tx.emit('run.started');
    if (tx.run.openSteps === Object.keys(plan.definition.steps).length) {
      for (const root of await tx.store.stepRuns(tx.run.id, plan.graph.roots)) {
        await tx.setStep(root, { status: 'queued', dueAt: tx.now }, ['pending']);
      }
      return;
    }
    for (const stepId of plan.graph.order) await this.tryReady(tx, plan, stepId);
  }

  /**
   * Resumes a failed or cancelled run from where it stopped: its failed and cancelled steps (and the
   * items of a failed map or loop) start again, while every completed step keeps its output and never
   * runs again. False when the run has not ended or succeeded.
   */
  async resumeRun(tx: RunTransaction): Promise<boolean> {
    if (tx.run.status !== 'failed' && tx.run.status !== 'cancelled') return false;
    const plan = await this.plan(tx);
    const reopened = await tx.store.reopenSteps(tx.run.id);
    tx.setRun({ status: 'running', finishedAt: null, error: null });
    tx.reopenSteps(reopened);
    tx.emit('run.resumed', null, { steps: reopened });
    for (const stepId of plan.graph.order) await this.tryReady(tx, plan, stepId);
    return true;
  }
}
