import type { Permission } from '@agent-fleet/contracts';
import type { ReactNode } from 'react';
import { usePermission } from '../usePermission';
import { NoAccess } from './NoAccess';

export interface RequirePermissionProps {
  permission: Permission;
  /** Names the page in the explanation, e.g. "the audit log". */
  what?: string;
  children: ReactNode;
}

/** Renders `children` only for roles holding `permission`; others see why not. */
export function RequirePermission({ permission, what, children }: RequirePermissionProps) {
  return usePermission(permission) ? children : <NoAccess what={what} />;
}
