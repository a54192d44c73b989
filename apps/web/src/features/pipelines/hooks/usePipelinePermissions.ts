import { usePermission } from '../../auth/usePermission';

export interface PipelinePermissions {
  canCreate: boolean;
  /** Save versions and move labels; without it the editor is read-only. */
  canUpdate: boolean;
  canDelete: boolean;
}

/**
 * What the current role may do with pipelines. The UI hides or disables what it cannot; the server
 * enforces the same rules, and its 403s are still shown for the case the role changed meanwhile.
 */
export function usePipelinePermissions(): PipelinePermissions {
  return {
    canCreate: usePermission('pipelines:create'),
    canUpdate: usePermission('pipelines:update'),
    canDelete: usePermission('pipelines:delete'),
  };
}
