import type { ModelInfo, ModelPriceOverride, ProviderUpsert } from '@agent-fleet/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

/** Query keys: a provider change can add or remove models, so it refreshes both lists. */
export const providerKeys = {
  all: ['providers'] as const,
  list: () => [...providerKeys.all, 'list'] as const,
  models: () => [...providerKeys.all, 'models'] as const,
  modelList: (provider: string) => [...providerKeys.models(), provider] as const,
};

export const fetchProviders = (signal?: AbortSignal) => api('listProviders', { signal });

export interface UpsertProviderVariables {
  id: string;
  body: ProviderUpsert;
}

export const upsertProvider = ({ id, body }: UpsertProviderVariables) => api('upsertProvider', { params: { id }, body });
export const deleteProvider = (id: string) => api('deleteProvider', { params: { id } });
export const testProvider = (id: string) => api('testProvider', { params: { id } });

/** The catalogue merged with this workspace's overrides; `provider` '' means every provider. */
export const fetchModels = (provider: string, signal?: AbortSignal) => api('listModels', { query: { provider }, signal });

export const putModelPrice = (body: ModelPriceOverride) => api('overrideModelPrices', { body });

export const resetModelPrice = ({ provider, model }: Pick<ModelInfo, 'provider' | 'model'>) =>
  api('resetModelPrices', { query: { provider, model } });

export function useProviders() {
  return useQuery({ queryKey: providerKeys.list(), queryFn: ({ signal }) => fetchProviders(signal) });
}

/**
 * Models of one provider, or all of them; the previous list stays while another filter loads.
 * `enabled` (default true) is false for roles without agents:read, which the server would refuse.
 */
export function useModels(provider: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: providerKeys.modelList(provider),
    queryFn: ({ signal }) => fetchModels(provider, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

function useProviderMutation<TVariables, TResult>(mutationFn: (variables: TVariables) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => void queryClient.invalidateQueries({ queryKey: providerKeys.all }) });
}

export const useUpsertProvider = () => useProviderMutation(upsertProvider);
export const useDeleteProvider = () => useProviderMutation(deleteProvider);
export const usePutModelPrice = () => useProviderMutation(putModelPrice);
export const useResetModelPrice = () => useProviderMutation(resetModelPrice);

/** A test changes nothing stored, so it invalidates nothing. */
export const useTestProvider = () => useMutation({ mutationFn: testProvider });
