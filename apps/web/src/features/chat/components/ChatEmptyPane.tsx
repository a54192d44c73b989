import { MessagesSquare, Plus } from 'lucide-react';
import { Button } from '../../../components/ui/Button';
import { EmptyState } from '../../../components/ui/EmptyState';
import { useChatOutlet } from '../hooks/useChatOutlet';
import { useStartConversation } from '../hooks/useStartConversation';

/** The chat page before a conversation is open. */
export function ChatEmptyPane() {
  const { agent, canExecute } = useChatOutlet();
  const { start, pending } = useStartConversation(agent.id);
  return (
    <div className="flex flex-1 items-center justify-center">
      <EmptyState
        icon={<MessagesSquare />}
        title={`Chat with ${agent.name}`}
        description={
          canExecute
            ? 'Start a new conversation, or open one from the list to carry on where it left off.'
            : 'Open a conversation from the list to read it. Your role can read conversations but not send messages.'
        }
        action={
          canExecute && (
            <Button variant="primary" onClick={start} loading={pending} icon={<Plus className="size-4" aria-hidden="true" />}>
              Start a conversation
            </Button>
          )
        }
      />
    </div>
  );
}
