import {
  AbortResultSchema,
  ChatEventSchema,
  type ChatEvent,
  ConversationCreateSchema,
  ConversationListQuerySchema,
  ConversationPageSchema,
  ConversationSchema,
  ConversationUpdateSchema,
  IdParamsSchema,
  MessageListQuerySchema,
  MessagePageSchema,
  SendMessageSchema,
  TurnResultSchema,
} from '@agent-fleet/contracts';
import type { ConversationService, Principal } from '@agent-fleet/core';
import type { z } from 'zod';
import { defineRoute, principalOf, type Route } from '../../http/route.js';

const tags = ['Conversations'];

/** The events of a turn's stream, each named by its `type`. */
const CHAT_EVENTS = Object.fromEntries(ChatEventSchema.options.map((schema) => [schema.shape.type.value, schema])) as {
  [S in (typeof ChatEventSchema.options)[number] as z.output<S>['type']]: S;
};

const senderOf = (context: { workspaceId: string; principal: Principal | null }) => ({
  workspaceId: context.workspaceId,
  userId: principalOf(context).userId,
});

export function conversationRoutes(conversations: ConversationService): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/conversations',
      operationId: 'listConversations',
      permission: 'agents:read',
      summary: 'List conversations',
      description: 'Newest activity first; filter by agent and title substring `q`.',
      tags,
      request: { query: ConversationListQuerySchema },
      responses: { 200: { description: 'A page of conversations', schema: ConversationPageSchema } },
      handler: async ({ query, workspaceId }) => ({ status: 200, body: await conversations.list(workspaceId, query) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/conversations',
      operationId: 'createConversation',
      permission: 'agents:execute',
      summary: 'Start a conversation with an agent',
      description: '`variables` fill the agent’s system prompt template, when it has one.',
      tags,
      request: { body: ConversationCreateSchema },
      responses: {
        201: { description: 'The conversation', schema: ConversationSchema, headers: { Location: 'The conversation URL' } },
      },
      handler: async (context) => {
        const conversation = await conversations.create(senderOf(context), context.body);
        return { status: 201, body: conversation, headers: { Location: `/api/v1/conversations/${conversation.id}` } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/conversations/:id',
      operationId: 'getConversation',
      permission: 'agents:read',
      summary: 'Get a conversation',
      tags,
      request: { params: IdParamsSchema },
      responses: {
        200: { description: 'The conversation', schema: ConversationSchema },
      },
      errors: ['not_found'],
      handler: async ({ params, workspaceId }) => ({ status: 200, body: await conversations.get(workspaceId, params.id) }),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/conversations/:id',
      operationId: 'updateConversation',
      permission: 'agents:execute',
      summary: 'Rename a conversation or change its prompt variables',
      tags,
      request: { params: IdParamsSchema, body: ConversationUpdateSchema },
      responses: {
        200: { description: 'The conversation', schema: ConversationSchema },
      },
      errors: ['not_found'],
      handler: async ({ params, body, workspaceId }) => ({
        status: 200,
        body: await conversations.update(workspaceId, params.id, body),
      }),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/conversations/:id',
      operationId: 'deleteConversation',
      permission: 'agents:execute',
      summary: 'Delete a conversation, its messages and its stored transcript',
      description: 'A running turn is stopped first. Task history and usage rows stay (unlinked).',
      tags,
      request: { params: IdParamsSchema },
      responses: { 204: { description: 'Deleted' } },
      errors: ['not_found'],
      handler: async ({ params, workspaceId, actor }) => {
        await conversations.delete(workspaceId, params.id, actor);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/conversations/:id/messages',
      operationId: 'listMessages',
      permission: 'agents:read',
      summary: 'List a conversation’s messages, oldest first',
      tags,
      request: { params: IdParamsSchema, query: MessageListQuerySchema },
      responses: {
        200: { description: 'A page of messages', schema: MessagePageSchema },
      },
      errors: ['not_found'],
      handler: async ({ params, query, workspaceId }) => ({
        status: 200,
        body: await conversations.messages(workspaceId, params.id, query),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/conversations/:id/messages',
      operationId: 'sendMessage',
      permission: 'agents:execute',
      summary: 'Send a message and get the agent’s reply',
      description:
        'With `Accept: text/event-stream` the reply streams as server-sent events (`ChatEvent`): `turn.started`, then `text.delta`, `tool.call`, `tool.result` and `llm.call`, then `turn.completed` or `turn.failed`. Otherwise the answer is one JSON `TurnResult` once the turn ends. Disconnecting stops the turn, in either mode.',
      tags,
      request: { params: IdParamsSchema, body: SendMessageSchema },
      responses: {
        200: { description: 'The turn (JSON), or its event stream (text/event-stream)', schema: TurnResultSchema },
      },
      errors: [
        'not_found',
        'conversation_busy',
        'agent_unavailable',
        'max_iterations',
        'schema_mismatch',
        'budget_exceeded',
        'provider_error',
      ],
      handler: async (context) => {
        const turn = await conversations.send(
          senderOf(context),
          context.params.id,
          context.body,
          () => undefined,
          context.signal,
        );
        return { status: 200, body: turn };
      },
      stream: {
        description:
          'One event per `ChatEvent`, named by its `type`. A stream cannot be resumed: `Last-Event-ID` is ignored, and sending the message again starts a new turn.',
        events: CHAT_EVENTS,
        handler: async (context, events) => {
          let reported = false;
          const emit = (event: ChatEvent) => {
            reported ||= event.type === 'turn.failed';
            events.send(event.type, event);
          };
          try {
            await conversations.send(senderOf(context), context.params.id, context.body, emit, context.signal);
          } catch (error) {
            // A failed turn throws after its `turn.failed` event told the client; anything else is news.
            if (!reported) throw error;
          }
        },
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/conversations/:id/abort',
      operationId: 'abortTurn',
      permission: 'agents:execute',
      summary: 'Stop the running turn',
      description: 'Cancels the provider request in flight. `aborted` is false when no turn was running.',
      tags,
      request: { params: IdParamsSchema },
      responses: {
        200: { description: 'Whether a turn was stopped', schema: AbortResultSchema },
      },
      errors: ['not_found'],
      handler: async ({ params, workspaceId }) => ({
        status: 200,
        body: { aborted: await conversations.abort(workspaceId, params.id) },
      }),
    }),
  ];
}
