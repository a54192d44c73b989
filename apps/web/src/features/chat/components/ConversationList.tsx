import type { Agent, Conversation } from '@agent-fleet/contracts';
import { MessagesSquare, Plus } from 'lucide-react';
import { useState } from 'react';
import { useMatch, useNavigate } from 'react-router';
import { Button } from '../../../components/ui/Button';
import { ErrorState } from '../../../components/ui/ErrorState';
import { Skeleton } from '../../../components/ui/Skeleton';
import { pluralizeTotal } from '../../../lib/format';
import { useConversations } from '../api';
import { useStartConversation } from '../hooks/useStartConversation';
import { ConversationListItem } from './ConversationListItem';
import { DeleteConversationDialog } from './DeleteConversationDialog';

export interface ConversationListProps {
  agent: Agent;
  /** Offers New, Rename and Delete; false for roles that may only read. */
  canExecute: boolean;
}

/** The agent's conversations, newest activity first. */
export function ConversationList({ agent, canExecute }: ConversationListProps) {
  const query = useConversations(agent.id);
  const { start, pending } = useStartConversation(agent.id);
  const navigate = useNavigate();
  const openId = useMatch('/agents/:id/chat/:conversationId')?.params.conversationId;
  const [deleting, setDeleting] = useState<Conversation | null>(null);
  const conversations = query.data?.pages.flatMap((page) => page.items);
  const firstPage = query.data?.pages[0];

  const body = () => {
    if (query.isError && !conversations) {
      return (
        <ErrorState
          error={query.error}
          title="Could not load the conversations"
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
          className="py-8"
        />
      );
    }
    if (!conversations) {
      return (
        <div role="status" aria-label="Loading conversations" className="flex flex-col gap-3 p-4">
          {[0, 1, 2].map((row) => (
            <Skeleton key={row} className="h-10" />
          ))}
        </div>
      );
    }
    if (conversations.length === 0) {
      return (
        <div className="px-5 py-10 text-center">
          <MessagesSquare className="mx-auto size-6 text-slate-300" aria-hidden="true" />
          <p className="mt-2 text-sm font-medium text-slate-700">No conversations yet</p>
          <p className="mt-1 text-xs text-slate-500">
            {canExecute ? 'Start one to talk to this agent.' : 'Nobody has talked to this agent yet.'}
          </p>
        </div>
      );
    }
    return (
      <>
        <ul className="flex flex-col gap-0.5 p-2">
          {conversations.map((conversation) => (
            <ConversationListItem
              key={conversation.id}
              conversation={conversation}
              canExecute={canExecute}
              onDelete={setDeleting}
            />
          ))}
        </ul>
        {query.hasNextPage && (
          <div className="px-4 pb-4">
            <Button size="sm" className="w-full" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
              Load more
            </Button>
          </div>
        )}
      </>
    );
  };

  return (
    <nav
      aria-label="Conversations"
      className="flex max-h-56 shrink-0 flex-col border-b border-slate-200 bg-slate-50/60 lg:max-h-none lg:w-72 lg:border-r lg:border-b-0"
    >
      <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-4 py-3">
        <div className="min-w-0">
          <h2 className="text-sm font-semibold text-slate-900">Conversations</h2>
          {firstPage && <p className="text-xs text-slate-500">{pluralizeTotal(firstPage, 'conversation')}</p>}
        </div>
        {canExecute && (
          <Button
            size="sm"
            variant="primary"
            onClick={start}
            loading={pending}
            icon={<Plus className="size-3.5" aria-hidden="true" />}
            className="shrink-0"
            aria-label="New conversation"
          >
            New
          </Button>
        )}
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">{body()}</div>

      <DeleteConversationDialog
        conversation={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(conversation) => {
          if (conversation.id === openId) void navigate(`/agents/${agent.id}/chat`, { replace: true });
        }}
      />
    </nav>
  );
}
