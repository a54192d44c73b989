import type { AgentCard, SendMessageRequest, Task } from '@a2a-js/sdk';
import { RequestMalformedError, UnsupportedOperationError } from '@a2a-js/sdk/errors';
import type { ExecutionEventBusManager, ServerCallContext, TaskStore } from '@a2a-js/sdk/server';
import type { FleetTaskService } from '@agent-fleet/core';
import { callerOf } from './a2a-caller.js';
import { AdmittingRequestHandler } from './admitting-request-handler.js';
import { cancelFleetTask, FLEET_TASK_METADATA_KEY, type FleetExecutor } from './fleet-executor.js';
import { assertUsableContextId } from './turn-input.js';

/**
 * The SDK's request handler for one fleet's card. A message becomes a fleet task before the SDK makes
 * an A2A task of it, so what the fleet refuses (draining, a full queue, bad skills or priority) is an
 * A2A error, not a failed task. A message naming a task is refused: a fleet task is one answer.
 */
export class FleetRequestHandler extends AdmittingRequestHandler {
  constructor(
    card: AgentCard,
    tasks: TaskStore,
    private readonly executor: FleetExecutor,
    buses: ExecutionEventBusManager,
    private readonly fleetTasks: FleetTaskService,
  ) {
    super(card, tasks, executor, buses);
  }

  /** A task another server follows is cancelled through its fleet task; the SDK then records it canceled. */
  protected async cancelElsewhere(task: Task, context: ServerCallContext): Promise<void> {
    const fleetTaskId: unknown = task.metadata?.[FLEET_TASK_METADATA_KEY];
    if (typeof fleetTaskId !== 'string') return;
    const caller = callerOf(context);
    await cancelFleetTask(this.fleetTasks, caller.workspaceId, caller.fleet.id, fleetTaskId);
  }

  protected async admit({ message }: SendMessageRequest, context: ServerCallContext): Promise<void> {
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
