import { BUILT_IN_ROLE_PERMISSIONS, isBuiltInRole, type Permission } from '@agent-fleet/contracts';
import type { SecurityStore } from './store.js';

/** The permissions of a built-in or custom role of the workspace; null for an unknown role. */
export async function permissionsOfRole(
  store: SecurityStore,
  workspaceId: string,
  role: string,
): Promise<readonly Permission[] | null> {
  if (isBuiltInRole(role)) return BUILT_IN_ROLE_PERMISSIONS[role];
  const custom = await store.roles.findByName(workspaceId, role);
  return custom ? custom.permissions : null;
}

/** True when every permission of `candidate` is also in `holder`: a role "no higher" than another. */
export const isSubset = (candidate: readonly Permission[], holder: readonly Permission[]): boolean => {
  const held = new Set(holder);
  return candidate.every((permission) => held.has(permission));
};
