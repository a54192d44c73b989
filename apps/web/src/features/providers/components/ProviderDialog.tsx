import type { Provider } from '@agent-fleet/contracts';
import { useId } from 'react';
import { FormDialog } from '../../../components/ui/FormDialog';
import { useToast } from '../../../components/ui/useToast';
import { useUpsertProvider } from '../api';
import { ProviderForm } from './ProviderForm';

export interface ProviderDialogProps {
  /** The provider to edit; null to add one. */
  provider: Provider | null;
  existing: readonly Provider[];
  onClose: () => void;
}

/** Adds a provider, or edits this workspace's settings for one (which then take precedence over the environment). */
export function ProviderDialog({ provider, existing, onClose }: ProviderDialogProps) {
  const formId = useId();
  const save = useUpsertProvider();
  const toast = useToast();

  return (
    <FormDialog
      open
      onClose={onClose}
      title={provider ? `Edit “${provider.id}”` : 'Add a provider'}
      description={
        provider?.source === 'environment'
          ? 'Set by the server environment. Saving here stores workspace settings that take precedence.'
          : 'Agents of this workspace can use its models once it is ready.'
      }
      formId={formId}
      submitLabel={provider ? 'Save provider' : 'Add provider'}
      pending={save.isPending}
    >
      <ProviderForm
        id={formId}
        provider={provider}
        existing={existing}
        pending={save.isPending}
        onSubmit={(id, body, onError) =>
          save.mutate(
            { id, body },
            {
              onSuccess: (saved) => {
                toast.success(
                  provider ? 'Provider saved' : 'Provider added',
                  saved.ready ? undefined : `“${saved.id}” needs an API key before it can be used.`,
                );
                onClose();
              },
              onError,
            },
          )
        }
      />
    </FormDialog>
  );
}
