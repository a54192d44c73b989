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
import { defineResource } from '../../http/resource.js';
import { defineRoute, principalOf, type Route } from '../../http/route.js';
import type { TurnDeltaPublisher } from './turn-delta-publisher.js';

const tags = ['Conversations'];

/** The events of a turn's stream, each named by its `type`. */
const CHAT_EVENTS = Object.fromEntries(ChatEventSchema.options.map((schema) => [schema.shape.type.value, schema])) as {
  [S in (typeof ChatEventSchema.options)[number] as z.output<S>['type']]: S;
};

const senderOf = (context: { workspaceId: string; principal: Principal | null }) => ({
  workspaceId: context.workspaceId,
  userId: principalOf(context).userId,
});

/** `deltas` streams every turn's text to the conversation's watchers, whichever way the turn was asked for. */
export function conversationRoutes(conversations: ConversationService, deltas: TurnDeltaPublisher): Route[] {
  return [
    ...defineResource({
      path: '/api/v1/conversations',
      names: { one: 'conversation', many: 'conversations' },
      tags,
      schema: ConversationSchema,
      list: {
        permission: 'agents:read',
        summary: 'List conversations',
        description: 'Newest activity first; filter by agent and title substring `q`.',
        query: ConversationListQuerySchema,
        page: ConversationPageSchema,
        run: ({ query, workspaceId }) => conversations.list(workspaceId, query),
      },
      create: {
        permission: 'agents:execute',
        summary: 'Start a conversation with an agent',
        description: '`variables` fill the agent’s system prompt template, when it has one.',
        body: ConversationCreateSchema,
        run: (context) => conversations.create(senderOf(context), context.body),
      },
      get: {
        permission: 'agents:read',
        summary: 'Get a conversation',
        run: ({ params, workspaceId }) => conversations.get(workspaceId, params.id),
      },
      update: {
        permission: 'agents:execute',
        summary: 'Rename a conversation or change its prompt variables',
        body: ConversationUpdateSchema,
        run: ({ params, body, workspaceId }) => conversations.update(workspaceId, params.id, body),
      },
      delete: {
        permission: 'agents:execute',
        summary: 'Delete a conversation, its messages and its stored transcript',
        description: 'A running turn is stopped first. Task history and usage rows stay (unlinked).',
        run: ({ params, workspaceId, actor }) => conversations.delete(workspaceId, params.id, actor),
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
        const followed = deltas.follow(context.params.id, () => undefined);
        try {
          const turn = await conversations.send(
            senderOf(context),
            context.params.id,
            context.body,
            followed.emit,
            context.signal,
          );
          return { status: 200, body: turn };
        } finally {
          followed.end();
        }
      },
      stream: {
        description:
          'One event per `ChatEvent`, named by its `type`. A stream cannot be resumed: `Last-Event-ID` is ignored, and sending the message again starts a new turn.',
        events: CHAT_EVENTS,
        handler: async (context, events) => {
          let reported = false;
          const followed = deltas.follow(context.params.id, (event: ChatEvent) => {
            reported ||= event.type === 'turn.failed';
            events.send(event.type, event);
          });
          try {
            await conversations.send(senderOf(context), context.params.id, context.body, followed.emit, context.signal);
          } catch (error) {
            // A failed turn throws after its `turn.failed` event told the client; anything else is news.
            if (!reported) throw error;
          } finally {
            followed.end();
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
