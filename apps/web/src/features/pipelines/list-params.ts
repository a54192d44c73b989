import { DEFAULT_PAGE_SIZE, pageSizeOf } from '../../lib/page-size';

/** The pipelines list's search and page, as held in the URL. */
export interface PipelineListParams {
  q: string;
  limit: number;
  /** Cursor of the current page; undefined on the first page. */
  cursor: string | undefined;
}

export type PipelineFilterPatch = Partial<Pick<PipelineListParams, 'q' | 'limit'>>;

/** Reads list params from the URL, dropping anything invalid rather than failing the page. */
export function parsePipelineListParams(search: URLSearchParams): PipelineListParams {
  return { q: (search.get('q') ?? '').trim(), limit: pageSizeOf(search), cursor: search.get('cursor') || undefined };
}

/** The URL form of params; defaults are left out so shared links stay short. */
export function toPipelineSearchParams(params: PipelineListParams): URLSearchParams {
  const search = new URLSearchParams();
  if (params.q) search.set('q', params.q);
  if (params.limit !== DEFAULT_PAGE_SIZE) search.set('limit', String(params.limit));
  if (params.cursor) search.set('cursor', params.cursor);
  return search;
}
