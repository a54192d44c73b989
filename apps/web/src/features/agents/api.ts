import type { Agent, AgentAdminStateChange, AgentCreate, AgentUpdate } from '@agent-fleet/contracts';
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { isApiError } from '../../lib/api-error';
import { toApiQuery, type AgentListParams } from './list-params';
import { toTaskApiQuery, type AgentTaskParams } from './task-params';
import { agentKeys } from './query-keys';

export const fetchAgents = (params: AgentListParams, signal?: AbortSignal) =>
  api('listAgents', { query: toApiQuery(params), signal });

export const fetchAgent = (id: string, signal?: AbortSignal) => api('getAgent', { params: { id }, signal });

export const fetchAgentTasks = (id: string, params: AgentTaskParams, signal?: AbortSignal) =>
  api('listAgentTasks', { params: { id }, query: toTaskApiQuery(params), signal });

export const fetchAgentTask = (id: string, taskId: string, signal?: AbortSignal) =>
  api('getAgentTask', { params: { id, taskId }, signal });

export const createAgent = (body: AgentCreate) => api('createAgent', { body });

export interface UpdateAgentVariables {
  id: string;
  /** The version the user edited; the server answers 412 if the agent changed since. */
  version: number;
  patch: AgentUpdate;
}

export const updateAgent = ({ id, version, patch }: UpdateAgentVariables) =>
  api('updateAgent', { params: { id }, body: patch, headers: { 'if-match': `"${version}"` } });

export const deleteAgent = (id: string) => api('deleteAgent', { params: { id } });

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

/** One page of an agent's tasks, newest first; the previous page stays on screen while the next one loads. */
export function useAgentTasks(id: string, params: AgentTaskParams) {
  return useQuery({
    queryKey: agentKeys.taskList(id, params),
    queryFn: ({ signal }) => fetchAgentTasks(id, params, signal),
    placeholderData: keepPreviousData,
  });
}

/** One task with its rendered system prompt and, on a nested task, who asked. */
export function useAgentTask(id: string, taskId: string) {
  return useQuery({
    queryKey: [...agentKeys.tasks(id), 'one', taskId] as const,
    queryFn: ({ signal }) => fetchAgentTask(id, taskId, signal),
  });
}

/** The API's largest page, by name: the agents a picker offers, and the names other pages show. One cache entry. */
export const AGENT_DIRECTORY: AgentListParams = {
  q: '',
  observedState: [],
  adminState: [],
  skill: '',
  sort: 'name',
  limit: 100,
  cursor: undefined,
};

/** The workspace's agents by name (the first 100), e.g. to pick which agents another may ask. */
export function useAgentDirectory() {
  return useQuery({ queryKey: agentKeys.list(AGENT_DIRECTORY), queryFn: ({ signal }) => fetchAgents(AGENT_DIRECTORY, signal) });
}

/** What an agent id turned out to be: a name, gone (404), or not known yet. */
export type AgentLookup = { state: 'found'; agent: Agent } | { state: 'deleted' } | { state: 'loading' } | { state: 'error' };

/**
 * Looks up agents by id: from the directory when listed there, else one request each (the directory
 * holds only the first 100), so an id is called deleted only when the server says so.
 */
export function useAgentLookup(ids: readonly string[]): Map<string, AgentLookup> {
  const directory = useAgentDirectory();
  const listed = new Map((directory.data?.items ?? []).map((agent) => [agent.id, agent]));
  const unlisted = directory.data ? ids.filter((id) => !listed.has(id)) : [];
  const lookups = useQueries({
    queries: unlisted.map((id) => ({
      queryKey: agentKeys.detail(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchAgent(id, signal),
      retry: false,
    })),
  });
  const result = new Map<string, AgentLookup>();
  for (const id of ids) {
    const agent = listed.get(id);
    if (agent) {
      result.set(id, { state: 'found', agent });
      continue;
    }
    const query = lookups[unlisted.indexOf(id)];
    if (!directory.data || !query || query.isPending) result.set(id, { state: directory.isError ? 'error' : 'loading' });
    else if (query.data) result.set(id, { state: 'found', agent: query.data });
    else if (isApiError(query.error) && query.error.status === 404) result.set(id, { state: 'deleted' });
    else result.set(id, { state: 'error' });
  }
  return result;
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

export const setAgentAdminState = ({ id, ...body }: AgentAdminStateChange & { id: string }) =>
  api('setAgentAdminState', { params: { id }, body });

/** Pauses, drains, disables or resumes an agent; its page and history refresh. */
export function useSetAgentAdminState() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setAgentAdminState,
    onSuccess: (agent) => {
      queryClient.setQueryData(agentKeys.detail(agent.id), agent);
      void queryClient.invalidateQueries({ queryKey: [...agentKeys.detail(agent.id), 'state-history'] });
      void queryClient.invalidateQueries({ queryKey: agentKeys.lists() });
    },
  });
}

/** One page of an agent's admin-state changes, newest first. */
export function useAgentStateHistory(id: string, cursor: string | undefined) {
  return useQuery({
    queryKey: agentKeys.stateHistory(id, cursor),
    queryFn: ({ signal }) =>
      api('listAgentStateHistory', { params: { id }, query: { limit: 20, ...(cursor ? { cursor } : {}) }, signal }),
    placeholderData: keepPreviousData,
  });
}

export { agentKeys };
