import type { DashboardLink, DashboardRange } from '@agent-fleet/contracts';

export const DASHBOARD_RANGE_OPTIONS: readonly DashboardRange[] = ['1h', '24h', '7d', '30d'];
export const DEFAULT_DASHBOARD_RANGE: DashboardRange = '24h';

export const DASHBOARD_RANGE_LABELS: Record<DashboardRange, { short: string; long: string; previous: string }> = {
  '1h': { short: '1 h', long: 'the last hour', previous: 'the hour before' },
  '24h': { short: '24 h', long: 'the last 24 hours', previous: 'the 24 hours before' },
  '7d': { short: '7 d', long: 'the last 7 days', previous: 'the 7 days before' },
  '30d': { short: '30 d', long: 'the last 30 days', previous: 'the 30 days before' },
};

/** The range in the URL (`?range=7d`); anything else is the default rather than an error. */
export function parseDashboardRange(search: URLSearchParams): DashboardRange {
  const range = search.get('range');
  return (DASHBOARD_RANGE_OPTIONS as readonly string[]).includes(range ?? '')
    ? (range as DashboardRange)
    : DEFAULT_DASHBOARD_RANGE;
}

/** The page a dashboard item leads to. */
export function linkPath(link: DashboardLink | null): string | null {
  if (!link) return null;
  switch (link.kind) {
    case 'agent':
      return `/agents/${link.agentId}`;
    case 'task':
      return `/agents/${link.agentId}/tasks/${link.taskId}`;
    case 'conversation':
      return `/agents/${link.agentId}/chat/${link.conversationId}`;
    case 'run':
      return `/runs/${link.runId}`;
    case 'fleetTask':
      return `/fleets/${link.fleetId}?tab=tasks`;
  }
}

/**
 * The change from `previous` to `current` as a fraction (0.25 = +25 %); null when there was nothing
 * before to compare with.
 */
export function changeOf(current: number, previous: number): number | null {
  if (previous === 0) return current === 0 ? 0 : null;
  return (current - previous) / previous;
}
