import {
  TaskState,
  type AgentCard,
  type CancelTaskRequest,
  type Message,
  type SendMessageRequest,
  type StreamResponse,
  type Task,
} from '@a2a-js/sdk';
import { RequestMalformedError, UnsupportedOperationError } from '@a2a-js/sdk/errors';
import { DefaultRequestHandler, type ExecutionEventBusManager, type ServerCallContext, type TaskStore } from '@a2a-js/sdk/server';
import type { FleetTaskService } from '@agent-fleet/core';
import { callerOf } from './a2a-caller.js';
import { cancelFleetTask, FLEET_TASK_METADATA_KEY, type FleetExecutor } from './fleet-executor.js';
import { assertUsableContextId } from './turn-input.js';

const OPEN_STATES: ReadonlySet<TaskState> = new Set([TaskState.TASK_STATE_SUBMITTED, TaskState.TASK_STATE_WORKING]);

/**
 * The SDK's request handler for one fleet's card. A message becomes a fleet task before the SDK makes
 * an A2A task of it, so what the fleet refuses (draining, a full queue, bad skills or priority) is an
 * A2A error, not a failed task. A message naming a task is refused: a fleet task is one answer.
 */
export class FleetRequestHandler extends DefaultRequestHandler {
  constructor(
    card: AgentCard,
    private readonly tasks: TaskStore,
    private readonly executor: FleetExecutor,
    buses: ExecutionEventBusManager,
    private readonly fleetTasks: FleetTaskService,
  ) {
    super(card, tasks, executor, buses);
  }

  override async sendMessage(params: SendMessageRequest, context: ServerCallContext): Promise<Message | Task> {
    await this.admit(params, context);
    return super.sendMessage(params, context);
  }

  override async *sendMessageStream(
    params: SendMessageRequest,
    context: ServerCallContext,
  ): AsyncGenerator<StreamResponse, void, undefined> {
    await this.admit(params, context);
    yield* super.sendMessageStream(params, context);
  }

  /** A task another server follows is cancelled through its fleet task; the SDK then records it canceled. */
  override async cancelTask(params: CancelTaskRequest, context: ServerCallContext): Promise<Task> {
    if (!this.executor.isRunning(params.id)) {
      const task = await this.tasks.load(params.id, context);
      const fleetTaskId: unknown = task?.metadata?.[FLEET_TASK_METADATA_KEY];
      if (task && OPEN_STATES.has(task.status?.state ?? TaskState.TASK_STATE_UNSPECIFIED) && typeof fleetTaskId === 'string') {
        const caller = callerOf(context);
        await cancelFleetTask(this.fleetTasks, caller.workspaceId, caller.fleet.id, fleetTaskId);
      }
    }
    return super.cancelTask(params, context);
  }

  private async admit({ message }: SendMessageRequest, context: ServerCallContext): Promise<void> {
    if (!message) throw new RequestMalformedError('message is required');
    if (message.taskId) {
      throw new UnsupportedOperationError(
        'A task here is one fleet task and takes no further messages; send a new message (with the same contextId to group them)',
      );
    }
    if (message.contextId) assertUsableContextId(message.contextId);
    await this.executor.submit(callerOf(context), message);
  }
}
