import type { DashboardRange } from '@agent-fleet/contracts';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api } from '../../lib/api-client';
import { useLiveTopic } from '../../lib/realtime/use-live-topic';
import { useAuth } from '../auth/useAuth';

/** Query keys: live events and Refresh invalidate `dashboardKeys.all`. */
export const dashboardKeys = {
  all: ['dashboard'] as const,
  range: (range: DashboardRange) => [...dashboardKeys.all, range] as const,
};

/**
 * Ledger rows (cost, tokens, provider errors) publish no workspace event, so the figures are also
 * refetched on this period while the page is open.
 */
export const DASHBOARD_REFETCH_MS = 30_000;
/** A burst of live events (a fleet task fanning out) refetches once per this window. */
export const LIVE_REFETCH_THROTTLE_MS = 1_000;

export const fetchDashboard = (range: DashboardRange, signal?: AbortSignal) => api('getDashboard', { query: { range }, signal });

/** The overview of one range; the previous range's figures stay on screen while a new one loads. */
export function useDashboard(range: DashboardRange) {
  return useQuery({
    queryKey: dashboardKeys.range(range),
    queryFn: ({ signal }) => fetchDashboard(range, signal),
    placeholderData: keepPreviousData,
    refetchInterval: DASHBOARD_REFETCH_MS,
  });
}

/**
 * Follows the workspace's live topic: any agent, fleet, pipeline or run change refetches the overview
 * (throttled), so the state tiles and the activity feed move without a reload.
 */
export function useLiveDashboard() {
  const { workspaceId } = useAuth();
  const queryClient = useQueryClient();
  const last = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refetch = () => {
    if (pending.current) return;
    const wait = Math.max(0, last.current + LIVE_REFETCH_THROTTLE_MS - Date.now());
    pending.current = setTimeout(() => {
      pending.current = null;
      last.current = Date.now();
      void queryClient.invalidateQueries({ queryKey: dashboardKeys.all });
    }, wait);
  };
  useLiveTopic(workspaceId ? `workspace:${workspaceId}` : null, refetch, { onReset: refetch });
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
    },
    [],
  );
}
