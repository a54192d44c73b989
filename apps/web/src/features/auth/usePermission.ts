import type { Permission } from '@agent-fleet/contracts';
import { useCallback } from 'react';
import { useAuth } from './useAuth';

/**
 * A checker for the current workspace's permissions. The UI uses it to hide what the role cannot
 * do; the server enforces the same rules regardless.
 */
export function usePermissions(): (permission: Permission) => boolean {
  const { membership } = useAuth();
  return useCallback((permission: Permission) => membership?.permissions.includes(permission) ?? false, [membership]);
}

/** Whether the current role holds `permission` in the current workspace. */
export function usePermission(permission: Permission): boolean {
  return usePermissions()(permission);
}
