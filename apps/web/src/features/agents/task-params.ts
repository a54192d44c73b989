import { TaskStatusSchema, type TaskStatus } from '@agent-fleet/contracts';
import type { QueryValue } from '../../lib/api-client';
import { DEFAULT_PAGE_SIZE, pageSizeOf } from '../../lib/page-size';

/** The task history's filter and page, as held in the agent page's URL. */
export interface AgentTaskParams {
  /** Undefined shows every status. */
  status: TaskStatus | undefined;
  limit: number;
  cursor: string | undefined;
}

/** Reads the task filter from the URL, dropping anything invalid rather than failing the page. */
export function parseTaskParams(search: URLSearchParams): AgentTaskParams {
  const status = TaskStatusSchema.safeParse(search.get('status'));
  return {
    status: status.success ? status.data : undefined,
    limit: pageSizeOf(search),
    cursor: search.get('cursor') || undefined,
  };
}

/** The URL form; defaults are left out so links stay short. */
export function toTaskSearchParams(params: AgentTaskParams): URLSearchParams {
  const search = new URLSearchParams();
  if (params.status) search.set('status', params.status);
  if (params.limit !== DEFAULT_PAGE_SIZE) search.set('limit', String(params.limit));
  if (params.cursor) search.set('cursor', params.cursor);
  return search;
}

export const toTaskApiQuery = (params: AgentTaskParams): Record<string, QueryValue> => ({
  status: params.status,
  limit: params.limit,
  cursor: params.cursor,
});
