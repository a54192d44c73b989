import { AgentMetricsSchema, FleetMetricsSchema, IdParamsSchema, MetricsQuerySchema } from '@agent-fleet/contracts';
import type { MetricsService } from '@agent-fleet/core';
import { defineRoute, type Route } from '../../http/route.js';

const RANGE =
  'Over `[from, to)` (ISO times; `to` defaults to now, `from` to 24 h before `to`; at most 90 days, `from` before `to`, else 400). `bucket` (`5m`, `1h`, `1d`; at most 2,160 buckets) adds a series of task counts and usage per bucket, aligned to `from`. Every figure is computed from the task rows, the LLM ledger, the delegation trips and the routing records; see the schema for each definition.';

/** Monitoring: a fleet's and an agent's figures over a time range. */
export function metricsRoutes(metrics: MetricsService): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/fleets/:id/metrics',
      operationId: 'getFleetMetrics',
      summary: 'A fleet’s figures over a time range',
      description: `Tasks, queue, utilisation, success and error rates, latency, usage and cost, limit trips and routing, in total and per member. ${RANGE}`,
      tags: ['Fleets'],
      permission: 'fleets:read',
      request: { params: IdParamsSchema, query: MetricsQuerySchema },
      responses: { 200: { description: 'The fleet’s figures', schema: FleetMetricsSchema } },
      errors: ['not_found'],
      handler: async ({ params, query, workspaceId }) => ({
        status: 200,
        body: await metrics.fleet(workspaceId, params.id, query),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/agents/:id/metrics',
      operationId: 'getAgentMetrics',
      summary: 'An agent’s figures over a time range',
      description: `Its tasks (every kind), utilisation, success and error rates, latency, usage and cost, limit trips, and the placements that chose it. ${RANGE}`,
      tags: ['Agents'],
      permission: 'agents:read',
      request: { params: IdParamsSchema, query: MetricsQuerySchema },
      responses: { 200: { description: 'The agent’s figures', schema: AgentMetricsSchema } },
      errors: ['not_found'],
      handler: async ({ params, query, workspaceId }) => ({
        status: 200,
        body: await metrics.agent(workspaceId, params.id, query),
      }),
    }),
  ];
}
