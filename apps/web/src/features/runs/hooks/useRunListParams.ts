import { useCursorListParams, type CursorListNavigation } from '../../../lib/useCursorListParams';
import { parseRunListParams, toRunSearchParams, type RunFilterPatch, type RunListParams } from '../list-params';

/** The list's filters and cursor pagination, held in the URL. */
export const useRunListParams = (): CursorListNavigation<RunListParams, RunFilterPatch> =>
  useCursorListParams<RunListParams, RunFilterPatch>(parseRunListParams, toRunSearchParams);
