import { useCursorListParams, type CursorListNavigation } from '../../../lib/useCursorListParams';
import {
  parsePipelineListParams,
  toPipelineSearchParams,
  type PipelineFilterPatch,
  type PipelineListParams,
} from '../list-params';

/** The list's search and cursor pagination, held in the URL. */
export const usePipelineListParams = (): CursorListNavigation<PipelineListParams, PipelineFilterPatch> =>
  useCursorListParams<PipelineListParams, PipelineFilterPatch>(parsePipelineListParams, toPipelineSearchParams);
