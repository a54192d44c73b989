import type { Member, Role } from '@agent-fleet/contracts';
import { Table, TBody, Th, THead, Tr } from '../../../components/ui/Table';
import { MemberRow } from './MemberRow';

export interface MembersTableProps {
  members: readonly Member[];
  selfId: string | undefined;
  /** Decides per member whether the viewer may change them. */
  canManage: (member: Member) => boolean;
  grantable: readonly Role[];
  onRemove: (member: Member) => void;
}

export function MembersTable({ members, selfId, canManage, grantable, onRemove }: MembersTableProps) {
  return (
    <Table aria-label="Members">
      <THead>
        <Tr>
          <Th>Member</Th>
          <Th>Role</Th>
          <Th>Status</Th>
          <Th>Joined</Th>
          <Th actions>
            <span className="sr-only">Actions</span>
          </Th>
        </Tr>
      </THead>
      <TBody>
        {members.map((member) => (
          <MemberRow
            key={member.userId}
            member={member}
            isSelf={member.userId === selfId}
            manageable={canManage(member)}
            grantable={grantable}
            onRemove={onRemove}
          />
        ))}
      </TBody>
    </Table>
  );
}
