import type { QueryValue } from '../../lib/api-client';
import { DEFAULT_PAGE_SIZE, pageSizeOf } from '../../lib/page-size';

export const USAGE_RANGES = ['24h', '7d', '30d'] as const;
export type UsageRange = (typeof USAGE_RANGES)[number];
export const DEFAULT_RANGE: UsageRange = '7d';

export const RANGE_LABELS: Record<UsageRange, { short: string; long: string }> = {
  '24h': { short: '24 h', long: 'the last 24 hours' },
  '7d': { short: '7 d', long: 'the last 7 days' },
  '30d': { short: '30 d', long: 'the last 30 days' },
};

/** The usage page's range, filters and calls page, as held in the URL. */
export interface UsageParams {
  range: UsageRange;
  /** '' for every agent, provider or model. */
  agentId: string;
  provider: string;
  model: string;
  /** Page size and cursor of the recent calls table. */
  limit: number;
  cursor: string | undefined;
}

export type UsageFilterPatch = Partial<Pick<UsageParams, 'range' | 'agentId' | 'provider' | 'model' | 'limit'>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const text = (value: string | null, max: number): string => {
  const trimmed = (value ?? '').trim();
  return trimmed.length <= max ? trimmed : '';
};

/** Reads the params from the URL, dropping anything the API would refuse rather than failing the page. */
export function parseUsageParams(search: URLSearchParams): UsageParams {
  const range = search.get('range');
  const agentId = search.get('agentId') ?? '';
  return {
    range: (USAGE_RANGES as readonly string[]).includes(range ?? '') ? (range as UsageRange) : DEFAULT_RANGE,
    agentId: UUID.test(agentId) ? agentId : '',
    provider: text(search.get('provider'), 64),
    model: text(search.get('model'), 200),
    limit: pageSizeOf(search),
    cursor: search.get('cursor') || undefined,
  };
}

/** The URL form of params; defaults are left out so shared links stay short. */
export function toUsageSearchParams(params: UsageParams): URLSearchParams {
  const search = new URLSearchParams();
  if (params.range !== DEFAULT_RANGE) search.set('range', params.range);
  if (params.agentId) search.set('agentId', params.agentId);
  if (params.provider) search.set('provider', params.provider);
  if (params.model) search.set('model', params.model);
  if (params.limit !== DEFAULT_PAGE_SIZE) search.set('limit', String(params.limit));
  if (params.cursor) search.set('cursor', params.cursor);
  return search;
}

/** True when a filter narrows the usage beyond the time range. */
export const hasUsageFilters = (params: UsageParams): boolean =>
  params.agentId !== '' || params.provider !== '' || params.model !== '';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Where a range starts, as of `now`. Day ranges start at a UTC midnight, so the daily series (whose
 * buckets are UTC days) has exactly 7 or 30 full bars; 24 h is a sliding window.
 */
export function rangeStart(range: UsageRange, now: number): string {
  if (range === '24h') return new Date(now - DAY).toISOString();
  const days = range === '7d' ? 7 : 30;
  const today = Math.floor(now / DAY) * DAY;
  return new Date(today - (days - 1) * DAY).toISOString();
}

/** Query parameters shared by the summary and the calls: the range start (open-ended) and the filters. */
export const usageFilterQuery = (params: UsageParams, from: string): Record<string, QueryValue> => ({
  from,
  agentId: params.agentId,
  provider: params.provider,
  model: params.model,
});
