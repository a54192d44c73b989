import type { Member } from '@agent-fleet/contracts';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { useToast } from '../../../components/ui/useToast';
import { useRemoveMember } from '../api';

export interface RemoveMemberDialogProps {
  /** The member to remove; the dialog is open while this is set. */
  member: Member | null;
  workspaceName: string;
  onClose: () => void;
}

export function RemoveMemberDialog({ member, workspaceName, onClose }: RemoveMemberDialogProps) {
  const removal = useRemoveMember();
  const toast = useToast();

  const close = () => {
    removal.reset();
    onClose();
  };

  const confirm = () => {
    if (!member) return;
    removal.mutate(member.userId, {
      onSuccess: () => {
        toast.success('Member removed', `${member.name} no longer has access to ${workspaceName}.`);
        close();
      },
    });
  };

  return (
    <ConfirmDialog
      open={member !== null}
      title={member ? `Remove ${member.name}?` : 'Remove member?'}
      description={`They lose access to ${workspaceName} at once, and API keys they created here stop working. Their account stays; invite them again to bring them back.`}
      confirmLabel="Remove member"
      pending={removal.isPending}
      error={removal.error}
      onConfirm={confirm}
      onCancel={close}
    />
  );
}
