import type { Role } from '@agent-fleet/contracts';
import { useMemo } from 'react';
import { useAuth } from '../auth/useAuth';
import { usePermission } from '../auth/usePermission';
import { useRoles } from './api';
import { fallbackRoles, grantableRoles, type GrantOptions } from './role-options';

export interface GrantableRoles {
  roles: Role[];
  isPending: boolean;
  error: unknown;
}

/** Roles the current member may grant, from the server's list when readable. */
export function useGrantableRoles(options: GrantOptions = {}): GrantableRoles {
  const { membership } = useAuth();
  const canRead = usePermission('members:read');
  const query = useRoles({ enabled: canRead });
  const { ownerOnlyByOwner } = options;
  const roles = useMemo(() => {
    if (!membership) return [];
    const all = canRead ? (query.data?.items ?? []) : fallbackRoles(membership);
    return grantableRoles(all, membership, { ownerOnlyByOwner });
  }, [membership, canRead, query.data, ownerOnlyByOwner]);
  return { roles, isPending: canRead && query.isPending, error: query.error };
}
