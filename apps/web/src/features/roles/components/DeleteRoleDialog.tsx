import type { Role } from '@agent-fleet/contracts';
import { useRef } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/Button';
import { Dialog } from '../../../components/ui/Dialog';
import { Notice } from '../../../components/ui/Notice';
import { useToast } from '../../../components/ui/useToast';
import { errorMessage, isApiError } from '../../../lib/api-error';
import { pluralize } from '../../../lib/format';
import { useDeleteRole } from '../api';

export interface DeleteRoleDialogProps {
  role: Role;
  onClose: () => void;
  onDeleted: () => void;
}

/** Deletes a custom role; one that members still hold cannot go until they have another. */
export function DeleteRoleDialog({ role, onClose, onDeleted }: DeleteRoleDialogProps) {
  const deletion = useDeleteRole();
  const toast = useToast();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const holders =
    role.memberCount > 0
      ? `${pluralize(role.memberCount, 'member')} ${role.memberCount === 1 ? 'holds' : 'hold'}`
      : 'Some members hold';
  const inUse = role.memberCount > 0 || (isApiError(deletion.error) && deletion.error.code === 'role_in_use');

  const confirm = () => {
    if (!role.id) return;
    deletion.mutate(role.id, {
      onSuccess: () => {
        toast.success('Role deleted', `“${role.name}” is gone.`);
        onDeleted();
      },
    });
  };

  return (
    <Dialog
      open
      onClose={onClose}
      dismissible={!deletion.isPending}
      initialFocusRef={cancelRef}
      title={`Delete role “${role.name}”?`}
      description="The role and its permissions are removed. API keys and invitations that name it stop working."
      footer={
        <>
          <Button ref={cancelRef} onClick={onClose} disabled={deletion.isPending}>
            {inUse ? 'Close' : 'Cancel'}
          </Button>
          <Button variant="danger" onClick={confirm} loading={deletion.isPending} disabled={inUse}>
            Delete role
          </Button>
        </>
      }
    >
      {inUse ? (
        <Notice tone="warning" title="This role is still in use">
          {holders} this role. Give them another role first:{' '}
          <Link to="/settings/members" className="font-medium underline underline-offset-2">
            open the member list
          </Link>
          .
        </Notice>
      ) : (
        deletion.error !== null && (
          <Notice tone="danger" title="That did not work">
            {errorMessage(deletion.error)}
          </Notice>
        )
      )}
    </Dialog>
  );
}
