import type { RouteObject } from 'react-router';
import { crumb, type RouteHandle } from '../../app/route-handle';
import { RequirePermission } from '../auth/components/RequirePermission';
import { ChatEmptyPane } from './components/ChatEmptyPane';
import { ChatPage } from './components/ChatPage';
import { ConversationCrumb } from './components/ConversationCrumb';
import { ConversationPane } from './components/ConversationPane';

const conversationCrumb: RouteHandle = { crumb: (params) => <ConversationCrumb id={params['conversationId'] ?? ''} /> };

/**
 * The chat pages, relative, to nest under `agents/:id`: `chat` (the list, nothing open) and
 * `chat/:conversationId`. Reading needs agents:read; the page offers sending to agents:execute.
 */
export const chatRoutes: RouteObject[] = [
  {
    path: 'chat',
    handle: crumb('Chat'),
    element: (
      <RequirePermission permission="agents:read" what="the agent's conversations">
        <ChatPage />
      </RequirePermission>
    ),
    children: [
      { index: true, element: <ChatEmptyPane /> },
      { path: ':conversationId', handle: conversationCrumb, element: <ConversationPane /> },
    ],
  },
];
