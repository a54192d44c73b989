import type { Conversation } from '@agent-fleet/contracts';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { useToast } from '../../../components/ui/useToast';
import { useDeleteConversation } from '../api';

export interface DeleteConversationDialogProps {
  /** The conversation to delete; the dialog is open while this is set. */
  conversation: Conversation | null;
  onClose: () => void;
  /** After the server confirmed, e.g. to leave the deleted conversation's page. */
  onDeleted?: (conversation: Conversation) => void;
}

export function DeleteConversationDialog({ conversation, onClose, onDeleted }: DeleteConversationDialogProps) {
  const deletion = useDeleteConversation();
  const toast = useToast();

  const close = () => {
    deletion.reset();
    onClose();
  };

  const confirm = () => {
    if (!conversation) return;
    deletion.mutate(conversation.id, {
      onSuccess: () => {
        toast.success('Conversation deleted', `“${conversation.title}” is gone.`);
        deletion.reset();
        onDeleted?.(conversation);
        onClose();
      },
    });
  };

  return (
    <ConfirmDialog
      open={conversation !== null}
      title={conversation ? `Delete “${conversation.title}”?` : 'Delete conversation?'}
      description="Its messages are removed permanently; a reply being written is stopped. The agent's task history and usage stay."
      confirmLabel="Delete conversation"
      pending={deletion.isPending}
      error={deletion.error}
      onConfirm={confirm}
      onCancel={close}
    />
  );
}
