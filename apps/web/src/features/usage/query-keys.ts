import type { QueryValue } from '../../lib/api-client';
import type { UsageGroup } from '@agent-fleet/contracts';

/** Query keys: the page's Refresh invalidates `usageKeys.all`. Alone in this file, so the live cache (lib/realtime) imports them without the API. */
export const usageKeys = {
  all: ['usage'] as const,
  summary: (groupBy: UsageGroup, filters: Record<string, QueryValue>) => [...usageKeys.all, 'summary', groupBy, filters] as const,
  calls: (query: Record<string, QueryValue>) => [...usageKeys.all, 'calls', query] as const,
};
