import type { ApiKeyCreated } from '@agent-fleet/contracts';
import { useId, useState } from 'react';
import { Button } from '../../../components/ui/Button';
import { Dialog } from '../../../components/ui/Dialog';
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
    <Dialog
      open
      onClose={onClose}
      dismissible={!create.isPending}
      title="Create a key"
      description="An API key for scripts and CI. It acts in this workspace with the role you choose."
      footer={
        <>
          <Button onClick={onClose} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" form={formId} variant="primary" loading={create.isPending}>
            Create key
          </Button>
        </>
      }
    >
      <ApiKeyForm
        id={formId}
        pending={create.isPending}
        onSubmit={(input, onError) => create.mutate(input, { onSuccess: setCreated, onError })}
      />
    </Dialog>
  );
}
