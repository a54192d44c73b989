import type { ApiKey } from '@agent-fleet/contracts';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { useToast } from '../../../components/ui/useToast';
import { useRevokeApiKey } from '../api';

export interface RevokeApiKeyDialogProps {
  /** The key to revoke; the dialog is open while this is set. */
  apiKey: ApiKey | null;
  onClose: () => void;
}

export function RevokeApiKeyDialog({ apiKey, onClose }: RevokeApiKeyDialogProps) {
  const revoke = useRevokeApiKey();
  const toast = useToast();

  const close = () => {
    revoke.reset();
    onClose();
  };

  const confirm = () => {
    if (!apiKey) return;
    revoke.mutate(apiKey.id, {
      onSuccess: () => {
        toast.success('API key revoked', `“${apiKey.name}” no longer works.`);
        close();
      },
    });
  };

  return (
    <ConfirmDialog
      open={apiKey !== null}
      title={apiKey ? `Revoke “${apiKey.name}”?` : 'Revoke API key?'}
      description="Scripts and CI jobs that use it are refused from now on. This cannot be undone."
      confirmLabel="Revoke key"
      pending={revoke.isPending}
      error={revoke.error}
      onConfirm={confirm}
      onCancel={close}
    />
  );
}
