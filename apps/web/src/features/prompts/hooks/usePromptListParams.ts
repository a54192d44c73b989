import { useCursorListParams, type CursorListNavigation } from '../../../lib/useCursorListParams';
import { parsePromptListParams, toPromptSearchParams, type PromptFilterPatch, type PromptListParams } from '../list-params';

/** The library's filters and cursor pagination, held in the URL. */
export const usePromptListParams = (): CursorListNavigation<PromptListParams, PromptFilterPatch> =>
  useCursorListParams<PromptListParams, PromptFilterPatch>(parsePromptListParams, toPromptSearchParams);
