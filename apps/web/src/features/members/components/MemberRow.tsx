import type { Member, Role } from '@agent-fleet/contracts';
import { Trash2, UserCheck, UserX } from 'lucide-react';
import { Avatar } from '../../../components/ui/Avatar';
import { Badge } from '../../../components/ui/Badge';
import { Select } from '../../../components/ui/Select';
import { RowActions } from '../../../components/ui/RowActions';
import { Td, Tr } from '../../../components/ui/Table';
import { useToast } from '../../../components/ui/useToast';
import { errorMessage } from '../../../lib/api-error';
import { formatDateTime, formatRelativeTime } from '../../../lib/format';
import { RoleBadge } from '../../roles/components/RoleBadge';
import { roleLabel } from '../../roles/role-options';
import { useUpdateMember } from '../api';

export interface MemberRowProps {
  member: Member;
  isSelf: boolean;
  /** Whether the viewer may change this member at all (members:manage, and owners only by owners). */
  manageable: boolean;
  /** Roles the viewer may grant. */
  grantable: readonly Role[];
  onRemove: (member: Member) => void;
}

export function MemberRow({ member, isSelf, manageable, grantable, onRemove }: MemberRowProps) {
  const update = useUpdateMember();
  const toast = useToast();
  const nameId = `member-${member.userId}`;
  // A role the viewer could not grant cannot be chosen; if the member holds one, it is shown as is.
  const canPickRole = manageable && !isSelf && grantable.some((role) => role.name === member.role);

  const change = (patch: { role?: string; active?: boolean }, success: string) =>
    update.mutate(
      { userId: member.userId, patch },
      {
        onSuccess: () => toast.success(success),
        onError: (error) => toast.error(`Could not update ${member.name}`, errorMessage(error)),
      },
    );

  return (
    <Tr>
      <Td className="min-w-56">
        <div className="flex items-center gap-3">
          <Avatar name={member.name} className={member.active ? undefined : 'opacity-50 grayscale'} />
          <div className="min-w-0">
            <p id={nameId} className="truncate font-medium text-slate-900">
              {member.name}
              {isSelf && <span className="ml-2 text-xs font-normal text-slate-500">(you)</span>}
            </p>
            <p className="truncate text-xs text-slate-500">{member.email}</p>
          </div>
        </div>
      </Td>
      <Td className="whitespace-nowrap">
        {canPickRole ? (
          <Select
            aria-label={`Role for ${member.name}`}
            value={member.role}
            disabled={update.isPending}
            onChange={(event) => change({ role: event.target.value }, `${member.name} is now ${roleLabel(event.target.value)}`)}
            className="w-40"
          >
            {grantable.map((role) => (
              <option key={role.name} value={role.name}>
                {roleLabel(role.name)}
              </option>
            ))}
          </Select>
        ) : (
          <RoleBadge role={member.role} />
        )}
      </Td>
      <Td>
        {member.active ? (
          <Badge tone="green" dot>
            Active
          </Badge>
        ) : (
          <Badge tone="slate" dot>
            Deactivated
          </Badge>
        )}
      </Td>
      <Td className="whitespace-nowrap text-slate-500">
        <time dateTime={member.joinedAt} title={formatDateTime(member.joinedAt)}>
          {formatRelativeTime(member.joinedAt)}
        </time>
      </Td>
      <RowActions
        describedBy={nameId}
        actions={
          manageable && !isSelf
            ? [
                member.active
                  ? {
                      label: 'Deactivate',
                      icon: UserX,
                      loading: update.isPending && update.variables.patch.active === false,
                      disabled: update.isPending,
                      onSelect: () => change({ active: false }, `${member.name} is deactivated`),
                    }
                  : {
                      label: 'Reactivate',
                      icon: UserCheck,
                      loading: update.isPending && update.variables.patch.active === true,
                      disabled: update.isPending,
                      onSelect: () => change({ active: true }, `${member.name} is active again`),
                    },
                {
                  label: 'Remove',
                  title: 'Remove from workspace',
                  icon: Trash2,
                  iconOnly: true,
                  danger: true,
                  onSelect: () => onRemove(member),
                },
              ]
            : []
        }
      />
    </Tr>
  );
}
