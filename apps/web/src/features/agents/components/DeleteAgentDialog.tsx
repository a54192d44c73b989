import type { Agent } from '@agent-fleet/contracts';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { useToast } from '../../../components/ui/useToast';
import { useDeleteAgent } from '../api';

export interface DeleteAgentDialogProps {
  /** The agent to delete; the dialog is open while this is set. */
  agent: Pick<Agent, 'id' | 'name'> | null;
  onClose: () => void;
  /** After the server confirmed the deletion, e.g. to navigate away. */
  onDeleted?: () => void;
}

export function DeleteAgentDialog({ agent, onClose, onDeleted }: DeleteAgentDialogProps) {
  const deletion = useDeleteAgent();
  const toast = useToast();

  const close = () => {
    deletion.reset();
    onClose();
  };

  const confirm = () => {
    if (!agent) return;
    deletion.mutate(agent.id, {
      onSuccess: () => {
        toast.success('Agent deleted', `“${agent.name}” is gone for good.`);
        deletion.reset();
        onDeleted?.();
        onClose();
      },
    });
  };

  return (
    <ConfirmDialog
      open={agent !== null}
      title={agent ? `Delete “${agent.name}”?` : 'Delete agent?'}
      description="The agent and its configuration are removed permanently. This cannot be undone."
      confirmLabel="Delete agent"
      pending={deletion.isPending}
      error={deletion.error}
      onConfirm={confirm}
      onCancel={close}
    />
  );
}
