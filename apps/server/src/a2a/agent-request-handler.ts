import type { AgentCard, SendMessageRequest, Task } from '@a2a-js/sdk';
import { RequestMalformedError, UnsupportedOperationError } from '@a2a-js/sdk/errors';
import type { ExecutionEventBusManager, ServerCallContext, TaskStore } from '@a2a-js/sdk/server';
import { AppError, type ConversationService } from '@agent-fleet/core';
import { callerOf } from './a2a-caller.js';
import { AdmittingRequestHandler } from './admitting-request-handler.js';
import type { ConversationContexts } from './conversation-contexts.js';
import type { ConversationExecutor } from './conversation-executor.js';
import { assertUsableContextId, turnInput } from './turn-input.js';

/**
 * The SDK's request handler for one agent's card, refusing up front, as an A2A error the client sees
 * (not as a failed task), a message the agent will not take: the agent is paused, draining or disabled;
 * the message is malformed or unstorable; its context belongs to someone else; or it names a task
 * (a task here is one turn, never waiting for input: continue in the same context instead).
 */
export class AgentRequestHandler extends AdmittingRequestHandler {
  constructor(
    card: AgentCard,
    tasks: TaskStore,
    executor: ConversationExecutor,
    buses: ExecutionEventBusManager,
    private readonly contexts: ConversationContexts,
    private readonly conversations: ConversationService,
  ) {
    super(card, tasks, executor, buses);
  }

  /**
   * A task another server runs has no event bus here: its turn is stopped through the conversation
   * (which reaches the server running it), and the SDK then records the task canceled.
   */
  protected async cancelElsewhere(task: Task, context: ServerCallContext): Promise<void> {
    const conversationId: unknown = task.metadata?.['conversationId'];
    if (typeof conversationId !== 'string') return;
    // A conversation deleted since has no turn left to stop.
    await this.conversations.abort(callerOf(context).workspaceId, conversationId).catch((error: unknown) => {
      if (!(error instanceof AppError && error.code === 'not_found')) throw error;
    });
  }

  protected async admit({ message }: SendMessageRequest, context: ServerCallContext): Promise<void> {
    const caller = callerOf(context);
    const { agent } = caller;
    if (agent.adminState !== 'active') {
      throw new UnsupportedOperationError({
        message: `${agent.name} is ${agent.adminState} and takes no new work; resume it to use it`,
        metadata: { adminState: agent.adminState },
      });
    }
    if (!message) throw new RequestMalformedError('message is required');
    if (message.taskId) {
      throw new UnsupportedOperationError(
        'A task here is one reply and takes no further messages; send a new message with the same contextId to continue',
      );
    }
    turnInput(message);
    if (message.contextId) {
      assertUsableContextId(message.contextId);
      await this.contexts.assertUsable(caller, message.contextId);
    }
  }
}
