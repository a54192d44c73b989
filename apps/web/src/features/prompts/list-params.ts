import { DEFAULT_PAGE_SIZE, pageSizeOf } from '../../lib/page-size';
import type { QueryValue } from '../../lib/api-client';

/** The library's filters and page, as held in the URL. */
export interface PromptListParams {
  q: string;
  /** A category folder; its sub-folders are included. '' for every folder. */
  category: string;
  tag: string;
  label: string;
  limit: number;
  /** Cursor of the current page; undefined on the first page. */
  cursor: string | undefined;
}

export type PromptFilterPatch = Partial<Pick<PromptListParams, 'q' | 'category' | 'tag' | 'label' | 'limit'>>;

export const EMPTY_FILTERS: PromptFilterPatch = { q: '', category: '', tag: '', label: '' };

/** Reads list params from the URL, dropping anything invalid rather than failing the page. */
export function parsePromptListParams(search: URLSearchParams): PromptListParams {
  return {
    q: (search.get('q') ?? '').trim(),
    category: (search.get('category') ?? '').trim().replace(/^\/+|\/+$/g, ''),
    tag: (search.get('tag') ?? '').trim().toLowerCase(),
    label: (search.get('label') ?? '').trim(),
    limit: pageSizeOf(search),
    cursor: search.get('cursor') || undefined,
  };
}

/** The URL form of params; defaults are left out so shared links stay short. */
export function toPromptSearchParams(params: PromptListParams): URLSearchParams {
  const search = new URLSearchParams();
  if (params.q) search.set('q', params.q);
  if (params.category) search.set('category', params.category);
  if (params.tag) search.set('tag', params.tag);
  if (params.label) search.set('label', params.label);
  if (params.limit !== DEFAULT_PAGE_SIZE) search.set('limit', String(params.limit));
  if (params.cursor) search.set('cursor', params.cursor);
  return search;
}

export const toPromptApiQuery = (params: PromptListParams): Record<string, QueryValue> => ({
  q: params.q,
  category: params.category,
  tag: params.tag,
  label: params.label,
  limit: params.limit,
  cursor: params.cursor,
});

/** True when a filter narrows the list: what separates "no matches" from "no prompts yet". */
export const hasPromptFilters = (params: PromptListParams): boolean =>
  params.q !== '' || params.category !== '' || params.tag !== '' || params.label !== '';
