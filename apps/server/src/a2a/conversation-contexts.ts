import { RequestMalformedError } from '@a2a-js/sdk/errors';
import type { ConversationService } from '@agent-fleet/core';
import type { A2AContextRecord, DrizzleA2ARepository } from '@agent-fleet/db';
import type { A2ACaller } from './a2a-caller.js';

/**
 * An A2A `contextId` is a conversation with the agent: the first message with a new id starts one, the
 * next ones continue it. A context id already used with another agent, or in another workspace, is
 * refused, with the same words whichever it is (so nothing is learnt about other workspaces).
 */
export class ConversationContexts {
  constructor(
    private readonly repository: DrizzleA2ARepository,
    private readonly conversations: ConversationService,
  ) {}

  /** Refuses a context id that belongs to anyone but this caller's agent; unknown ids are fine (new). */
  async assertUsable(caller: A2ACaller, contextId: string): Promise<void> {
    const context = await this.repository.findContext(contextId);
    if (context) this.assertOwn(caller, context);
  }

  /** The conversation the context id continues, started (and titled by the first message) on first use. */
  async conversationFor(caller: A2ACaller, contextId: string): Promise<string> {
    const existing = await this.repository.findContext(contextId);
    if (existing) return this.assertOwn(caller, existing).conversationId;
    const conversation = await this.conversations.create(
      { workspaceId: caller.workspaceId, userId: caller.principal.userId },
      { agentId: caller.agent.id, variables: {} },
    );
    if (await this.repository.insertContext(caller.agentScope, contextId, conversation.id)) return conversation.id;
    // Another request claimed the id first: continue its conversation; the one made here is not needed.
    await this.conversations.delete(caller.workspaceId, conversation.id, caller.actor);
    const winner = await this.repository.findContext(contextId);
    if (!winner) throw new RequestMalformedError(`contextId ${contextId} could not be claimed; send the message again`);
    return this.assertOwn(caller, winner).conversationId;
  }

  private assertOwn(caller: A2ACaller, context: A2AContextRecord): A2AContextRecord {
    if (context.workspaceId !== caller.workspaceId || context.agentId !== caller.agent.id) {
      throw new RequestMalformedError(`contextId ${context.id} belongs to another agent; start a new context`);
    }
    return context;
  }
}
