import type { InvitationCreated } from '@agent-fleet/contracts';
import { CopyField } from '../../../components/ui/CopyField';
import { Notice } from '../../../components/ui/Notice';
import { formatDateTime } from '../../../lib/format';
import { roleLabel } from '../../roles/role-options';

/**
 * The sign-up link of a fresh invitation. An invitation bound to an address carries it, so the
 * sign-up form starts with the only email that can use it.
 */
export const invitationUrl = (token: string, email?: string | null) => {
  const query = new URLSearchParams({ invite: token });
  if (email) query.set('email', email);
  return `${window.location.origin}/signup?${query.toString()}`;
};

export function InvitationLink({ invitation }: { invitation: InvitationCreated }) {
  return (
    <div className="flex flex-col gap-4">
      <CopyField
        id="invitation-link"
        label="Invitation link"
        value={invitationUrl(invitation.token, invitation.email)}
        hint={`${invitation.email ? `Only ${invitation.email} can use it` : 'Anyone with the link can use it'}, once, as ${roleLabel(invitation.role)}. It expires ${formatDateTime(invitation.expiresAt)}.`}
      />
      <Notice tone="warning" title="Copy the link now">
        It is shown only this once. If it gets lost, revoke the invitation and create a new one.
      </Notice>
    </div>
  );
}
