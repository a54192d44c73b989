import type { Permission } from '@agent-fleet/contracts';
import { ACTIONS, ALL_PERMISSIONS, DECISION_PERMISSIONS, RESOURCES } from '@agent-fleet/contracts/constants';
import { Button } from '../../../components/ui/Button';
import { RowTh, Table, TBody, Td, Th, THead, Tr } from '../../../components/ui/Table';
import { ACTION_LABELS, DECISION_LABELS, RESOURCE_LABELS } from '../permission-labels';

export interface PermissionPickerProps {
  value: readonly Permission[];
  onChange: (permissions: Permission[]) => void;
  /** What the editor holds; a role may hold nothing more, so the rest is disabled. */
  grantable: readonly Permission[];
  disabled?: boolean;
}

/** The permission grid with a checkbox per resource and action. */
export function PermissionPicker({ value, onChange, grantable, disabled = false }: PermissionPickerProps) {
  const selected = new Set(value);
  const allowed = new Set(grantable);
  // Emitted in the canonical order, so an unchanged set compares equal.
  const emit = (next: Set<Permission>) => onChange(ALL_PERMISSIONS.filter((permission) => next.has(permission)));

  const toggle = (permission: Permission, checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(permission);
    else next.delete(permission);
    emit(next);
  };

  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center justify-between gap-3">
        <p className="text-sm text-slate-500">
          {value.length} of {ALL_PERMISSIONS.length} selected
        </p>
        <div className="flex gap-1">
          <Button size="sm" variant="ghost" disabled={disabled} onClick={() => emit(new Set(grantable))}>
            Select all
          </Button>
          <Button size="sm" variant="ghost" disabled={disabled || value.length === 0} onClick={() => emit(new Set())}>
            Clear
          </Button>
        </div>
      </div>
      <div className="overflow-hidden rounded-lg ring-1 ring-slate-200">
        <Table aria-label="Permissions">
          <THead>
            <Tr>
              <Th>Resource</Th>
              {ACTIONS.map((action) => (
                <Th key={action} className="px-2 text-center">
                  {ACTION_LABELS[action]}
                </Th>
              ))}
            </Tr>
          </THead>
          <TBody>
            {RESOURCES.map((resource) => (
              <Tr key={resource}>
                <RowTh className="py-2 whitespace-nowrap">{RESOURCE_LABELS[resource]}</RowTh>
                {ACTIONS.map((action) => {
                  const permission: Permission = `${resource}:${action}`;
                  const mayGrant = allowed.has(permission);
                  return (
                    <Td key={action} className="px-2 py-2 text-center">
                      <input
                        type="checkbox"
                        aria-label={permission}
                        title={mayGrant ? permission : `${permission}: you do not hold this permission`}
                        checked={selected.has(permission)}
                        disabled={disabled || (!mayGrant && !selected.has(permission))}
                        onChange={(event) => toggle(permission, event.target.checked)}
                        className="size-4 cursor-pointer rounded accent-indigo-600 disabled:cursor-not-allowed disabled:opacity-40"
                      />
                    </Td>
                  );
                })}
              </Tr>
            ))}
            {DECISION_PERMISSIONS.map((permission) => {
              const mayGrant = allowed.has(permission);
              return (
                <Tr key={permission}>
                  <RowTh className="py-2 whitespace-nowrap">{DECISION_LABELS[permission]}</RowTh>
                  <Td colSpan={ACTIONS.length} className="px-2 py-2">
                    <input
                      type="checkbox"
                      aria-label={permission}
                      title={mayGrant ? permission : `${permission}: you do not hold this permission`}
                      checked={selected.has(permission)}
                      disabled={disabled || (!mayGrant && !selected.has(permission))}
                      onChange={(event) => toggle(permission, event.target.checked)}
                      className="size-4 cursor-pointer rounded accent-indigo-600 disabled:cursor-not-allowed disabled:opacity-40"
                    />
                  </Td>
                </Tr>
              );
            })}
          </TBody>
        </Table>
      </div>
    </div>
  );
}
