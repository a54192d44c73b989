import type { Membership, Permission, Role } from '@agent-fleet/contracts';
import { BUILT_IN_ROLE_PERMISSIONS, BUILT_IN_ROLES, isBuiltInRole } from '@agent-fleet/contracts/constants';

/** "owner" → "Owner"; custom role names are shown as their authors wrote them. */
export const roleLabel = (name: string): string => (isBuiltInRole(name) ? name.charAt(0).toUpperCase() + name.slice(1) : name);

const isWithin = (candidate: readonly Permission[], held: readonly Permission[]) => {
  const set = new Set(held);
  return candidate.every((permission) => set.has(permission));
};

export interface GrantOptions {
  /** Only an owner may grant the owner role to a member (the server's rule for memberships). */
  ownerOnlyByOwner?: boolean;
}

/** The roles `membership` may hand out: none holding a permission it lacks. */
export function grantableRoles(roles: readonly Role[], membership: Membership, options: GrantOptions = {}): Role[] {
  return roles.filter((role) => {
    if (options.ownerOnlyByOwner && role.name === 'owner' && membership.role !== 'owner') return false;
    return isWithin(role.permissions, membership.permissions);
  });
}

/**
 * Roles known without asking the server: the built-in ones and the member's own. For roles that
 * may not read the role list (`members:read`) but still create API keys.
 */
export function fallbackRoles(membership: Membership): Role[] {
  const builtIn = BUILT_IN_ROLES.map((name): Role => ({
    id: null,
    name,
    description: '',
    permissions: [...BUILT_IN_ROLE_PERMISSIONS[name]],
    builtIn: true,
    memberCount: 0,
  }));
  if (isBuiltInRole(membership.role)) return builtIn;
  const own: Role = {
    id: null,
    name: membership.role,
    description: '',
    permissions: membership.permissions,
    builtIn: false,
    memberCount: 0,
  };
  return [...builtIn, own];
}
