import { usePermission } from '../../auth/usePermission';

export interface FleetPermissions {
  canCreate: boolean;
  /** Edit the settings and the members. */
  canUpdate: boolean;
  canDelete: boolean;
  /** Pause, drain and resume. */
  canManage: boolean;
  /** Submit and cancel tasks. */
  canExecute: boolean;
}

/**
 * What the current role may do with fleets. The UI hides what it cannot; the server enforces the same
 * rules, and its 403s are still shown for the case the role changed meanwhile.
 */
export function useFleetPermissions(): FleetPermissions {
  return {
    canCreate: usePermission('fleets:create'),
    canUpdate: usePermission('fleets:update'),
    canDelete: usePermission('fleets:delete'),
    canManage: usePermission('fleets:manage'),
    canExecute: usePermission('fleets:execute'),
  };
}
