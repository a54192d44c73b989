import type { ApiKeyCreated } from '@agent-fleet/contracts';
import { useId, useState } from 'react';
import { Button } from '../../../components/ui/Button';
import { Dialog } from '../../../components/ui/Dialog';
import { FormDialog } from '../../../components/ui/FormDialog';
import { roleLabel } from '../../roles/role-options';
import { useCreateApiKey } from '../api';
import { ApiKeyForm } from './ApiKeyForm';
import { ApiKeyReveal } from './ApiKeyReveal';

/** Creates a key, then shows its secret once; closing only by "Done" so it is not lost by a stray click. */
export function CreateApiKeyDialog({ onClose }: { onClose: () => void }) {
  const formId = useId();
  const create = useCreateApiKey();
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);

  if (created) {
    return (
      <Dialog
        open
        size="lg"
        onClose={onClose}
        dismissible={false}
        title="Key created"
        description={`“${created.name}” can call the API as ${roleLabel(created.role)} in this workspace.`}
        footer={
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        }
      >
        <ApiKeyReveal apiKey={created} />
      </Dialog>
    );
  }

  return (
    <FormDialog
      open
      onClose={onClose}
      title="Create a key"
      description="An API key for scripts and CI. It acts in this workspace with the role you choose."
      formId={formId}
      submitLabel="Create key"
      pending={create.isPending}
    >
      <ApiKeyForm
        id={formId}
        pending={create.isPending}
        onSubmit={(input, onError) => create.mutate(input, { onSuccess: setCreated, onError })}
      />
    </FormDialog>
  );
}
