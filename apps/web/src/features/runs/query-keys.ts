import type { RunListParams } from './list-params';

/** Query keys. Everything about one run sits under `detail(id)`, so one invalidation refreshes it all. Alone in this file, so the live cache (lib/realtime) imports them without the API. */
export const runKeys = {
  all: ['runs'] as const,
  lists: () => [...runKeys.all, 'list'] as const,
  list: (params: RunListParams) => [...runKeys.lists(), params] as const,
  detail: (id: string) => [...runKeys.all, 'detail', id] as const,
  events: (id: string) => [...runKeys.detail(id), 'events'] as const,
  llmCalls: (id: string, stepId: string) => [...runKeys.detail(id), 'llm-calls', stepId] as const,
  approvals: () => [...runKeys.all, 'approvals'] as const,
};
