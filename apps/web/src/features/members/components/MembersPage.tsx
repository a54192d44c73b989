import type { Member } from '@agent-fleet/contracts';
import { UserPlus, Users } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../../components/ui/Button';
import { EmptyState } from '../../../components/ui/EmptyState';
import { QueryBoundary } from '../../../components/ui/QueryBoundary';
import { TableSkeleton } from '../../../components/ui/TableSkeleton';
import { pluralize } from '../../../lib/format';
import { useAuth } from '../../auth/useAuth';
import { usePermission } from '../../auth/usePermission';
import { useGrantableRoles } from '../../roles/useGrantableRoles';
import { SettingsSection } from '../../settings/components/SettingsSection';
import { useMembers } from '../api';
import { InvitationsCard } from './InvitationsCard';
import { InviteMemberDialog } from './InviteMemberDialog';
import { MembersTable } from './MembersTable';
import { RemoveMemberDialog } from './RemoveMemberDialog';

export function MembersPage() {
  const { user, membership } = useAuth();
  const canManage = usePermission('members:manage');
  const query = useMembers();
  const grantable = useGrantableRoles({ ownerOnlyByOwner: true });
  const [inviting, setInviting] = useState(false);
  const [removing, setRemoving] = useState<Member | null>(null);
  const workspaceName = membership?.workspaceName ?? 'this workspace';
  const members = query.data?.items;
  // Only owners touch owners; the server refuses anything else, so the controls are not offered.
  const manageable = (member: Member) => canManage && (member.role !== 'owner' || membership?.role === 'owner');

  const invite = canManage && (
    <Button variant="primary" onClick={() => setInviting(true)} icon={<UserPlus className="size-4" aria-hidden="true" />}>
      Invite member
    </Button>
  );

  return (
    <SettingsSection
      title="Members"
      description={
        members
          ? `${pluralize(members.length, 'person', 'people')} in ${workspaceName}.`
          : `People in ${workspaceName} and their roles.`
      }
      actions={invite}
    >
      <div className="overflow-hidden rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
        <QueryBoundary
          query={query}
          errorTitle="Could not load members"
          loading={<TableSkeleton label="Loading members" columns={[30, 16, 12, 12]} />}
          isEmpty={(data) => data.items.length === 0}
          empty={
            <EmptyState
              icon={<Users />}
              title="No members"
              description="Invite people to work on agents together."
              action={invite}
            />
          }
        >
          {(data) => (
            <MembersTable
              members={data.items}
              selfId={user?.id}
              canManage={manageable}
              grantable={grantable.roles}
              onRemove={setRemoving}
            />
          )}
        </QueryBoundary>
      </div>
      {canManage && <InvitationsCard />}
      {inviting && <InviteMemberDialog onClose={() => setInviting(false)} />}
      <RemoveMemberDialog member={removing} workspaceName={workspaceName} onClose={() => setRemoving(null)} />
    </SettingsSection>
  );
}
