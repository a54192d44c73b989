import { useCursorListParams, type CursorListNavigation } from '../../../lib/useCursorListParams';
import { parseListParams, toSearchParams, type AgentListParams } from '../list-params';

export type FilterPatch = Partial<Pick<AgentListParams, 'q' | 'observedState' | 'adminState' | 'skill' | 'sort' | 'limit'>>;

/** The agents list's filters and cursor pagination, held in the URL. */
export const useAgentListParams = (): CursorListNavigation<AgentListParams, FilterPatch> =>
  useCursorListParams<AgentListParams, FilterPatch>(parseListParams, toSearchParams);
