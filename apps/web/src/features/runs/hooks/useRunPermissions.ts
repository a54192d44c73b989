import { usePermission } from '../../auth/usePermission';

export interface RunPermissions {
  /** Start runs, retry and re-run (`runs:create`). */
  canCreate: boolean;
  /** Cancel and retry a run (`runs:update`). */
  canUpdate: boolean;
  /** Decide approvals; the step's roles still apply (the inbox says which via `canDecide`). */
  canApprove: boolean;
  /** Read a step's LLM calls: the usage ledger needs `settings:read`. */
  canReadUsage: boolean;
}

/** What the current role may do with runs. The UI hides what it cannot; the server enforces the same. */
export function useRunPermissions(): RunPermissions {
  return {
    canCreate: usePermission('runs:create'),
    canUpdate: usePermission('runs:update'),
    canApprove: usePermission('runs:approve'),
    canReadUsage: usePermission('settings:read'),
  };
}
