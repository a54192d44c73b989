import type { ApiKey, ApiKeyCreate, ApiKeyCreated } from '@agent-fleet/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api-client';

const BASE = '/api/v1/api-keys';

export const apiKeyKeys = { all: ['api-keys'] as const };

export const fetchApiKeys = (signal?: AbortSignal) => apiRequest<{ items: ApiKey[] }>(BASE, { signal });
export const createApiKey = (body: ApiKeyCreate) => apiRequest<ApiKeyCreated>(BASE, { method: 'POST', body });
export const revokeApiKey = (id: string) => apiRequest<undefined>(`${BASE}/${encodeURIComponent(id)}`, { method: 'DELETE' });

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
