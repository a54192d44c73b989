import type { AgentExecutor, ExecutionEventBus, RequestContext } from '@a2a-js/sdk/server';
import { A2AError } from '@a2a-js/sdk/errors';
import { AppError, type ConversationService } from '@agent-fleet/core';
import type { Logger } from 'pino';
import { callerOf } from './a2a-caller.js';
import type { ConversationContexts } from './conversation-contexts.js';
import { TaskPublisher } from './task-publisher.js';
import { turnInput } from './turn-input.js';

export interface ConversationExecutorOptions {
  conversations: ConversationService;
  contexts: ConversationContexts;
  logger: Logger;
}

/**
 * Runs an A2A message to an agent as one chat turn of the conversation its `contextId` names, through
 * the same ConversationService as the chat: the turn is stored, metered and limited like any other.
 * The reply streams as the task's artifact; the task ends completed, failed (with the reason) or
 * canceled. A fleet would be another executor beside this one.
 */
export class ConversationExecutor implements AgentExecutor {
  /** The turns this process runs, by A2A task id, each with what stops it. */
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly options: ConversationExecutorOptions) {}

  async execute(request: RequestContext, bus: ExecutionEventBus): Promise<void> {
    const caller = callerOf(request.context);
    const publisher = new TaskPublisher(bus, request.taskId, request.contextId);
    const stop = new AbortController();
    this.running.set(request.taskId, stop);
    try {
      publisher.submitted(request.userMessage);
      const conversationId = await this.options.contexts.conversationFor(caller, request.contextId);
      publisher.working({ conversationId });
      if (stop.signal.aborted) return publisher.canceled();
      const turn = await this.options.conversations.send(
        { workspaceId: caller.workspaceId, userId: caller.principal.userId },
        conversationId,
        { content: turnInput(request.userMessage) },
        (event) => {
          if (event.type === 'text.delta') publisher.delta(event.delta);
          else if (event.type === 'tool.call') publisher.flush();
        },
        stop.signal,
      );
      // A stop that came too late to cut the turn short still ends the task as the client asked.
      if (stop.signal.aborted) return publisher.canceled();
      publisher.completed(turn.message.content, turn.message.id);
    } catch (error) {
      // Stopped here, or anywhere the turn can be stopped from (a cancel on another server, the chat's
      // stop button, the conversation deleted): the task was canceled.
      if (stop.signal.aborted || (error instanceof AppError && error.code === 'aborted')) return publisher.canceled();
      const { message, code } = this.reasonOf(error, request.taskId);
      publisher.failed(message, { code, message });
    } finally {
      this.running.delete(request.taskId);
    }
  }

  /** Whether this process runs the task. */
  isRunning(taskId: string): boolean {
    return this.running.has(taskId);
  }

  /**
   * Stops the task's turn, if this process runs it; its `execute` then publishes `canceled` on the bus
   * the SDK is draining. With nothing running here the SDK settles the cancel from the stored state.
   */
  async cancelTask(taskId: string): Promise<void> {
    this.running.get(taskId)?.abort(new DOMException('Canceled over A2A', 'AbortError'));
  }

  /** What the client is told: our errors and the SDK's say what went wrong; anything else is logged. */
  private reasonOf(error: unknown, taskId: string): { message: string; code: string } {
    if (error instanceof AppError) return { message: error.message, code: error.code };
    if (error instanceof A2AError) return { message: error.message, code: error.reason };
    this.options.logger.error({ err: error, taskId }, 'An A2A task failed unexpectedly');
    return { message: 'The agent’s turn failed unexpectedly', code: 'internal_error' };
  }
}
