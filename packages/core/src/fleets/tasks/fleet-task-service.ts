import {
  MAX_FLEET_TASK_TREE_NODES,
  type FleetRoutingListQuery,
  type FleetRoutingRecord,
  type FleetTask,
  type FleetTaskDetail,
  type FleetTaskListQuery,
  type FleetTaskSubmitInput,
  type FleetTaskTree,
  type Page,
} from '@agent-fleet/contracts';
import { AppError, notFound } from '../../app-error.js';
import type { LiveEvents } from '../../live-events.js';
import type { Tracing } from '../../ports/tracing.js';
import { decodeCursor, pageAfter } from '../../cursor.js';
import type { UnitOfWork } from '../../unit-of-work.js';
import type { FleetRepository } from '../registry/fleet-repository.js';
import type {
  FleetPlacementView,
  FleetTaskPipelineStep,
  FleetTaskRef,
  FleetTaskRepository,
  LockedFleet,
} from './fleet-task-repository.js';
import { placeOnSubmit, type PlacedTask, type PlacementOptions } from './placement.js';
import { buildTaskTree } from './task-tree.js';

const TASK_SORT = '-createdAt';

/** What a submission's transaction did: the task, whether it is new, and its placement when placed at once. */
interface Submitted {
  task: FleetTask;
  created: boolean;
  placed: PlacedTask | null;
}
const ROUTING_SORT = '-createdAt';

/** What the service asks of the dispatcher, after its commits. */
export interface FleetTaskDispatch {
  /**
   * The lease a task placed as it is submitted runs under (this process runs it); null while the
   * dispatcher runs nothing (not started, or stopping), so tasks go to the queue for whoever does.
   */
  leaseForSubmit(): Pick<PlacementOptions, 'workerId' | 'leaseMs'> | null;
  /** Runs a task placed as it was submitted, after that commit. */
  run(workspaceId: string, placed: PlacedTask): void;
  dispatch(refs: readonly FleetTaskRef[]): Promise<void>;
  abort(taskId: string): void;
  kick(fleetId: string): Promise<void>;
}

export interface FleetTaskServiceDependencies {
  unitOfWork: UnitOfWork;
  /** Reads outside a transaction. */
  tasks: FleetTaskRepository;
  fleets: Pick<FleetRepository, 'findById'>;
  dispatcher: FleetTaskDispatch;
  /** Told of each task queued or cancelled (`fleet.task`), for live views. Default: nobody. */
  live?: LiveEvents;
  /** Told after a task was cancelled (a pipeline step waiting for it fails). */
  onTaskEnded?: (workspaceId: string, task: FleetTask) => Promise<void>;
  /** Stores the submitting span on each task, for its attempts' spans (`traceFleetAttempt`). Default: none. */
  tracing?: Tracing;
}

/**
 * Work submitted to a fleet: each task is a row first (idempotency, the queue limit and the insert in
 * one transaction under the fleet's row lock). When nothing of the fleet waits and a member is free, the
 * same transaction places it (`placeOnSubmit`) and this process runs it once that has committed;
 * otherwise it is sent to the queue after the commit. Running and recording are the dispatcher's.
 */
export class FleetTaskService {
  constructor(private readonly deps: FleetTaskServiceDependencies) {}

  /**
   * Queues a task, or places it at once (answered `running`) when nothing of the fleet waits and a member
   * can take it. The same idempotency key answers the task it first created (`created: false`). A
   * draining fleet refuses new work (409 `fleet_unavailable`); a paused one queues it until resumed. A
   * task that would have to wait while `queueLimit` tasks already wait is refused with 429
   * `fleet_queue_full`, and nothing is stored.
   */
  async submit(
    workspaceId: string,
    fleetId: string,
    input: FleetTaskSubmitInput,
    headerKey?: string,
    pipelineStep?: FleetTaskPipelineStep,
  ): Promise<{ task: FleetTask; created: boolean }> {
    if (headerKey !== undefined && input.idempotencyKey !== undefined && headerKey !== input.idempotencyKey) {
      throw new AppError('validation_failed', 'The body idempotencyKey and the Idempotency-Key header disagree', {
        errors: [{ path: 'idempotencyKey', message: 'Differs from the Idempotency-Key header', code: 'mismatch' }],
      });
    }
    const key = input.idempotencyKey ?? headerKey ?? null;
    const lease = this.deps.dispatcher.leaseForSubmit();
    // Read here, in the submitter's context (a request, or a pipeline step attempt).
    const traceContext = this.deps.tracing?.active() ?? null;
    const outcome = await this.deps.unitOfWork.transaction(async ({ fleetTasks }): Promise<Submitted> => {
      const fleet = await fleetTasks.lockFleet(workspaceId, fleetId);
      if (!fleet) throw notFound('Fleet', fleetId);
      if (key !== null) {
        const existing = await fleetTasks.findByIdempotencyKey(workspaceId, fleetId, key);
        if (existing) return { task: existing, created: false, placed: null };
      }
      if (fleet.adminState === 'draining') {
        throw new AppError('fleet_unavailable', `${fleet.name} is draining and takes no new tasks; resume it first`);
      }
      const insert = {
        input: input.input,
        skills: input.skills,
        priority: input.priority,
        idempotencyKey: key,
        ...(pipelineStep ? { pipelineStep } : {}),
        ...(traceContext === null ? {} : { traceContext }),
      };
      const view = await fleetTasks.placementView(workspaceId, fleetId);
      const placed = lease ? await placeOnSubmit(fleetTasks, workspaceId, fleet, view, insert, lease) : null;
      if (placed) return { task: placed.task, created: true, placed };
      const waiting = view.counts.queued;
      if (waiting >= fleet.queueLimit + freeSlots(fleet, view)) {
        throw new AppError(
          'fleet_queue_full',
          `${fleet.name} is at capacity and ${waiting} tasks wait already (its queueLimit is ${fleet.queueLimit}); submit again later`,
          { headers: { 'Retry-After': '5' } },
        );
      }
      return { task: await fleetTasks.insert(workspaceId, fleetId, insert), created: true, placed: null };
    });
    const { task, created, placed } = outcome;
    if (created) {
      // A placed task starts before anyone is told.
      if (placed) this.deps.dispatcher.run(workspaceId, placed);
      await this.announce(workspaceId, task);
      if (!placed) {
        await this.deps.dispatcher.dispatch([
          { id: task.id, workspaceId, fleetId, priority: task.priority, attempt: task.attempt },
        ]);
      }
    }
    return { task, created };
  }

  /** Newest first; `status` filters. */
  async list(workspaceId: string, fleetId: string, query: FleetTaskListQuery): Promise<Page<FleetTask>> {
    await this.requireFleet(workspaceId, fleetId);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, TASK_SORT, 'timestamp');
    const { items, ...total } = await this.deps.tasks.list(workspaceId, fleetId, {
      limit: query.limit,
      ...(query.status ? { status: query.status } : {}),
      ...(after ? { after } : {}),
    });
    return { ...pageAfter(items, query.limit, TASK_SORT, (task) => task.createdAt), ...total };
  }

  /** The task with every routing record of it, oldest first. */
  async get(workspaceId: string, fleetId: string, taskId: string): Promise<FleetTaskDetail> {
    const task = await this.requireTask(workspaceId, fleetId, taskId);
    return { ...task, routing: await this.deps.tasks.routingOfTask(workspaceId, taskId) };
  }

  /**
   * The task as a waterfall: every agent task it placed and every task those delegated, from the moment
   * each starts, with the routing reason of each placement and the cost per agent (at most
   * `MAX_FLEET_TASK_TREE_NODES`).
   */
  async tree(workspaceId: string, fleetId: string, taskId: string): Promise<FleetTaskTree> {
    const task = await this.requireTask(workspaceId, fleetId, taskId);
    const [routing, { tasks, truncated }] = await Promise.all([
      this.deps.tasks.routingOfTask(workspaceId, taskId),
      this.deps.tasks.agentTaskTree(workspaceId, task.id, MAX_FLEET_TASK_TREE_NODES),
    ]);
    return buildTaskTree(task, routing, tasks, truncated);
  }

  /** Cancels a queued or running task (a running attempt is stopped); 409 `conflict` once it has ended. */
  async cancel(workspaceId: string, fleetId: string, taskId: string): Promise<FleetTask> {
    await this.requireTask(workspaceId, fleetId, taskId);
    const cancelled = await this.deps.unitOfWork.transaction(({ fleetTasks }) => fleetTasks.cancel(workspaceId, fleetId, taskId));
    if (!cancelled) throw new AppError('conflict', 'The task has already ended');
    await this.announce(workspaceId, cancelled.task);
    if (cancelled.wasRunning) {
      this.deps.dispatcher.abort(taskId);
      await this.deps.dispatcher.kick(fleetId);
    }
    if (cancelled.task.pipelineStep) await this.deps.onTaskEnded?.(workspaceId, cancelled.task);
    return cancelled.task;
  }

  private async announce(workspaceId: string, task: FleetTask): Promise<void> {
    await this.deps.live?.announce(workspaceId, 'fleet.task', {
      fleetId: task.fleetId,
      taskId: task.id,
      status: task.status,
      agentIds: task.agentIds,
    });
  }

  /** The fleet's routing records, newest first; with `taskId`, only that task's. */
  async listRouting(workspaceId: string, fleetId: string, query: FleetRoutingListQuery): Promise<Page<FleetRoutingRecord>> {
    await this.requireFleet(workspaceId, fleetId);
    if (query.taskId !== undefined) await this.requireTask(workspaceId, fleetId, query.taskId);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, ROUTING_SORT, 'timestamp');
    const { items, ...total } = await this.deps.tasks.listRouting(workspaceId, fleetId, {
      limit: query.limit,
      ...(query.taskId ? { taskId: query.taskId } : {}),
      ...(after ? { after } : {}),
    });
    return { ...pageAfter(items, query.limit, ROUTING_SORT, (record) => record.createdAt), ...total };
  }

  private async requireFleet(workspaceId: string, fleetId: string): Promise<void> {
    if (!(await this.deps.fleets.findById(workspaceId, fleetId))) throw notFound('Fleet', fleetId);
  }

  private async requireTask(workspaceId: string, fleetId: string, taskId: string): Promise<FleetTask> {
    await this.requireFleet(workspaceId, fleetId);
    const task = await this.deps.tasks.find(workspaceId, fleetId, taskId);
    if (!task) throw notFound('Task', taskId);
    return task;
  }
}

/**
 * Tasks the fleet could start now: its free slots, bounded by what its active members can still take.
 * A paused fleet has none, so everything it is sent waits and counts against `queueLimit`.
 */
function freeSlots(fleet: LockedFleet, { counts, members }: FleetPlacementView): number {
  if (fleet.adminState !== 'active') return 0;
  const memberRoom = members
    .filter((member) => member.adminState === 'active')
    .reduce((room, member) => room + Math.max(0, member.maxConcurrent - member.inFlight), 0);
  return Math.max(0, Math.min(fleet.maxConcurrency - counts.running, memberRoom));
}
