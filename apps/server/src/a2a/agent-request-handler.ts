import type { AgentCard, Message, SendMessageRequest, StreamResponse, Task } from '@a2a-js/sdk';
import { RequestMalformedError, UnsupportedOperationError } from '@a2a-js/sdk/errors';
import {
  DefaultRequestHandler,
  type AgentExecutor,
  type ExecutionEventBusManager,
  type ServerCallContext,
  type TaskStore,
} from '@a2a-js/sdk/server';
import { callerOf } from './a2a-caller.js';
import type { ConversationContexts } from './conversation-contexts.js';
import { assertUsableContextId, turnInput } from './turn-input.js';

/**
 * The SDK's request handler for one agent's card, refusing up front, as an A2A error the client sees
 * (not as a failed task), a message the agent will not take: the agent is paused, draining or disabled;
 * the message is malformed or unstorable; its context belongs to someone else; or it names a task
 * (a task here is one turn, never waiting for input: continue in the same context instead).
 */
export class AgentRequestHandler extends DefaultRequestHandler {
  constructor(
    card: AgentCard,
    tasks: TaskStore,
    executor: AgentExecutor,
    buses: ExecutionEventBusManager,
    private readonly contexts: ConversationContexts,
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

  private async admit({ message }: SendMessageRequest, context: ServerCallContext): Promise<void> {
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
