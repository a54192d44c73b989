import { useNavigate } from 'react-router';
import { ConfirmDialog } from '../../../../components/ui/ConfirmDialog';
import { useToast } from '../../../../components/ui/useToast';
import { isApiError } from '../../../../lib/api-error';
import { useDeletePrompt } from '../../mutations';

export interface DeletePromptDialogProps {
  name: string;
  open: boolean;
  /** How many agents use it, as last loaded; deleting is refused while any do. */
  usageCount: number | undefined;
  onClose: () => void;
}

export function DeletePromptDialog({ name, open, usageCount, onClose }: DeletePromptDialogProps) {
  const deletion = useDeletePrompt();
  const toast = useToast();
  const navigate = useNavigate();
  const inUse = isApiError(deletion.error) && deletion.error.code === 'prompt_in_use';

  const close = () => {
    deletion.reset();
    onClose();
  };

  const confirm = () =>
    deletion.mutate(name, {
      onSuccess: () => {
        toast.success('Prompt deleted', `“${name}” and all its versions are gone.`);
        void navigate('/prompts', { replace: true });
      },
    });

  return (
    <ConfirmDialog
      open={open}
      title={`Delete “${name}”?`}
      description={
        inUse
          ? 'It is still in use: change the agents listed on this page to another prompt first, then delete it.'
          : usageCount
            ? `${usageCount === 1 ? 'One agent uses' : `${usageCount} agents use`} this prompt, so the server will refuse. Change them first.`
            : 'The template, every version and its labels are removed permanently. This cannot be undone.'
      }
      confirmLabel="Delete prompt"
      pending={deletion.isPending}
      error={deletion.error}
      onConfirm={confirm}
      onCancel={close}
    />
  );
}
