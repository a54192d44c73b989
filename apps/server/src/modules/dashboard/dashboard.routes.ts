import { DashboardQuerySchema, DashboardSchema } from '@agent-fleet/contracts';
import type { DashboardService } from '@agent-fleet/core';
import { defineRoute, type Route } from '../../http/route.js';

export function dashboardRoutes(dashboard: DashboardService): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/dashboard',
      operationId: 'getDashboard',
      // Every built-in role reads agents; the figures are the workspace's own, as on an agent's metrics.
      permission: 'agents:read',
      summary: 'The workspace at a glance: state now, key figures, spend, failures and activity',
      description:
        'State now (agents, fleet queues, runs, providers, the server); the key figures of the range `[now − range, now)` and of the period just before it; cost and calls per bucket (`5m` for 1h, `1h` for 24h, `1d` for 7d and 30d); spend by agent and by model; the latest failures and activity in the range, each with a link target. Computed from the rows on each request.',
      tags: ['Dashboard'],
      request: { query: DashboardQuerySchema },
      responses: { 200: { description: 'The overview', schema: DashboardSchema } },
      handler: async ({ query, workspaceId }) => ({ status: 200, body: await dashboard.overview(workspaceId, query) }),
    }),
  ];
}
