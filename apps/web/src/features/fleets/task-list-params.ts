import { FLEET_TASK_STATUSES, type FleetTaskStatus } from '@agent-fleet/contracts';
import { DEFAULT_PAGE_SIZE, pageSizeOf } from '../../lib/page-size';

/** The fleet page's tab that shows the tasks, as held in the URL (`?tab=tasks`). */
export const TASKS_TAB = 'tasks';
/** The fleet page's tab of charts (`?tab=monitoring&range=7d`). */
export const MONITORING_TAB = 'monitoring';

/** The task list's status filter and page, as held in the URL beside `tab=tasks`. */
export interface FleetTaskListParams {
  /** Undefined: every status. */
  status: FleetTaskStatus | undefined;
  limit: number;
  /** Cursor of the current page; undefined on the first page. */
  cursor: string | undefined;
}

export type FleetTaskFilterPatch = Partial<Pick<FleetTaskListParams, 'status' | 'limit'>>;

const isStatus = (value: string | null): value is FleetTaskStatus =>
  value !== null && (FLEET_TASK_STATUSES as readonly string[]).includes(value);

/** Reads the task list's params from the URL, dropping anything invalid rather than failing the page. */
export function parseFleetTaskListParams(search: URLSearchParams): FleetTaskListParams {
  const status = search.get('status');
  return {
    status: isStatus(status) ? status : undefined,
    limit: pageSizeOf(search),
    cursor: search.get('cursor') || undefined,
  };
}

/** The URL form of params, on the tasks tab; defaults are left out so shared links stay short. */
export function toFleetTaskSearchParams(params: FleetTaskListParams): URLSearchParams {
  const search = new URLSearchParams({ tab: TASKS_TAB });
  if (params.status) search.set('status', params.status);
  if (params.limit !== DEFAULT_PAGE_SIZE) search.set('limit', String(params.limit));
  if (params.cursor) search.set('cursor', params.cursor);
  return search;
}
