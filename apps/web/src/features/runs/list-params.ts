import type { RunStatus } from '@agent-fleet/contracts';
import { RUN_STATUSES } from '@agent-fleet/contracts/constants';
import { DEFAULT_PAGE_SIZE, pageSizeOf } from '../../lib/page-size';

/** The runs list's filters and page, as held in the URL. */
export interface RunListParams {
  /** A pipeline's name; empty for every pipeline. */
  pipeline: string;
  status: RunStatus | undefined;
  limit: number;
  /** Cursor of the current page; undefined on the first page. */
  cursor: string | undefined;
}

export type RunFilterPatch = Partial<Pick<RunListParams, 'pipeline' | 'status' | 'limit'>>;

const isRunStatus = (value: string | null): value is RunStatus => RUN_STATUSES.includes(value as RunStatus);

/** Reads list params from the URL, dropping anything invalid rather than failing the page. */
export function parseRunListParams(search: URLSearchParams): RunListParams {
  const status = search.get('status');
  return {
    pipeline: (search.get('pipeline') ?? '').trim(),
    status: isRunStatus(status) ? status : undefined,
    limit: pageSizeOf(search),
    cursor: search.get('cursor') || undefined,
  };
}

/** The URL form of params; defaults are left out so shared links stay short. */
export function toRunSearchParams(params: RunListParams): URLSearchParams {
  const search = new URLSearchParams();
  if (params.pipeline) search.set('pipeline', params.pipeline);
  if (params.status) search.set('status', params.status);
  if (params.limit !== DEFAULT_PAGE_SIZE) search.set('limit', String(params.limit));
  if (params.cursor) search.set('cursor', params.cursor);
  return search;
}
