import type { Role } from '@agent-fleet/contracts';
import { Pencil, Trash2 } from 'lucide-react';
import { Badge } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { pluralize } from '../../../lib/format';
import { roleLabel } from '../role-options';
import { PermissionMatrix } from './PermissionMatrix';

export interface RoleDetailsCardProps {
  role: Role;
  /** Absent when the viewer may not change roles. */
  onEdit?: () => void;
  onDelete?: () => void;
}

export function RoleDetailsCard({ role, onEdit, onDelete }: RoleDetailsCardProps) {
  const editable = !role.builtIn;
  return (
    <section aria-label={`Role ${role.name}`} className="overflow-hidden rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
      <header className="flex flex-col gap-3 border-b border-slate-100 px-5 py-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="text-base font-semibold text-slate-900">{roleLabel(role.name)}</h3>
            <Badge tone={role.builtIn ? 'neutral' : 'indigo'}>{role.builtIn ? 'Built-in' : 'Custom'}</Badge>
          </div>
          <p className="mt-1 text-sm text-slate-500">{role.description || 'No description.'}</p>
          <p className="mt-1 text-xs text-slate-400">
            {pluralize(role.permissions.length, 'permission')} · held by {pluralize(role.memberCount, 'member')}
          </p>
        </div>
        {editable && (onEdit || onDelete) && (
          <div className="flex shrink-0 gap-2">
            {onEdit && (
              <Button size="sm" onClick={onEdit} icon={<Pencil className="size-3.5" aria-hidden="true" />}>
                Edit
              </Button>
            )}
            {onDelete && (
              <Button
                size="sm"
                onClick={onDelete}
                icon={<Trash2 className="size-3.5" aria-hidden="true" />}
                className="text-red-600 hover:bg-red-50 hover:text-red-700"
              >
                Delete
              </Button>
            )}
          </div>
        )}
      </header>
      <PermissionMatrix permissions={role.permissions} label={`Permissions of ${role.name}`} />
    </section>
  );
}
