import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ZERO_USAGE, type FleetStrategy, type FleetTask, type FleetTaskError } from '@agent-fleet/contracts';
import type { LiveEvents } from '../../live-events.js';
import { parseDuration } from '../../pipelines/engine/durations.js';
import type { Tracing } from '../../ports/tracing.js';
import type { WorkConsumer, WorkDelivery, WorkQueue } from '../../ports/work-queue.js';
import { auditEvent, type AuditActor } from '../../security/audit-service.js';
import type { Repositories, UnitOfWork } from '../../unit-of-work.js';
import type { FleetRepository } from '../registry/fleet-repository.js';
import { eligibleMembers } from '../strategies/eligibility.js';
import { askManager, type ManagerChooser } from '../strategies/manager.js';
import type { StrategyPriceCatalogue } from '../strategies/types.js';
import type {
  FleetAttemptSpend,
  FleetTaskEnd,
  FleetTaskRef,
  FleetTaskRepository,
  PlacementMember,
} from './fleet-task-repository.js';
import { traceFleetAttempt } from './fleet-task-tracing.js';
import { agentManagerChooser } from './manager-chooser.js';
import { placeTask, type PlacedTask, type PlacementOptions } from './placement.js';
import { executeAttempt, type AttemptResult, type EndInCommit, type ExecutionDependencies } from './task-execution.js';

export const FLEET_TASK_JOB_KIND = 'fleet.task';

/** A task whose worker died this many times is failed `lease_lost` instead of re-queued again. */
const MAX_LEASE_LOSSES = 3;
/**
 * Queued tasks the sweeper tries beyond a fleet's free slots, so tasks no free member can take do not
 * block the rest; a task's end sends only as many as there are free slots.
 */
const SWEEP_SLACK = 10;
const SYSTEM: AuditActor = { principal: null, ip: null };

/** Why a local attempt was stopped from here. */
const STOPPING = 'stopping';
const CANCELLED = 'cancelled';

export interface FleetDispatcherOptions extends ExecutionDependencies {
  /** This process, as the owner of the leases it holds. Default: host, pid and a random suffix. */
  workerId?: string;
  unitOfWork: UnitOfWork;
  /** Fleet tasks outside any transaction. */
  tasks: FleetTaskRepository;
  fleets: Pick<FleetRepository, 'findById'>;
  /** The pipeline engine's queue: a job carries a task's id, the row stays the truth. */
  queue: WorkQueue;
  /** Prices of the members' models for `cost_aware`. Default: none, so every member is unpriced. */
  prices?: (workspaceId: string, members: readonly PlacementMember[]) => Promise<StrategyPriceCatalogue>;
  /**
   * Asks a `manager` fleet's manager. Default: the fleet's manager member's agent, asked through the task
   * runner (`agentManagerChooser`).
   */
  manager?: ManagerChooser;
  /**
   * Placements this process runs at once (attempts run apart from them). Default 1: placements are short
   * transactions, and one at a time they follow the queue's priority order exactly.
   */
  placements?: number;
  /** A running task's lease; a worker that has not renewed it for this long is dead. Default 15 s. */
  leaseMs?: number;
  /** How often leases are renewed and cancellations elsewhere noticed. Default 5 s. */
  heartbeatMs?: number;
  /** How often expired leases, waiting tasks and settled drains are looked for. Default 2 s. */
  sweepMs?: number;
  log?: { warn(data: object, message: string): void; error(data: object, message: string): void };
  /** Told of each placement and each attempt's end (`fleet.task`), for live views. Default: nobody. */
  live?: LiveEvents;
  /** Told after an attempt of a task a pipeline step submitted was recorded (`PipelineFleetSteps.taskEnded`). */
  onTaskEnded?: (workspaceId: string, task: FleetTask) => Promise<void>;
  /** Runs at the end of each sweep (`PipelineFleetSteps.reconcile`). */
  onSweep?: () => Promise<void>;
  /** Puts each attempt in a `fleet.task` span under the span that submitted the task. Default: no tracing. */
  tracing?: Tracing;
}

interface LocalAttempt {
  controller: AbortController;
  done: Promise<void>;
}

/** What becomes of a task once an attempt has returned, as its result and the signals say. */
type Outcome =
  /** The server stops: back to the queue for the next worker (an agent task may run again). */
  | { kind: 'stopping' }
  /** Cancelled meanwhile: the cancel ended the task; only the attempt's spend is added. */
  | { kind: 'cancelled' }
  /** Its member stopped taking work after placement: placed again, eligibility now skips it. */
  | { kind: 'requeue' }
  /** Its member failed under `cost_aware` escalation: placed again past it, unless nobody else is left. */
  | { kind: 'escalate'; failedAgentId: string; error: FleetTaskError | null }
  /** It ends, with this error (null: succeeded). */
  | { kind: 'end'; error: FleetTaskError | null };

/**
 * Places fleet tasks and runs them, durably: the rows are the truth and the queue carries only ids. A
 * queued task's job is sent after the commit that queued it; its delivery places it under the fleet's
 * row lock (`placeTask`) and, after that commit, runs the attempt under a lease this worker renews. A
 * task's end frees capacity, so the fleet's waiting tasks are sent again; a sweeper re-queues the tasks
 * of workers whose lease expired, re-sends waiting tasks (a paused member or fleet resumed, a job the
 * transport lost) and pauses draining fleets once nothing runs.
 */
export class FleetDispatcher {
  readonly workerId: string;
  private readonly local = new Map<string, LocalAttempt>();
  private consumer: WorkConsumer | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private readonly leaseMs: number;
  /** Started and not stopping: runs what it places, and what a submission placed here. */
  private accepting = false;

  constructor(private readonly options: FleetDispatcherOptions) {
    this.leaseMs = options.leaseMs ?? 15_000;
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  async start(): Promise<void> {
    this.consumer = this.options.queue.consume(FLEET_TASK_JOB_KIND, (delivery) => this.onDelivery(delivery), {
      concurrency: this.options.placements ?? 1,
      maxAttempts: 3,
      onFailed: (delivery, error) =>
        this.options.log?.error({ err: error, job: delivery.job.id }, 'A fleet task placement failed three times'),
    });
    this.accepting = true;
    this.heartbeatTimer = setInterval(() => void this.guard(this.heartbeat(), 'heartbeat'), this.options.heartbeatMs ?? 5000);
    this.heartbeatTimer.unref();
    this.sweepTimer = setInterval(() => void this.sweep(), this.options.sweepMs ?? 2000);
    this.sweepTimer.unref();
    await this.sweep();
  }

  /** Takes no new work; attempts in flight stop and go back to the queue for the next worker. */
  async stop(): Promise<void> {
    this.accepting = false;
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await this.sweeping;
    await this.consumer?.stop();
    this.consumer = null;
    for (const attempt of this.local.values()) attempt.controller.abort(STOPPING);
    await Promise.all([...this.local.values()].map((attempt) => attempt.done));
  }

  /** The lease a task placed as it is submitted runs under here; null while this dispatcher runs nothing. */
  leaseForSubmit(): Pick<PlacementOptions, 'workerId' | 'leaseMs'> | null {
    return this.accepting ? { workerId: this.workerId, leaseMs: this.leaseMs } : null;
  }

  /**
   * Runs a task a submission placed (after its commit). One that arrives as this dispatcher stops goes
   * back to the queue, as its running attempts do.
   */
  run(workspaceId: string, placed: PlacedTask): void {
    if (this.accepting) {
      this.launch(workspaceId, placed);
      return;
    }
    const { task } = placed;
    void this.guard(
      this.options.tasks.requeue(task.id, task.attempt, this.workerId, null, NO_SPEND).then(() => undefined),
      'hand-back of a placed task',
    );
  }

  /** Sends queued tasks to the queue (after the commit that queued them); a job already waiting is not sent twice. */
  async dispatch(refs: readonly FleetTaskRef[]): Promise<void> {
    await Promise.all(
      refs.map((ref) =>
        this.options.queue.enqueue({
          id: `${ref.id}:${ref.attempt}`,
          kind: FLEET_TASK_JOB_KIND,
          workspaceId: ref.workspaceId,
          priority: ref.priority,
          payload: { taskId: ref.id, fleetId: ref.fleetId },
        }),
      ),
    );
  }

  /** Sends the fleet's waiting tasks that its free slots (plus `slack`) may take. */
  async kick(fleetId: string, slack = 0): Promise<void> {
    await this.dispatch(await this.options.tasks.dispatchable(fleetId, slack));
  }

  /** Stops a task this process runs (it was cancelled); elsewhere, that worker's heartbeat notices. */
  abort(taskId: string): void {
    this.local.get(taskId)?.controller.abort(CANCELLED);
  }

  /** Task ids this process runs now. */
  running(): string[] {
    return [...this.local.keys()];
  }

  private async onDelivery(delivery: WorkDelivery): Promise<void> {
    const { taskId, fleetId } = delivery.job.payload as { taskId: string; fleetId: string };
    const workspaceId = delivery.job.workspaceId;
    const fleet = await this.options.fleets.findById(workspaceId, fleetId);
    if (!fleet) return;
    const startedAt = performance.now();
    const extra = await this.decisionInputs(workspaceId, fleetId, fleet.strategy, fleet.limits.taskTimeout, taskId);
    const options: PlacementOptions = {
      workerId: this.workerId,
      leaseMs: this.leaseMs,
      decidedBeforeMs: performance.now() - startedAt,
      ...extra,
    };
    const placement = await this.options.unitOfWork.transaction((repositories) =>
      placeTask(repositories, workspaceId, fleetId, taskId, options),
    );
    if (!placement.placed) return;
    await this.announce(workspaceId, placement.task);
    this.launch(workspaceId, placement);
  }

  /**
   * What the strategy needs from outside the database, read before the placement's transaction so that
   * no lock is held across a model call: the members' prices for `cost_aware`, the manager's choice.
   */
  private async decisionInputs(
    workspaceId: string,
    fleetId: string,
    strategy: FleetStrategy,
    taskTimeout: string,
    taskId: string,
  ): Promise<Pick<PlacementOptions, 'prices' | 'managerChoice'>> {
    const { prices, tasks } = this.options;
    if (strategy.type === 'cost_aware' && prices) {
      return { prices: await prices(workspaceId, await tasks.placementMembers(workspaceId, fleetId)) };
    }
    if (strategy.type === 'manager') {
      const task = await tasks.find(workspaceId, fleetId, taskId);
      if (task?.status !== 'queued') return {};
      const members = await tasks.placementMembers(workspaceId, fleetId);
      const head = members.find((member) => member.role === 'manager');
      const manager = this.options.manager ?? (head ? agentManagerChooser(this.options, workspaceId, head.agentId) : null);
      const { eligible } = eligibleMembers(members, task.skills);
      if (!manager || eligible.length === 0) return {};
      const routing = { requiredSkills: task.skills, requestedSkills: task.skills, failedAgentIds: [], input: task.input };
      // Bounded like the task itself: a manager that never answers must not stop placements.
      const signal = AbortSignal.timeout(parseDuration(taskTimeout));
      return { managerChoice: await askManager(manager, eligible, routing, signal) };
    }
    return {};
  }

  /** Runs a placed attempt apart from the queue's slot, so long tasks never hold back placements. */
  private launch(workspaceId: string, placed: PlacedTask): void {
    const { task } = placed;
    const taskTimeout = placed.fleet.limits.taskTimeout;
    const controller = new AbortController();
    const timeout = AbortSignal.timeout(parseDuration(taskTimeout));
    const signal = AbortSignal.any([controller.signal, timeout]);
    const outcome = (result: AttemptResult | null) =>
      outcomeOf(placed.fleet.strategy, result, controller.signal, timeout, taskTimeout);
    const attempt = { controller, done: Promise.resolve() };
    attempt.done = traceFleetAttempt(this.options.tracing, placed, () =>
      executeAttempt(this.options, workspaceId, placed, signal, this.endInCommit(task, outcome)),
    )
      .then(
        (result) => this.settle(workspaceId, task, result, outcome(result)),
        (error: unknown) => {
          this.options.log?.error({ err: error, task: task.id }, 'A fleet task attempt failed unexpectedly');
          return this.settle(workspaceId, task, null, outcome(null));
        },
      )
      .catch((error: unknown) => this.options.log?.error({ err: error, task: task.id }, 'Recording a fleet task end failed'))
      // Only if still this attempt's: the task may already be running again here (re-queued by `settle`).
      .finally(() => {
        if (this.local.get(task.id) === attempt) this.local.delete(task.id);
      });
    this.local.set(task.id, attempt);
  }

  /**
   * Ends the task in its agent task's last transaction when the attempt's outcome is an end then; a stop,
   * a cancel or an escalation is left to `settle` (an escalation must read who else is left).
   */
  private endInCommit(task: FleetTask, outcome: (result: AttemptResult) => Outcome): EndInCommit {
    return async (result, { fleetTasks }: Repositories) => {
      const decided = outcome(result);
      if (decided.kind !== 'end') return null;
      return fleetTasks.finish(task.id, task.attempt, this.workerId, endOf(result, decided.error));
    };
  }

  /** Records how the attempt ended (unless its agent task's commit did), then lets waiting tasks take the freed capacity. */
  private async settle(workspaceId: string, task: FleetTask, result: AttemptResult | null, outcome: Outcome): Promise<void> {
    const { tasks } = this.options;
    const spend = spendOf(result);
    let now: Pick<FleetTask, 'id' | 'fleetId' | 'status' | 'agentIds'> | null = result?.ended ?? null;
    const requeue = async (failedAgentId: string | null) => {
      const ref = await tasks.requeue(task.id, task.attempt, this.workerId, failedAgentId, spend);
      if (ref) await this.dispatch([ref]);
      return ref ? { ...task, status: 'queued' as const, agentIds: [] } : null;
    };
    if (now === null) {
      switch (outcome.kind) {
        case 'stopping':
          await tasks.requeue(task.id, task.attempt, this.workerId, null, spend);
          return;
        case 'cancelled':
          await tasks.addCancelledSpend(task.id, spend);
          now = { ...task, status: 'cancelled' };
          break;
        case 'requeue':
          now = await requeue(null);
          break;
        case 'escalate':
          now = (await this.othersLeft(workspaceId, task, outcome.failedAgentId))
            ? await requeue(outcome.failedAgentId)
            : await tasks.finish(task.id, task.attempt, this.workerId, endOf(result, outcome.error));
          break;
        case 'end':
          now = await tasks.finish(task.id, task.attempt, this.workerId, endOf(result, outcome.error));
      }
    }
    // A pipeline step waits for it (a re-queued task is still open, which the step's side checks).
    if (task.pipelineStep) await this.options.onTaskEnded?.(workspaceId, task);
    // Ended, or queued again: as written just now.
    if (now) await this.announce(workspaceId, now);
    await this.kick(task.fleetId);
    await this.settleDrain(workspaceId, task.fleetId);
  }

  private async announce(workspaceId: string, task: Pick<FleetTask, 'id' | 'fleetId' | 'status' | 'agentIds'>): Promise<void> {
    await this.options.live?.announce(workspaceId, 'fleet.task', {
      fleetId: task.fleetId,
      taskId: task.id,
      status: task.status,
      agentIds: task.agentIds,
    });
  }

  /** Whether a member that has not failed this task is still in the fleet (else escalation has run out). */
  private async othersLeft(workspaceId: string, task: FleetTask, failedAgentId: string): Promise<boolean> {
    const failed = new Set([...(await this.options.tasks.failedAgentIds(task.id)), failedAgentId]);
    const members = await this.options.tasks.placementMembers(workspaceId, task.fleetId);
    return members.some((member) => !failed.has(member.agentId));
  }

  /** A draining fleet with nothing running becomes paused (recorded as the system's change). */
  private async settleDrain(workspaceId: string, fleetId: string): Promise<void> {
    const fleet = await this.options.fleets.findById(workspaceId, fleetId);
    if (fleet?.adminState !== 'draining') return;
    await this.options.unitOfWork.transaction(async ({ fleetTasks, fleets, audit }) => {
      const locked = await fleetTasks.lockFleet(workspaceId, fleetId);
      if (locked?.adminState !== 'draining' || (await fleetTasks.openCounts(fleetId)).running > 0) return;
      await fleets.update(workspaceId, fleetId, { adminState: 'paused' });
      await audit.insert({
        ...auditEvent(workspaceId, SYSTEM, {
          action: 'fleet.admin_state_changed',
          targetType: 'fleet',
          targetId: fleetId,
          metadata: { name: locked.name, from: 'draining', to: 'paused', reason: 'drained: nothing in flight', automatic: true },
        }),
        actorLabel: 'system',
      });
    });
  }

  /** Renews this worker's leases and stops local attempts whose task was cancelled (or taken) elsewhere. */
  private async heartbeat(): Promise<void> {
    const { tasks } = this.options;
    await tasks.renewLeases(this.workerId, this.leaseMs);
    for (const taskId of await tasks.lostLeases(this.workerId, this.running())) this.abort(taskId);
  }

  /** One pass; passes never overlap. */
  sweep(): Promise<void> {
    this.sweeping ??= this.guard(this.pass(), 'sweep').finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  private async pass(): Promise<void> {
    const { tasks } = this.options;
    const released = await tasks.releaseExpired(MAX_LEASE_LOSSES, 200);
    if (released.length > 0) {
      this.options.log?.warn({ tasks: released.length }, 'Fleet tasks of a dead worker were re-queued');
      await this.dispatch(released);
    }
    for (const { fleetId } of await tasks.fleetsWithQueued(100)) await this.kick(fleetId, SWEEP_SLACK);
    for (const { workspaceId, fleetId } of await tasks.settledDrains(100)) await this.settleDrain(workspaceId, fleetId);
    await this.options.onSweep?.();
  }

  private async guard(work: Promise<void>, what: string): Promise<void> {
    await work.catch((error: unknown) => this.options.log?.error({ err: error }, `The fleet dispatcher's ${what} failed`));
  }
}

const escalates = (strategy: FleetStrategy): boolean => strategy.type === 'cost_aware' && strategy.escalateOnFailure;

const NO_SPEND: FleetAttemptSpend = { agentTaskIds: [], usage: ZERO_USAGE, costUsd: 0, llmCalls: 0 };

/** What an attempt spent and ran (nothing known when it failed unexpectedly). */
const spendOf = (result: AttemptResult | null): FleetAttemptSpend =>
  result
    ? {
        agentTaskIds: result.agentTaskIds,
        usage: result.spent.usage,
        costUsd: result.spent.costUsd,
        llmCalls: result.spent.llmCalls,
      }
    : NO_SPEND;

/**
 * What becomes of the task after an attempt (`result` null: it failed unexpectedly). Read twice: in the
 * agent task's last transaction (where only an end is recorded) and after the attempt returned.
 */
function outcomeOf(
  strategy: FleetStrategy,
  result: AttemptResult | null,
  stopped: AbortSignal,
  timeout: AbortSignal,
  taskTimeout: string,
): Outcome {
  if (stopped.aborted) return { kind: stopped.reason === STOPPING ? 'stopping' : 'cancelled' };
  if (timeout.aborted) {
    return {
      kind: 'end',
      error: { code: 'task_timeout', message: `The task took longer than the fleet's taskTimeout (${taskTimeout})` },
    };
  }
  if (result === null) return { kind: 'end', error: { code: 'internal_error', message: 'The task failed unexpectedly' } };
  if (result.unavailable) return { kind: 'requeue' };
  if (result.failedAgentId && escalates(strategy))
    return { kind: 'escalate', failedAgentId: result.failedAgentId, error: result.error };
  return { kind: 'end', error: result.error };
}

/** The task's end: its attempt's spend, and the output when it succeeded. */
const endOf = (result: AttemptResult | null, error: FleetTaskError | null): FleetTaskEnd => ({
  ...spendOf(result),
  status: error ? 'failed' : 'succeeded',
  output: error ? null : (result?.output ?? ''),
  error,
});
