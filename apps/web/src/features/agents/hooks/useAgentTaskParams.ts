import { useCursorListParams, type CursorListNavigation } from '../../../lib/useCursorListParams';
import { parseTaskParams, toTaskSearchParams, type AgentTaskParams } from '../task-params';

export type TaskFilterPatch = Partial<Pick<AgentTaskParams, 'status' | 'limit'>>;

/** The task history's filter and pages, in the URL; the page does not jump to the top on each change. */
export const useAgentTaskParams = (): CursorListNavigation<AgentTaskParams, TaskFilterPatch> =>
  useCursorListParams<AgentTaskParams, TaskFilterPatch>(parseTaskParams, toTaskSearchParams, { preventScrollReset: true });
