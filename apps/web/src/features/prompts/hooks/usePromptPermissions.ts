import { usePermission } from '../../auth/usePermission';

export interface PromptPermissions {
  canCreate: boolean;
  /** Save versions, edit details, move ordinary labels. */
  canUpdate: boolean;
  canDelete: boolean;
  /** Move or remove protected labels such as `production`. */
  canManage: boolean;
}

/**
 * What the current role may do with prompt templates. The UI hides or disables what it cannot; the
 * server enforces the same rules, and its 403s are still shown for the case the role changed meanwhile.
 */
export function usePromptPermissions(): PromptPermissions {
  return {
    canCreate: usePermission('prompts:create'),
    canUpdate: usePermission('prompts:update'),
    canDelete: usePermission('prompts:delete'),
    canManage: usePermission('prompts:manage'),
  };
}
