import type { ModelInfo } from '@agent-fleet/contracts';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { useToast } from '../../../components/ui/useToast';
import { useResetModelPrice } from '../api';

export interface ResetModelPriceDialogProps {
  /** The overridden model; the dialog is open while this is set. */
  model: ModelInfo | null;
  onClose: () => void;
}

export function ResetModelPriceDialog({ model, onClose }: ResetModelPriceDialogProps) {
  const reset = useResetModelPrice();
  const toast = useToast();

  const close = () => {
    reset.reset();
    onClose();
  };

  const confirm = () => {
    if (!model) return;
    reset.mutate(
      { provider: model.provider, model: model.model },
      {
        onSuccess: () => {
          toast.success('Prices reset', `${model.provider}/${model.model} uses the catalogue prices again.`);
          close();
        },
      },
    );
  };

  return (
    <ConfirmDialog
      open={model !== null}
      title={model ? `Reset prices of ${model.label}?` : 'Reset prices?'}
      description="The workspace’s prices are deleted and the catalogue prices apply to later calls. A model the catalogue does not list disappears from this table."
      confirmLabel="Reset prices"
      pending={reset.isPending}
      error={reset.error}
      onConfirm={confirm}
      onCancel={close}
    />
  );
}
