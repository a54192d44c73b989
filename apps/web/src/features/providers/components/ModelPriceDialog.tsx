import type { ModelInfo } from '@agent-fleet/contracts';
import { useId } from 'react';
import { FormDialog } from '../../../components/ui/FormDialog';
import { useToast } from '../../../components/ui/useToast';
import { usePutModelPrice } from '../api';
import { ModelPriceForm } from './ModelPriceForm';

export interface ModelPriceDialogProps {
  /** The model to override; null to add a custom model. */
  model: ModelInfo | null;
  providerIds: readonly string[];
  defaultProvider: string;
  onClose: () => void;
}

export function ModelPriceDialog({ model, providerIds, defaultProvider, onClose }: ModelPriceDialogProps) {
  const formId = useId();
  const save = usePutModelPrice();
  const toast = useToast();

  return (
    <FormDialog
      open
      size="lg"
      onClose={onClose}
      title={model ? `Prices of ${model.label}` : 'Add model prices'}
      description={
        model ? (
          <>
            Overrides the catalogue for <span className="font-mono">{`${model.provider}/${model.model}`}</span> in this workspace.
            Costs of later calls use the new prices.
          </>
        ) : (
          'Prices for a model the catalogue does not know, e.g. one served by your own OpenAI-compatible server.'
        )
      }
      formId={formId}
      submitLabel="Save prices"
      pending={save.isPending}
    >
      <ModelPriceForm
        id={formId}
        model={model}
        providerIds={providerIds}
        defaultProvider={defaultProvider}
        pending={save.isPending}
        onSubmit={(body, onError) =>
          save.mutate(body, {
            onSuccess: (saved) => {
              toast.success('Prices saved', `${saved.provider}/${saved.model} now uses the workspace’s prices.`);
              onClose();
            },
            onError,
          })
        }
      />
    </FormDialog>
  );
}
