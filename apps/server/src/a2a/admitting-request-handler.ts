import {
  TaskState,
  type AgentCard,
  type CancelTaskRequest,
  type Message,
  type SendMessageRequest,
  type StreamResponse,
  type Task,
} from '@a2a-js/sdk';
import {
  DefaultRequestHandler,
  type AgentExecutor,
  type ExecutionEventBusManager,
  type ServerCallContext,
  type TaskStore,
} from '@a2a-js/sdk/server';

const OPEN_STATES: ReadonlySet<TaskState> = new Set([TaskState.TASK_STATE_SUBMITTED, TaskState.TASK_STATE_WORKING]);

/** What the handler asks of its executor: whether this server runs a task now. */
export interface RunningTasks {
  isRunning(taskId: string): boolean;
}

/**
 * The SDK's request handler with our two additions, for agents and fleets alike: a message is admitted
 * (or refused, as an A2A error the client sees, not as a failed task) before the SDK makes a task of
 * it, and cancelling an open task that another server runs stops it there (`cancelElsewhere`) before
 * the SDK records it canceled.
 */
export abstract class AdmittingRequestHandler extends DefaultRequestHandler {
  constructor(
    card: AgentCard,
    private readonly tasks: TaskStore,
    private readonly running: RunningTasks & AgentExecutor,
    buses: ExecutionEventBusManager,
  ) {
    super(card, tasks, running, buses);
  }

  /** Refuses a message this card will not take, by throwing an A2A error. */
  protected abstract admit(params: SendMessageRequest, context: ServerCallContext): Promise<void>;

  /** Stops an open task that this server does not run. */
  protected abstract cancelElsewhere(task: Task, context: ServerCallContext): Promise<void>;

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

  override async cancelTask(params: CancelTaskRequest, context: ServerCallContext): Promise<Task> {
    if (!this.running.isRunning(params.id)) {
      const task = await this.tasks.load(params.id, context);
      if (task && OPEN_STATES.has(task.status?.state ?? TaskState.TASK_STATE_UNSPECIFIED))
        await this.cancelElsewhere(task, context);
    }
    return super.cancelTask(params, context);
  }
}
