import type { Provider } from '@agent-fleet/contracts';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { useToast } from '../../../components/ui/useToast';
import { useDeleteProvider } from '../api';

export interface DeleteProviderDialogProps {
  /** The provider whose workspace settings to delete; the dialog is open while this is set. */
  provider: Provider | null;
  onClose: () => void;
}

export function DeleteProviderDialog({ provider, onClose }: DeleteProviderDialogProps) {
  const removal = useDeleteProvider();
  const toast = useToast();

  const close = () => {
    removal.reset();
    onClose();
  };

  const confirm = () => {
    if (!provider) return;
    removal.mutate(provider.id, {
      onSuccess: () => {
        toast.success('Provider settings deleted', `This workspace no longer stores settings for “${provider.id}”.`);
        close();
      },
    });
  };

  return (
    <ConfirmDialog
      open={provider !== null}
      title={provider ? `Delete settings for “${provider.id}”?` : 'Delete provider settings?'}
      description="The base URL and API key stored for this workspace are deleted. Agents using its models fail until it is set up again, unless the server environment configures it."
      confirmLabel="Delete settings"
      pending={removal.isPending}
      error={removal.error}
      onConfirm={confirm}
      onCancel={close}
    />
  );
}
