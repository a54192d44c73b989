import { FLEET_ADMIN_STATES, type FleetAdminState } from '@agent-fleet/contracts';
import { DEFAULT_PAGE_SIZE, pageSizeOf } from '../../lib/page-size';

/** The fleets list's search, admin state filter and page, as held in the URL. */
export interface FleetListParams {
  q: string;
  /** Empty: every admin state. */
  adminState: FleetAdminState[];
  limit: number;
  /** Cursor of the current page; undefined on the first page. */
  cursor: string | undefined;
}

export type FleetFilterPatch = Partial<Pick<FleetListParams, 'q' | 'adminState' | 'limit'>>;

const isAdminState = (value: string): value is FleetAdminState => (FLEET_ADMIN_STATES as readonly string[]).includes(value);

/** Reads list params from the URL, dropping anything invalid rather than failing the page. */
export function parseFleetListParams(search: URLSearchParams): FleetListParams {
  const states = (search.get('adminState') ?? '').split(',').filter(isAdminState);
  return {
    q: (search.get('q') ?? '').trim(),
    adminState: [...new Set(states)],
    limit: pageSizeOf(search),
    cursor: search.get('cursor') || undefined,
  };
}

/** The URL form of params; defaults are left out so shared links stay short. */
export function toFleetSearchParams(params: FleetListParams): URLSearchParams {
  const search = new URLSearchParams();
  if (params.q) search.set('q', params.q);
  if (params.adminState.length > 0) search.set('adminState', params.adminState.join(','));
  if (params.limit !== DEFAULT_PAGE_SIZE) search.set('limit', String(params.limit));
  if (params.cursor) search.set('cursor', params.cursor);
  return search;
}
