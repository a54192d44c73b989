import { TaskState, type ListTasksRequest, type ListTasksResponse, type Task } from '@a2a-js/sdk';
import type { ServerCallContext, TaskStore } from '@a2a-js/sdk/server';
import type { FleetTask, FleetTaskDetail } from '@agent-fleet/contracts';
import { AppError, type FleetTaskService } from '@agent-fleet/core';
import { callerOf } from './a2a-caller.js';
import { FLEET_TASK_METADATA_KEY, placementMetadata } from './fleet-executor.js';
import { agentMessage, replyArtifact } from './task-publisher.js';

const OPEN_STATES: ReadonlySet<TaskState> = new Set([TaskState.TASK_STATE_SUBMITTED, TaskState.TASK_STATE_WORKING]);

/**
 * A fleet's A2A tasks: stored as an agent's are, but a task still open that no process here follows
 * (its server went away, or another server follows it) is read through its fleet task, which goes on
 * regardless and is the truth: once that has ended the A2A task is brought up to date and saved.
 */
export class FleetTaskStore implements TaskStore {
  constructor(
    private readonly stored: TaskStore,
    private readonly fleetTasks: FleetTaskService,
    private readonly followedHere: (taskId: string) => boolean,
  ) {}

  async load(taskId: string, context: ServerCallContext): Promise<Task | undefined> {
    const task = await this.stored.load(taskId, context);
    return task ? this.current(task, context) : undefined;
  }

  save(task: Task, context: ServerCallContext): Promise<void> {
    return this.stored.save(task, context);
  }

  async list(params: ListTasksRequest, context: ServerCallContext): Promise<ListTasksResponse> {
    const page = await this.stored.list(params, context);
    return { ...page, tasks: await Promise.all(page.tasks.map((task) => this.current(task, context))) };
  }

  private async current(task: Task, context: ServerCallContext): Promise<Task> {
    const fleetTaskId: unknown = task.metadata?.[FLEET_TASK_METADATA_KEY];
    const open = OPEN_STATES.has(task.status?.state ?? TaskState.TASK_STATE_UNSPECIFIED);
    if (!open || typeof fleetTaskId !== 'string' || this.followedHere(task.id)) return task;
    const caller = callerOf(context);
    const fleetTask = await this.fleetTasks.get(caller.workspaceId, caller.fleet.id, fleetTaskId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'not_found') return null;
      throw error;
    });
    if (!fleetTask) return task;
    const updated = asOf(task, fleetTask);
    if (updated !== task && !OPEN_STATES.has(updated.status?.state ?? TaskState.TASK_STATE_UNSPECIFIED)) {
      await this.stored.save(updated, context);
    }
    return updated;
  }
}

const STATE_OF: Record<FleetTask['status'], TaskState> = {
  queued: TaskState.TASK_STATE_SUBMITTED,
  running: TaskState.TASK_STATE_WORKING,
  succeeded: TaskState.TASK_STATE_COMPLETED,
  failed: TaskState.TASK_STATE_FAILED,
  cancelled: TaskState.TASK_STATE_CANCELED,
};

/** The A2A task as its fleet task stands; the same object when nothing changed. */
export function asOf(task: Task, fleetTask: FleetTaskDetail): Task {
  const state = STATE_OF[fleetTask.status];
  if (state === task.status?.state) return task;
  const metadata = { ...task.metadata, ...(fleetTask.attempt > 0 ? placementMetadata(fleetTask) : {}) };
  const timestamp = fleetTask.finishedAt ?? fleetTask.startedAt ?? new Date().toISOString();
  const text =
    fleetTask.status === 'succeeded'
      ? (fleetTask.output ?? '')
      : fleetTask.status === 'failed'
        ? (fleetTask.error?.message ?? 'The fleet task failed')
        : fleetTask.status === 'cancelled'
          ? 'The task was canceled'
          : undefined;
  return {
    ...task,
    metadata,
    status: { state, timestamp, message: text === undefined ? undefined : agentMessage(task.id, task.contextId, text) },
    artifacts: fleetTask.status === 'succeeded' && fleetTask.output ? [replyArtifact(fleetTask.output)] : task.artifacts,
  };
}
