import { useNavigate } from 'react-router';
import { useToast } from '../../../components/ui/useToast';
import { errorMessage } from '../../../lib/api-error';
import { useCreateConversation } from '../api';

/** Creates a conversation with the agent and opens it. */
export function useStartConversation(agentId: string) {
  const create = useCreateConversation();
  const navigate = useNavigate();
  const toast = useToast();
  const start = () =>
    create.mutate(
      { agentId },
      {
        onSuccess: (conversation) => void navigate(`/agents/${agentId}/chat/${conversation.id}`),
        onError: (error) => toast.error('Could not start a conversation', errorMessage(error)),
      },
    );
  return { start, pending: create.isPending };
}
