import { FileQuestion } from 'lucide-react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { Button } from '../../../components/ui/Button';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorState } from '../../../components/ui/ErrorState';
import { Skeleton } from '../../../components/ui/Skeleton';
import { isApiError } from '../../../lib/api-error';
import { useConversation } from '../api';
import { useChatOutlet } from '../hooks/useChatOutlet';
import { ConversationThread } from './ConversationThread';

/** The open conversation. Keyed by id, so switching conversations starts from a clean state. */
export function ConversationPane() {
  const { conversationId = '' } = useParams();
  return <ConversationLoader key={conversationId} conversationId={conversationId} />;
}

function ConversationLoader({ conversationId }: { conversationId: string }) {
  const { agent, canExecute } = useChatOutlet();
  const navigate = useNavigate();
  const query = useConversation(conversationId);

  if (query.data) {
    // A link may name another agent's conversation (e.g. from a task an agent asked): show it under its own agent.
    if (query.data.agentId !== agent.id) {
      return <Navigate to={`/agents/${query.data.agentId}/chat/${query.data.id}`} replace />;
    }
    return <ConversationThread conversation={query.data} agent={agent} canExecute={canExecute} />;
  }
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) {
      return (
        <div className="flex flex-1 items-center justify-center">
          <EmptyState
            icon={<FileQuestion />}
            title="Conversation not found"
            description="It may have been deleted, or the link is wrong."
            action={<Button onClick={() => void navigate(`/agents/${agent.id}/chat`)}>Back to the conversations</Button>}
          />
        </div>
      );
    }
    return (
      <ErrorState
        error={query.error}
        title="Could not load the conversation"
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  }
  return (
    <div role="status" aria-label="Loading conversation" className="flex flex-col gap-4 p-6">
      <Skeleton className="h-5 w-64" />
      <Skeleton className="ml-auto h-12 w-1/2 rounded-xl" />
      <Skeleton className="h-20 w-2/3 rounded-xl" />
    </div>
  );
}
