import { LlmCallListQuerySchema, LlmCallPageSchema, UsageSummaryQuerySchema, UsageSummarySchema } from '@agent-fleet/contracts';
import type { UsageService } from '@agent-fleet/core';
import { defineRoute, type Route } from '../../http/route.js';

const tags = ['Usage'];

export function usageRoutes(usage: UsageService): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/usage/calls',
      operationId: 'listLlmCalls',
      permission: 'settings:read',
      summary: 'List the usage ledger: one row per provider call',
      description: 'Newest first, cursor-paginated. `from` is inclusive and `to` exclusive.',
      tags,
      request: { query: LlmCallListQuerySchema },
      responses: { 200: { description: 'A page of calls', schema: LlmCallPageSchema } },
      handler: async ({ query, workspaceId }) => ({ status: 200, body: await usage.calls(workspaceId, query) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/usage/summary',
      operationId: 'summarizeUsage',
      permission: 'settings:read',
      summary: 'Tokens and cost grouped by agent, model, provider, prompt version or day',
      description: 'Days are UTC. Rows are ordered by day, or by cost (highest first) for the other groups.',
      tags,
      request: { query: UsageSummaryQuerySchema },
      responses: { 200: { description: 'The totals per group', schema: UsageSummarySchema } },
      handler: async ({ query, workspaceId }) => ({ status: 200, body: await usage.summary(workspaceId, query) }),
    }),
  ];
}
