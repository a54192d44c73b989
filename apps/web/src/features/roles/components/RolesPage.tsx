import type { Role } from '@agent-fleet/contracts';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button } from '../../../components/ui/Button';
import { ErrorState } from '../../../components/ui/ErrorState';
import { Skeleton } from '../../../components/ui/Skeleton';
import { usePermission } from '../../auth/usePermission';
import { SettingsSection } from '../../settings/components/SettingsSection';
import { useRoles } from '../api';
import { DeleteRoleDialog } from './DeleteRoleDialog';
import { RoleDetailsCard } from './RoleDetailsCard';
import { RoleDialog } from './RoleDialog';
import { RoleList } from './RoleList';

type Editing = { kind: 'create' } | { kind: 'edit'; role: Role } | { kind: 'delete'; role: Role } | null;

function RolesSkeleton() {
  return (
    <div role="status" aria-label="Loading roles" className="grid gap-6 lg:grid-cols-[11rem_minmax(0,1fr)]">
      <div className="flex flex-col gap-2">
        {Array.from({ length: 5 }, (_, index) => (
          <Skeleton key={index} className="h-9 rounded-lg" />
        ))}
      </div>
      <Skeleton className="h-96 rounded-xl" />
    </div>
  );
}

export function RolesPage() {
  const query = useRoles();
  const canManage = usePermission('members:manage');
  const [searchParams, setSearchParams] = useSearchParams();
  const [editing, setEditing] = useState<Editing>(null);
  const roles = query.data?.items ?? [];
  const selected = roles.find((role) => role.name === searchParams.get('role')) ?? roles[0];
  const select = (name: string) => setSearchParams({ role: name }, { replace: true });

  const body = () => {
    if (query.isError) {
      return (
        <div className="rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
          <ErrorState
            error={query.error}
            title="Could not load roles"
            onRetry={() => void query.refetch()}
            retrying={query.isFetching}
          />
        </div>
      );
    }
    if (!query.data || !selected) return <RolesSkeleton />;
    return (
      <div className="grid items-start gap-6 lg:grid-cols-[11rem_minmax(0,1fr)]">
        <RoleList roles={roles} selected={selected.name} onSelect={select} />
        <RoleDetailsCard
          role={selected}
          onEdit={canManage ? () => setEditing({ kind: 'edit', role: selected }) : undefined}
          onDelete={canManage ? () => setEditing({ kind: 'delete', role: selected }) : undefined}
        />
      </div>
    );
  };

  return (
    <SettingsSection
      title="Roles"
      description="What each role may do in this workspace. Built-in roles are fixed; custom roles hold any subset of your own permissions."
      actions={
        canManage && (
          <Button
            variant="primary"
            onClick={() => setEditing({ kind: 'create' })}
            icon={<Plus className="size-4" aria-hidden="true" />}
          >
            New role
          </Button>
        )
      }
    >
      {body()}
      {(editing?.kind === 'create' || editing?.kind === 'edit') && (
        <RoleDialog
          role={editing.kind === 'edit' ? editing.role : undefined}
          onClose={() => setEditing(null)}
          onSaved={(role) => {
            setEditing(null);
            select(role.name);
          }}
        />
      )}
      {editing?.kind === 'delete' && (
        <DeleteRoleDialog
          role={editing.role}
          onClose={() => setEditing(null)}
          onDeleted={() => {
            setEditing(null);
            setSearchParams({}, { replace: true });
          }}
        />
      )}
    </SettingsSection>
  );
}
