import { useCursorListParams, type CursorListNavigation } from '../../../lib/useCursorListParams';
import {
  parseFleetTaskListParams,
  toFleetTaskSearchParams,
  type FleetTaskFilterPatch,
  type FleetTaskListParams,
} from '../task-list-params';

/** The task list's status filter and cursor pagination, held in the URL; the page keeps its scroll position. */
export const useFleetTaskListParams = (): CursorListNavigation<FleetTaskListParams, FleetTaskFilterPatch> =>
  useCursorListParams<FleetTaskListParams, FleetTaskFilterPatch>(parseFleetTaskListParams, toFleetTaskSearchParams, {
    preventScrollReset: true,
  });
