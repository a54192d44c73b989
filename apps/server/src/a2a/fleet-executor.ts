import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Message } from '@a2a-js/sdk';
import { RequestMalformedError, UnsupportedOperationError } from '@a2a-js/sdk/errors';
import type { AgentExecutor, ExecutionEventBus, RequestContext } from '@a2a-js/sdk/server';
import { FleetTaskSubmitSchema, type FleetTask, type FleetTaskDetail } from '@agent-fleet/contracts';
import { AppError, type FleetTaskService } from '@agent-fleet/core';
import type { Logger } from 'pino';
import { callerOf, type A2ACaller } from './a2a-caller.js';
import { TaskPublisher } from './task-publisher.js';
import { turnInput } from './turn-input.js';

/** How often a running A2A task reads its fleet task's row (the row is the truth, on any server). */
export const FLEET_TASK_POLL_MS = 250;

export interface FleetExecutorOptions {
  fleetTasks: FleetTaskService;
  logger: Logger;
  /** Default FLEET_TASK_POLL_MS. */
  pollMs?: number;
}

interface RunningFleetTask {
  workspaceId: string;
  fleetId: string;
  fleetTaskId: string;
  stop: AbortController;
}

/** The A2A task's metadata that names its fleet task. */
export const FLEET_TASK_METADATA_KEY = 'fleetTaskId';

/**
 * Runs an A2A message to a fleet as one fleet task: submitted (placement, routing record, limits and
 * all) by the same FleetTaskService as `POST /fleets/{id}/tasks`, before the SDK makes an A2A task of
 * it, so a draining fleet or a full queue is an A2A error the client sees; then followed until it ends.
 * Its answer becomes the task's reply; its failure the failed status's reason.
 */
export class FleetExecutor implements AgentExecutor {
  /** Fleet tasks submitted for a message whose A2A task has not started yet, by workspace, fleet and message. */
  private readonly submitted = new Map<string, FleetTask>();
  private readonly running = new Map<string, RunningFleetTask>();

  constructor(private readonly options: FleetExecutorOptions) {}

  /**
   * Submits the message as a fleet task. Text and data parts make its input (as for an agent); the
   * message's `metadata.skills` and `metadata.priority`, when given, are the task's.
   */
  async submit(caller: A2ACaller, message: Message): Promise<void> {
    const parsed = FleetTaskSubmitSchema.safeParse({
      input: turnInput(message),
      ...pick(message.metadata, 'skills'),
      ...pick(message.metadata, 'priority'),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new RequestMalformedError(`${issue?.path.join('.') || 'message'}: ${issue?.message ?? 'invalid'}`);
    }
    try {
      const { task } = await this.options.fleetTasks.submit(caller.workspaceId, caller.fleet.id, parsed.data);
      this.submitted.set(submissionKey(caller, message.messageId), task);
    } catch (error) {
      if (error instanceof AppError && (error.code === 'fleet_unavailable' || error.code === 'fleet_queue_full')) {
        throw new UnsupportedOperationError({
          message: error.message,
          metadata: { code: error.code, ...(error.code === 'fleet_queue_full' ? { retryAfterSeconds: '5' } : {}) },
        });
      }
      throw error;
    }
  }

  async execute(request: RequestContext, bus: ExecutionEventBus): Promise<void> {
    const caller = callerOf(request.context);
    const key = submissionKey(caller, request.userMessage.messageId);
    const submitted = this.submitted.get(key);
    this.submitted.delete(key);
    if (!submitted) throw new Error('An A2A fleet task started without its fleet task');
    const publisher = new TaskPublisher(bus, request.taskId, request.contextId);
    const stop = new AbortController();
    this.running.set(request.taskId, {
      workspaceId: caller.workspaceId,
      fleetId: caller.fleet.id,
      fleetTaskId: submitted.id,
      stop,
    });
    try {
      publisher.submitted(request.userMessage, { [FLEET_TASK_METADATA_KEY]: submitted.id, fleetId: caller.fleet.id });
      await this.follow(caller, submitted.id, publisher, stop.signal);
    } catch (error) {
      this.options.logger.error({ err: error, taskId: request.taskId }, 'Following an A2A fleet task failed');
      publisher.failed('Following the fleet task failed unexpectedly', { code: 'internal_error' });
    } finally {
      this.running.delete(request.taskId);
    }
  }

  /** Whether this process follows the task. */
  isRunning(taskId: string): boolean {
    return this.running.has(taskId);
  }

  /** Cancels the fleet task; `follow` then sees it cancelled and publishes `canceled`. */
  async cancelTask(taskId: string): Promise<void> {
    const running = this.running.get(taskId);
    if (!running) return;
    await cancelFleetTask(this.options.fleetTasks, running.workspaceId, running.fleetId, running.fleetTaskId);
    running.stop.abort();
  }

  /** Reads the fleet task until it ends, publishing `working` once placed and the end as it was. */
  private async follow(caller: A2ACaller, fleetTaskId: string, publisher: TaskPublisher, stopped: AbortSignal): Promise<void> {
    let placedAttempt = 0;
    for (;;) {
      const task = await this.options.fleetTasks.get(caller.workspaceId, caller.fleet.id, fleetTaskId);
      // A task placed and finished between two reads still went through `working`.
      if (task.status !== 'queued' && task.attempt > 0 && task.attempt !== placedAttempt) {
        placedAttempt = task.attempt;
        publisher.working(placementMetadata(task));
      }
      if (publishEnd(task, publisher)) return;
      // A cancel asked here is settled by the row too, which says whether it came in time.
      await sleep(stopped.aborted ? 10 : (this.options.pollMs ?? FLEET_TASK_POLL_MS));
    }
  }
}

/** Publishes the end of a fleet task that has ended; false while it is queued or running. */
export function publishEnd(task: FleetTask, publisher: TaskPublisher): boolean {
  switch (task.status) {
    case 'succeeded':
      publisher.completed(task.output ?? '', randomUUID());
      return true;
    case 'failed':
      publisher.failed(task.error?.message ?? 'The fleet task failed', { ...(task.error ?? { code: 'failed' }) });
      return true;
    case 'cancelled':
      publisher.canceled();
      return true;
    default:
      return false;
  }
}

/** What the A2A task says of a placement: the member(s) and why, from the newest routing record. */
export function placementMetadata(task: FleetTaskDetail): Record<string, unknown> {
  const routing = task.routing.at(-1);
  return {
    agentIds: task.agentIds,
    attempt: task.attempt,
    ...(routing ? { routingReason: routing.reason, strategy: routing.strategy } : {}),
  };
}

/** Cancels the fleet task unless it has ended already (then its end stands). */
export async function cancelFleetTask(
  fleetTasks: FleetTaskService,
  workspaceId: string,
  fleetId: string,
  fleetTaskId: string,
): Promise<void> {
  await fleetTasks.cancel(workspaceId, fleetId, fleetTaskId).catch((error: unknown) => {
    if (!(error instanceof AppError && (error.code === 'conflict' || error.code === 'not_found'))) throw error;
  });
}

const submissionKey = (caller: A2ACaller, messageId: string): string => `${caller.workspaceId}/${caller.fleet.id}/${messageId}`;

function pick(metadata: Message['metadata'], key: string): Record<string, unknown> {
  return metadata && key in metadata ? { [key]: metadata[key] } : {};
}
