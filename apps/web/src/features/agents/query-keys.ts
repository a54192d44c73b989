import type { AgentListParams } from './list-params';
import type { AgentTaskParams } from './task-params';

/** Query keys: invalidating `agentKeys.lists()` refreshes every list page and filter combination. Alone in this file, so the live cache (lib/realtime) imports them without the API. */
export const agentKeys = {
  all: ['agents'] as const,
  lists: () => [...agentKeys.all, 'list'] as const,
  list: (params: AgentListParams) => [...agentKeys.lists(), params] as const,
  detail: (id: string) => [...agentKeys.all, 'detail', id] as const,
  /** Under the agent's detail key, so refreshing or removing an agent covers its task history too. */
  tasks: (id: string) => [...agentKeys.detail(id), 'tasks'] as const,
  taskList: (id: string, params: AgentTaskParams) => [...agentKeys.tasks(id), params] as const,
  stateHistory: (id: string, cursor: string | undefined) => [...agentKeys.detail(id), 'state-history', cursor ?? null] as const,
};
