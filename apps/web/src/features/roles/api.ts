import type { EndpointBody, RoleCreate } from '@agent-fleet/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export const roleKeys = { all: ['roles'] as const };

export const fetchRoles = (signal?: AbortSignal) => api('listRoles', { signal });
export const createRole = (body: RoleCreate) => api('createRole', { body });
export const updateRole = ({ id, patch }: { id: string; patch: EndpointBody<'updateRole'> }) =>
  api('updateRole', { params: { id }, body: patch });
export const deleteRole = (id: string) => api('deleteRole', { params: { id } });

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
