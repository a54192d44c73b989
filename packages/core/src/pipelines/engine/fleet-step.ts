import type { BodyStep, Step } from '@agent-fleet/contracts';
import { AppError } from '../../app-error.js';
import type { StepRunRow } from './run-store.js';
import type { RunTransaction } from './run-transaction.js';
import { StepFailure } from './step-failure.js';

type FleetStep = Extract<Step | BodyStep, { type: 'fleet' }>;

/** A step run waiting for a fleet task: where to find both. */
export interface FleetStepRef {
  workspaceId: string;
  runId: string;
  stepRunId: string;
  fleetId: string;
  taskId: string;
}

/** One fleet task a `fleet` step submits. */
export interface FleetStepSubmission {
  workspaceId: string;
  /** The fleet's name (fleets have no versions or labels). */
  fleet: string;
  input: string | Record<string, unknown>;
  skills: string[];
  priority: number;
  /** Derived from the run, the step run and its attempt: a repeat after a crash finds the same task. */
  idempotencyKey: string;
  runId: string;
  stepRunId: string;
  stepKey: string;
}

/**
 * What the engine asks of fleets for `fleet` steps. The step submits one task, parks (`waiting`, taking no
 * worker slot) and is settled by its task's end; the implementation (`PipelineFleetSteps`) tells the
 * engine of that end, and reconciles what a crash between the two commits left.
 */
export interface FleetStepPort {
  /**
   * Submits the task, or finds the one this key already created. Throws AppError `not_found` (no such
   * fleet), `fleet_queue_full` (429) or `fleet_unavailable` (409, draining).
   */
  submit(request: FleetStepSubmission): Promise<{ taskId: string; fleetId: string }>;
  /** After the commit that parked a step on its task: the task may have ended before the step waited. */
  parked(ref: FleetStepRef): Promise<void>;
  /** After a commit that closed open steps (the run was cancelled or failed): their fleet tasks are cancelled. */
  closed(stepRunIds: readonly string[]): Promise<void>;
}

/** The state a parked fleet step keeps: its task. */
export interface FleetStepState {
  fleetTaskId: string;
  fleetId: string;
}

export const fleetTaskOf = (step: Pick<StepRunRow, 'state'>): FleetStepState | null => {
  const state = step.state as Partial<FleetStepState> | null;
  return typeof state?.fleetTaskId === 'string' && typeof state.fleetId === 'string'
    ? { fleetTaskId: state.fleetTaskId, fleetId: state.fleetId }
    : null;
};

/**
 * The attempt the idempotency key names: the step's attempt less the times its worker died running it. A
 * step re-queued after its server crashed mid-submission is claimed again with a higher attempt, but
 * must find the task it already submitted, not submit a second one; a retry after the task failed is a
 * new attempt and submits a new task.
 */
export function fleetAttempt(step: Pick<StepRunRow, 'attempt' | 'state'>): number {
  return step.attempt - Number(step.state?.leaseLost ?? 0);
}

export const fleetIdempotencyKey = (runId: string, step: Pick<StepRunRow, 'id' | 'attempt' | 'state'>): string =>
  `pipeline:${runId}:${step.id}:${fleetAttempt(step)}`;

/** A fleet's refusal as the step's failure: a full queue and a draining fleet are worth a retry later. */
function submissionFailure(error: AppError): StepFailure {
  if (error.code === 'fleet_queue_full') return new StepFailure('fleet_queue_full', error.message, 'rate_limited');
  if (error.code === 'fleet_unavailable') return new StepFailure('fleet_unavailable', error.message, 'unavailable');
  if (error.code === 'not_found') return new StepFailure('unknown_reference', error.message, null);
  return new StepFailure(error.code, error.message, null);
}

/**
 * Submits a claimed `fleet` step's task (outside any transaction) and says what to park on. The run's
 * budget is checked first, as before an agent step: the task's model calls count toward it.
 */
export async function submitFleetStep(
  port: FleetStepPort | undefined,
  definition: FleetStep,
  context: {
    workspaceId: string;
    runId: string;
    priority: number;
    step: StepRunRow;
    render(value: unknown): Promise<unknown>;
    checkBudget(): Promise<void>;
  },
): Promise<{ taskId: string; fleetId: string }> {
  if (!port) throw new StepFailure('unsupported', 'Fleet steps are not available here', null);
  const rendered = await context.render(definition.input);
  const input =
    typeof rendered === 'string' || (rendered !== null && typeof rendered === 'object' && !Array.isArray(rendered))
      ? (rendered as string | Record<string, unknown>)
      : JSON.stringify(rendered);
  if (typeof input === 'string' && input.trim() === '') throw new StepFailure('invalid_input', '"input" is empty', null);
  await context.checkBudget();
  try {
    return await port.submit({
      workspaceId: context.workspaceId,
      fleet: definition.fleet,
      input,
      skills: definition.skills ?? [],
      priority: context.priority,
      idempotencyKey: fleetIdempotencyKey(context.runId, context.step),
      runId: context.runId,
      stepRunId: context.step.id,
      stepKey: context.step.key,
    });
  } catch (error) {
    if (error instanceof AppError) throw submissionFailure(error);
    throw error;
  }
}

/** Parks a running `fleet` step on its task: it waits, holding no worker slot, until the task ends. */
export async function parkFleetStep(
  tx: RunTransaction,
  step: StepRunRow,
  task: { taskId: string; fleetId: string },
  input: unknown,
  owner: string,
): Promise<void> {
  const state: Record<string, unknown> = { ...step.state, fleetTaskId: task.taskId, fleetId: task.fleetId };
  const waiting = await tx.setStep(step, { status: 'waiting', leaseOwner: null, input, state }, ['running'], owner);
  if (waiting) tx.emit('step.waiting', step.key, { fleetTaskId: task.taskId, fleetId: task.fleetId });
}
