import type { FleetRoutingRecord, FleetTask, StepError, StepErrorClass } from '@agent-fleet/contracts';
import { retryDelay } from './durations.js';
import type { PipelineEngine } from './engine.js';
import { fleetTaskOf } from './fleet-step.js';
import type { Spend } from './run-store.js';
import { retries, StepFailure } from './step-failure.js';
import { checkOutput, definitionOf } from './step-runner.js';

/** Fleet task errors the retry policy can name; the rest (a cancel, a tripped limit) fail the step at once. */
const TASK_ERROR_CLASSES: Record<string, StepErrorClass> = {
  task_timeout: 'timeout',
  provider_error: 'provider',
  rate_limited: 'rate_limited',
};

/** A fleet task's failure as the step's error. */
export function fleetTaskError(task: Pick<FleetTask, 'id' | 'status' | 'error'>): StepError {
  if (task.status === 'cancelled') {
    return { code: 'fleet_task_cancelled', message: `Fleet task ${task.id} was cancelled`, errorClass: null };
  }
  const code = task.error?.code ?? 'internal';
  return {
    code,
    message: `Fleet task ${task.id} failed: ${task.error?.message ?? 'no error recorded'}`,
    errorClass: TASK_ERROR_CLASSES[code] ?? null,
  };
}

/** A succeeded task as the step's output: the answer, and which member the fleet chose and why. */
export function fleetStepOutput(task: Pick<FleetTask, 'id' | 'output' | 'agentIds'>, routing: FleetRoutingRecord | null) {
  return {
    result: task.output ?? '',
    taskId: task.id,
    agentIds: task.agentIds,
    routing: routing && { strategy: routing.strategy, chosen: routing.chosen, reason: routing.reason },
  };
}

/** Where a parked step is, and its task as it ended (null: the task is gone, e.g. its fleet was deleted). */
export interface FleetStepEnd {
  runId: string;
  stepRunId: string;
  taskId: string;
  task: FleetTask | null;
  /** The task's latest routing record. */
  routing: FleetRoutingRecord | null;
}

/**
 * Settles a `fleet` step whose task has ended, exactly once: in the run's transaction, only while the
 * step still waits on that very task (a second notice, or one for a task the step no longer waits on,
 * changes nothing). Succeeded → the step's output (checked against its `output` schema); failed or
 * cancelled → the step fails with the task's error class, so its retry policy (a new attempt submits a
 * new task), `onError` and fallback apply. The task's spend becomes the step's, and so the run's.
 */
export async function settleFleetStep(engine: PipelineEngine, end: FleetStepEnd, random: () => number = Math.random) {
  await engine.inRun(end.runId, async (tx) => {
    const step = await tx.store.stepRun(end.stepRunId);
    if (step?.status !== 'waiting' || fleetTaskOf(step)?.fleetTaskId !== end.taskId) return;
    if (tx.run.status !== 'running') return;
    const { task } = end;
    if (task && (task.status === 'queued' || task.status === 'running')) return;
    const spend: Spend | undefined = task ? { usage: task.usage, costUsd: task.costUsd, llmCalls: task.llmCalls } : undefined;
    const plan = await engine.planFor(tx);
    const definition = definitionOf(plan, step);
    let error: StepError;
    if (task?.status === 'succeeded') {
      const output = fleetStepOutput(task, end.routing);
      try {
        checkOutput(definition.output, output);
        return await engine.transitions.finishStep(tx, step, { status: 'succeeded', output, spend });
      } catch (failure) {
        if (!(failure instanceof StepFailure)) throw failure;
        error = failure.toError();
      }
    } else {
      error = task
        ? fleetTaskError(task)
        : { code: 'fleet_task_missing', message: `Fleet task ${end.taskId} no longer exists`, errorClass: null };
    }
    const policy = plan.retryOf(definition);
    if (retries(policy.on, error.errorClass) && step.attempt < policy.maxAttempts) {
      const delayMs = retryDelay(policy, step.attempt, random);
      const { fleetTaskId: _task, fleetId: _fleet, ...state } = step.state ?? {};
      const retried = await tx.setStep(
        step,
        {
          status: 'queued',
          dueAt: new Date(tx.now.getTime() + delayMs),
          error,
          state,
          ...(spend ? { addSpend: spend } : {}),
        },
        ['waiting'],
      );
      if (retried) tx.emit('step.retrying', step.key, { attempt: step.attempt, error, delayMs });
      return;
    }
    await engine.transitions.finishStep(tx, step, { status: 'failed', error, spend });
  });
}
