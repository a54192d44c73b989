import { DEFAULT_PAGE_SIZE, pageSizeOf } from '../../lib/page-size';
import {
  AGENT_ADMIN_STATES,
  AGENT_OBSERVED_STATES,
  AgentSortSchema,
  type AgentAdminState,
  type AgentObservedState,
  type AgentSort,
} from '@agent-fleet/contracts';
import type { QueryValue } from '../../lib/api-client';

export const DEFAULT_SORT: AgentSort = '-createdAt';

export const SORT_LABELS: Record<AgentSort, string> = {
  '-createdAt': 'Newest first',
  createdAt: 'Oldest first',
  '-updatedAt': 'Recently updated',
  updatedAt: 'Least recently updated',
  name: 'Name A–Z',
  '-name': 'Name Z–A',
};

/** The agents list's filters, sort and page, as held in the URL. */
export interface AgentListParams {
  q: string;
  observedState: AgentObservedState[];
  adminState: AgentAdminState[];
  skill: string;
  sort: AgentSort;
  limit: number;
  /** Cursor of the current page; undefined on the first page. */
  cursor: string | undefined;
}

/** A comma list from the URL, keeping only known values, in their canonical order. */
function listOf<T extends string>(search: URLSearchParams, name: string, known: readonly T[]): T[] {
  const given = (search.get(name) ?? '').split(',');
  return known.filter((value) => given.includes(value));
}

/** Reads list params from the URL, dropping anything invalid rather than failing the page. */
export function parseListParams(search: URLSearchParams): AgentListParams {
  const sort = AgentSortSchema.safeParse(search.get('sort'));
  return {
    q: (search.get('q') ?? '').trim(),
    observedState: listOf(search, 'observedState', AGENT_OBSERVED_STATES),
    adminState: listOf(search, 'adminState', AGENT_ADMIN_STATES),
    skill: (search.get('skill') ?? '').trim().toLowerCase(),
    sort: sort.success ? sort.data : DEFAULT_SORT,
    limit: pageSizeOf(search),
    cursor: search.get('cursor') || undefined,
  };
}

/** The URL form of params; defaults are left out so shared links stay short. */
export function toSearchParams(params: AgentListParams): URLSearchParams {
  const search = new URLSearchParams();
  if (params.q) search.set('q', params.q);
  if (params.observedState.length > 0) search.set('observedState', params.observedState.join(','));
  if (params.adminState.length > 0) search.set('adminState', params.adminState.join(','));
  if (params.skill) search.set('skill', params.skill);
  if (params.sort !== DEFAULT_SORT) search.set('sort', params.sort);
  if (params.limit !== DEFAULT_PAGE_SIZE) search.set('limit', String(params.limit));
  if (params.cursor) search.set('cursor', params.cursor);
  return search;
}

/** The API query for params. */
export const toApiQuery = (params: AgentListParams): Record<string, QueryValue> => ({
  limit: params.limit,
  cursor: params.cursor,
  observedState: params.observedState,
  adminState: params.adminState,
  skill: params.skill,
  q: params.q,
  sort: params.sort,
});

/** True when a filter narrows the list, which is what separates "no matches" from "no agents yet". */
export const hasActiveFilters = (params: AgentListParams): boolean =>
  params.q !== '' || params.observedState.length > 0 || params.adminState.length > 0 || params.skill !== '';
