import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { crumb, type RouteHandle } from '../../app/route-handle';
import { lazyPage } from '../../app/lazy-page';

const ConversationCrumb = lazy(() =>
  import('./components/ConversationCrumb').then((module) => ({ default: module.ConversationCrumb })),
);
const conversationCrumb: RouteHandle = {
  crumb: (params) => (
    <Suspense fallback="Conversation">
      <ConversationCrumb id={params['conversationId'] ?? ''} />
    </Suspense>
  ),
};

/**
 * The chat pages, relative, to nest under `agents/:id`: `chat` (the list, nothing open) and
 * `chat/:conversationId`. Reading needs agents:read; the page offers sending to agents:execute.
 */
export const chatRoutes: RouteObject[] = [
  {
    path: 'chat',
    handle: crumb('Chat'),
    ...lazyPage(() => import('./components/ChatPage').then((m) => m.ChatPage), {
      permission: 'agents:read',
      what: "the agent's conversations",
    }),
    children: [
      { index: true, ...lazyPage(() => import('./components/ChatEmptyPane').then((m) => m.ChatEmptyPane)) },
      {
        path: ':conversationId',
        handle: conversationCrumb,
        ...lazyPage(() => import('./components/ConversationPane').then((m) => m.ConversationPane)),
      },
    ],
  },
];
