import type { EndpointResponse } from '@agent-fleet/contracts';
import { useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useToast } from '../../../components/ui/useToast';
import { errorMessage } from '../../../lib/api-error';
import { conversationKeys, useCreateConversation } from '../api';

/**
 * Opens a fresh conversation with the agent. A conversation nobody has written in yet is reused
 * rather than joined by another one, so "New" never leaves a trail of empty conversations behind.
 */
export function useStartConversation(agentId: string) {
  const create = useCreateConversation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const open = (id: string) => void navigate(`/agents/${agentId}/chat/${id}`);
  const start = () => {
    const listed = queryClient.getQueryData<InfiniteData<EndpointResponse<'listConversations'>>>(conversationKeys.list(agentId));
    const empty = listed?.pages.flatMap((page) => page.items).find((conversation) => conversation.messageCount === 0);
    if (empty) return open(empty.id);
    create.mutate(
      { agentId },
      {
        onSuccess: (conversation) => open(conversation.id),
        onError: (error) => toast.error('Could not start a conversation', errorMessage(error)),
      },
    );
  };
  return { start, pending: create.isPending };
}
