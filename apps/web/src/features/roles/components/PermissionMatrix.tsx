import type { Permission } from '@agent-fleet/contracts';
import { ACTIONS, DECISION_PERMISSIONS, RESOURCES } from '@agent-fleet/contracts/constants';
import { Check } from 'lucide-react';
import { RowTh, Table, TBody, Td, Th, THead, Tr } from '../../../components/ui/Table';
import { ACTION_LABELS, DECISION_LABELS, RESOURCE_LABELS } from '../permission-labels';

export interface PermissionMatrixProps {
  permissions: readonly Permission[];
  /** Accessible name of the grid, e.g. "Permissions of editor". */
  label: string;
}

/** Resources down, actions across, a check where the role may act. */
export function PermissionMatrix({ permissions, label }: PermissionMatrixProps) {
  const held = new Set(permissions);
  return (
    <Table aria-label={label}>
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
            <RowTh className="whitespace-nowrap">{RESOURCE_LABELS[resource]}</RowTh>
            {ACTIONS.map((action) => {
              const allowed = held.has(`${resource}:${action}`);
              return (
                <Td key={action} className="px-2 text-center">
                  {allowed ? (
                    <Check className="mx-auto size-4 text-emerald-600" aria-hidden="true" />
                  ) : (
                    <span className="mx-auto block h-px w-3 bg-slate-300" aria-hidden="true" />
                  )}
                  <span className="sr-only">{allowed ? 'Allowed' : 'Not allowed'}</span>
                </Td>
              );
            })}
          </Tr>
        ))}
        {DECISION_PERMISSIONS.map((permission) => (
          <Tr key={permission}>
            <RowTh className="whitespace-nowrap">{DECISION_LABELS[permission]}</RowTh>
            <Td colSpan={ACTIONS.length} className="px-2">
              {held.has(permission) ? (
                <Check className="size-4 text-emerald-600" aria-hidden="true" />
              ) : (
                <span className="block h-px w-3 bg-slate-300" aria-hidden="true" />
              )}
              <span className="sr-only">{held.has(permission) ? 'Allowed' : 'Not allowed'}</span>
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
