import type { InvitationCreated } from '@agent-fleet/contracts';
import { useId, useState } from 'react';
import { Button } from '../../../components/ui/Button';
import { Dialog } from '../../../components/ui/Dialog';
import { FormDialog } from '../../../components/ui/FormDialog';
import { useCreateInvitation } from '../api';
import { InvitationLink } from './InvitationLink';
import { InviteForm } from './InviteForm';

/** Creates an invitation, then shows its link: the only time the token is ever visible. */
export function InviteMemberDialog({ onClose }: { onClose: () => void }) {
  const formId = useId();
  const create = useCreateInvitation();
  const [created, setCreated] = useState<InvitationCreated | null>(null);

  if (created) {
    return (
      <Dialog
        open
        onClose={onClose}
        title="Invitation ready"
        description="Send this link to the person you are inviting. It signs them up straight into this workspace."
        footer={
          <>
            <Button onClick={() => setCreated(null)}>Invite someone else</Button>
            <Button variant="primary" onClick={onClose}>
              Done
            </Button>
          </>
        }
      >
        <InvitationLink invitation={created} />
      </Dialog>
    );
  }

  return (
    <FormDialog
      open
      onClose={onClose}
      title="Invite a member"
      description="Create a sign-up link with a role. It works once, and only for the email address if you give one."
      formId={formId}
      submitLabel="Create invitation"
      pending={create.isPending}
    >
      <InviteForm
        id={formId}
        pending={create.isPending}
        onSubmit={(input, onError) => create.mutate(input, { onSuccess: setCreated, onError })}
      />
    </FormDialog>
  );
}
