import type { Invitation } from '@agent-fleet/contracts';
import { Mail, Link2 } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../../components/ui/Button';
import { Card } from '../../../components/ui/Card';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { ErrorState } from '../../../components/ui/ErrorState';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useToast } from '../../../components/ui/useToast';
import { formatDateTime, formatRelativeTime } from '../../../lib/format';
import { RoleBadge } from '../../roles/components/RoleBadge';
import { isPending, useInvitations, useRevokeInvitation } from '../api';

const who = (invitation: Invitation) => invitation.email ?? 'Anyone with the link';

/** Invitations nobody has used yet, each revocable. */
export function InvitationsCard() {
  const query = useInvitations();
  const revoke = useRevokeInvitation();
  const toast = useToast();
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const pending = (query.data?.items ?? []).filter((invitation) => isPending(invitation));

  const close = () => {
    revoke.reset();
    setRevoking(null);
  };

  const confirm = () => {
    if (!revoking) return;
    revoke.mutate(revoking.id, {
      onSuccess: () => {
        toast.success('Invitation revoked', 'Its link no longer works.');
        close();
      },
    });
  };

  const body = () => {
    if (query.isError) {
      return (
        <ErrorState
          error={query.error}
          title="Could not load invitations"
          onRetry={() => void query.refetch()}
          className="py-8"
        />
      );
    }
    if (!query.data) {
      return (
        <div role="status" aria-label="Loading invitations" className="flex flex-col gap-3 px-5 py-4">
          <Skeleton className="h-4 w-2/3" />
          <Skeleton className="h-4 w-1/2" />
        </div>
      );
    }
    if (pending.length === 0) {
      return (
        <p className="px-5 py-6 text-sm text-slate-500">
          No pending invitations. Links you create appear here until they are used.
        </p>
      );
    }
    return (
      <ul aria-label="Pending invitations" className="divide-y divide-slate-100">
        {pending.map((invitation) => (
          <li key={invitation.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-5 py-3">
            <span
              className="flex size-8 shrink-0 items-center justify-center rounded-full bg-slate-100 text-slate-500"
              aria-hidden="true"
            >
              {invitation.email ? <Mail className="size-4" /> : <Link2 className="size-4" />}
            </span>
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm font-medium text-slate-900">{who(invitation)}</p>
              <p className="text-xs text-slate-500">
                Created {formatRelativeTime(invitation.createdAt)} ·{' '}
                <time dateTime={invitation.expiresAt} title={formatDateTime(invitation.expiresAt)}>
                  expires {formatRelativeTime(invitation.expiresAt)}
                </time>
              </p>
            </div>
            <RoleBadge role={invitation.role} />
            <Button
              size="sm"
              variant="danger-ghost"
              onClick={() => setRevoking(invitation)}
              aria-label={`Revoke invitation for ${who(invitation)}`}
            >
              Revoke
            </Button>
          </li>
        ))}
      </ul>
    );
  };

  return (
    <Card title="Pending invitations" description="Sign-up links that have not been used yet." flush>
      {body()}
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this invitation?"
        description={
          revoking ? `The link for ${who(revoking)} stops working at once. You can create a new one any time.` : undefined
        }
        confirmLabel="Revoke invitation"
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={confirm}
        onCancel={close}
      />
    </Card>
  );
}
