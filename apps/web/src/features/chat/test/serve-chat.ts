import type { Agent, BuiltInRole, Conversation, Message } from '@agent-fleet/contracts';
import { mockApi } from '../../../test/mock-api';
import { json, problem, type RecordedRequest } from '../../../test/mock-fetch';
import { agent as defaultAgent, makeConversation } from './chat-fixtures';

export interface ChatServerOptions {
  role?: BuiltInRole;
  conversations?: Conversation[];
  /** Stored messages per conversation id (oldest first), served in pages of `messagePageSize`. */
  messages?: Record<string, Message[]>;
  messagePageSize?: number;
  /** The agent, e.g. one with a template system prompt; keep the fixture's id. Default the fixture agent. */
  agent?: Agent;
  /** Answers `GET /api/v1/prompts/...` (the agent's template); default 404. */
  prompts?: (request: RecordedRequest) => Response;
  /** Hands out WebSocket tickets, for a test that drives the live socket (`stubLiveSocket`). Default false. */
  live?: boolean;
}

const notFound = () => problem({ title: 'Not found', code: 'not_found' }, 404);
const page = <T>(items: T[], nextCursor: string | null = null, total = items.length) => json({ items, nextCursor, total });

/**
 * A fake server for the chat pages: the fixture agent, conversations that can be created, renamed (or
 * given variables) and deleted, paged messages, and message sends answered from `replies` (queued by the test, e.g. a
 * controlled event stream) in order.
 */
export function serveChat({
  role = 'owner',
  conversations = [makeConversation()],
  messages = {},
  messagePageSize = 100,
  agent = defaultAgent,
  prompts = notFound,
  live = false,
}: ChatServerOptions = {}) {
  const state = { conversations: [...conversations], messages: { ...messages } };
  const replies: (() => Response)[] = [];
  const patchReplies: (() => Response)[] = [];
  let created = 0;

  const mock = mockApi(
    (request) => {
      const path = request.url.pathname;
      if (path === `/api/v1/agents/${agent.id}`) return json(agent);
      if (path.startsWith('/api/v1/prompts/')) return prompts(request);
      if (live && path === '/api/v1/ws/ticket') {
        return json({ ticket: 'ticket', expiresAt: '2099-01-01T00:00:00.000Z' }, { status: 201 });
      }
      if (path === '/api/v1/conversations' && request.method === 'GET') {
        const mine = state.conversations.filter(
          (conversation) => conversation.agentId === request.url.searchParams.get('agentId'),
        );
        return page(mine);
      }
      if (path === '/api/v1/conversations' && request.method === 'POST') {
        created += 1;
        const conversation = makeConversation({
          id: `7b8c9d0e-1f2a-4b3c-8d4e-${String(created).padStart(12, '0')}`,
          title: 'New conversation',
          messageCount: 0,
          costUsd: 0,
          lastMessageAt: null,
        });
        state.conversations.unshift(conversation);
        return json(conversation, { status: 201 });
      }
      const match = /^\/api\/v1\/conversations\/([^/]+)(\/messages|\/abort)?$/.exec(path);
      if (!match) return page([]);
      const [, id, sub] = match;
      const conversation = state.conversations.find((item) => item.id === id);
      if (!conversation) return notFound();
      if (sub === '/abort') return json({ aborted: true });
      if (sub === '/messages' && request.method === 'POST')
        return replies.shift()?.() ?? problem({ title: 'No reply queued', code: 'internal_error' }, 500);
      if (sub === '/messages') {
        // Like the server: `order=desc` pages newest first; the cursor counts messages already served.
        const stored = state.messages[conversation.id] ?? [];
        const all = request.url.searchParams.get('order') === 'desc' ? [...stored].reverse() : stored;
        const start = Number(request.url.searchParams.get('cursor') ?? 0);
        const end = start + messagePageSize;
        return page(all.slice(start, end), end < all.length ? String(end) : null, all.length);
      }
      if (request.method === 'PATCH') {
        const refusal = patchReplies.shift();
        if (refusal) return refusal();
        const renamed = { ...conversation, ...(request.body as Partial<Conversation>) };
        state.conversations = state.conversations.map((item) => (item.id === id ? renamed : item));
        return json(renamed);
      }
      if (request.method === 'DELETE') {
        state.conversations = state.conversations.filter((item) => item.id !== id);
        return new Response(null, { status: 204 });
      }
      return json(conversation);
    },
    { role },
  );

  const find = (method: string, pathname: string | RegExp) => (request: RecordedRequest) =>
    request.method === method &&
    (typeof pathname === 'string' ? request.url.pathname === pathname : pathname.test(request.url.pathname));

  return {
    ...mock,
    state,
    /** Queues the answer to the next message sent. */
    reply: (response: () => Response) => replies.push(response),
    /** Queues the answer to the next conversation update in place of storing it, e.g. a 400. */
    refuseUpdate: (response: () => Response) => patchReplies.push(response),
    requestsTo: (method: string, pathname: string | RegExp) => mock.requests.filter(find(method, pathname)),
  };
}
