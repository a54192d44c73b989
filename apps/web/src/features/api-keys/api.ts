import type { ApiKeyCreate } from '@agent-fleet/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export const apiKeyKeys = { all: ['api-keys'] as const };

export const fetchApiKeys = (signal?: AbortSignal) => api('listApiKeys', { signal });
export const createApiKey = (body: ApiKeyCreate) => api('createApiKey', { body });
export const revokeApiKey = (id: string) => api('revokeApiKey', { params: { id } });

/** Your keys, or every key of the workspace with api-keys:manage; never their secrets. */
export function useApiKeys() {
  return useQuery({ queryKey: apiKeyKeys.all, queryFn: ({ signal }) => fetchApiKeys(signal) });
}

function useApiKeyMutation<TVariables, TResult>(mutationFn: (variables: TVariables) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => void queryClient.invalidateQueries({ queryKey: apiKeyKeys.all }) });
}

export const useCreateApiKey = () => useApiKeyMutation(createApiKey);
export const useRevokeApiKey = () => useApiKeyMutation(revokeApiKey);
