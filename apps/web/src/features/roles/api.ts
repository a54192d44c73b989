import type { Permission, Role, RoleCreate } from '@agent-fleet/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api-client';

const BASE = '/api/v1/roles';

export interface RoleList {
  items: Role[];
  /** Every permission there is, in the server's order. */
  permissions: Permission[];
}

export interface RoleUpdate {
  description?: string;
  permissions?: Permission[];
}

export const roleKeys = { all: ['roles'] as const };

export const fetchRoles = (signal?: AbortSignal) => apiRequest<RoleList>(BASE, { signal });
export const createRole = (body: RoleCreate) => apiRequest<Role>(BASE, { method: 'POST', body });
export const updateRole = ({ id, patch }: { id: string; patch: RoleUpdate }) =>
  apiRequest<Role>(`${BASE}/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch });
export const deleteRole = (id: string) => apiRequest<undefined>(`${BASE}/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** Built-in and custom roles; `enabled` is false for roles that may not read them. */
export function useRoles({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: roleKeys.all, queryFn: ({ signal }) => fetchRoles(signal), enabled });
}

function useRoleMutation<TVariables, TResult>(mutationFn: (variables: TVariables) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: roleKeys.all }),
  });
}

export const useCreateRole = () => useRoleMutation(createRole);
export const useUpdateRole = () => useRoleMutation(updateRole);
export const useDeleteRole = () => useRoleMutation(deleteRole);
