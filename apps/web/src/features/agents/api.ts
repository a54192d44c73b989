import type { Agent, AgentCreate, AgentUpdate, Page } from '@agent-fleet/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api-client';
import { toApiQuery, type AgentListParams } from './list-params';

const BASE = '/api/v1/agents';
const agentPath = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

/** Query keys: invalidating `agentKeys.lists()` refreshes every list page and filter combination. */
export const agentKeys = {
  all: ['agents'] as const,
  lists: () => [...agentKeys.all, 'list'] as const,
  list: (params: AgentListParams) => [...agentKeys.lists(), params] as const,
  detail: (id: string) => [...agentKeys.all, 'detail', id] as const,
};

export const fetchAgents = (params: AgentListParams, signal?: AbortSignal) =>
  apiRequest<Page<Agent>>(BASE, { query: toApiQuery(params), signal });

export const fetchAgent = (id: string, signal?: AbortSignal) => apiRequest<Agent>(agentPath(id), { signal });

export const createAgent = (body: AgentCreate) => apiRequest<Agent>(BASE, { method: 'POST', body });

export interface UpdateAgentVariables {
  id: string;
  /** The version the user edited; the server answers 412 if the agent changed since. */
  version: number;
  patch: AgentUpdate;
}

export const updateAgent = ({ id, version, patch }: UpdateAgentVariables) =>
  apiRequest<Agent>(agentPath(id), { method: 'PATCH', body: patch, headers: { 'if-match': `"${version}"` } });

export const deleteAgent = (id: string) => apiRequest<undefined>(agentPath(id), { method: 'DELETE' });

/** One page of agents. The previous page stays on screen while the next one loads. */
export function useAgents(params: AgentListParams) {
  return useQuery({
    queryKey: agentKeys.list(params),
    queryFn: ({ signal }) => fetchAgents(params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAgent(id: string) {
  return useQuery({
    queryKey: agentKeys.detail(id),
    queryFn: ({ signal }) => fetchAgent(id, signal),
  });
}

export function useCreateAgent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAgent,
    onSuccess: (agent) => {
      queryClient.setQueryData(agentKeys.detail(agent.id), agent);
      // Not awaited: the caller can move on while lists refresh in the background.
      void queryClient.invalidateQueries({ queryKey: agentKeys.lists() });
    },
  });
}

export function useUpdateAgent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAgent,
    onSuccess: (agent) => {
      queryClient.setQueryData(agentKeys.detail(agent.id), agent);
      // Not awaited: the caller can move on while lists refresh in the background.
      void queryClient.invalidateQueries({ queryKey: agentKeys.lists() });
    },
  });
}

export function useDeleteAgent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAgent,
    onSuccess: (_result, id) => {
      // Only inactive: an open detail page would refetch a removed query and flash "not found"
      // before its own onSuccess navigates away; its cache entry expires once unobserved.
      queryClient.removeQueries({ queryKey: agentKeys.detail(id), type: 'inactive' });
      void queryClient.invalidateQueries({ queryKey: agentKeys.lists() });
    },
  });
}
