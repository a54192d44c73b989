import {
  AgentAdminStateChangeSchema,
  AgentSchema,
  AgentStateChangePageSchema,
  AgentStateHistoryQuerySchema,
  IdParamsSchema,
} from '@agent-fleet/contracts';
import type { AgentLifecycleService } from '@agent-fleet/core';
import { etag } from '../../http/etag.js';
import { defineRoute, type Route } from '../../http/route.js';

/**
 * The agent lifecycle: pausing, draining, disabling and resuming take an agent out of (or back into)
 * service, so they need `agents:manage` as a fleet's admin state needs `fleets:manage`, apart from
 * editing its configuration (`agents:update`).
 */
export function agentLifecycleRoutes(lifecycle: AgentLifecycleService): Route[] {
  return [
    defineRoute({
      method: 'put',
      path: '/api/v1/agents/:id/admin-state',
      operationId: 'setAgentAdminState',
      permission: 'agents:manage',
      summary: 'Pause, drain, disable or resume an agent',
      description:
        '`paused` and `disabled` take no new work (new chat turns, tasks and pipeline agent steps get 409 `agent_unavailable`); work in flight finishes. `draining` does the same and becomes `paused` by itself once nothing is in flight, or after `timeoutSeconds`. `active` takes work again. Every change is recorded in the state history.',
      tags: ['Agents'],
      request: { params: IdParamsSchema, body: AgentAdminStateChangeSchema },
      responses: {
        200: { description: 'The agent', schema: AgentSchema, headers: { ETag: 'The agent version, for If-Match' } },
      },
      errors: ['not_found'],
      handler: async ({ params, body, workspaceId, actor }) => {
        const agent = await lifecycle.setAdminState(workspaceId, params.id, body, actor);
        return { status: 200, body: agent, headers: { ETag: etag(agent.version) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/agents/:id/state-history',
      operationId: 'listAgentStateHistory',
      permission: 'agents:read',
      summary: "An agent's admin-state changes, newest first",
      description: 'Who changed it (`system` for a drain that ended by itself), why, when, from which state to which.',
      tags: ['Agents'],
      request: { params: IdParamsSchema, query: AgentStateHistoryQuerySchema },
      responses: { 200: { description: 'A page of changes', schema: AgentStateChangePageSchema } },
      errors: ['not_found'],
      handler: async ({ params, query, workspaceId }) => ({
        status: 200,
        body: await lifecycle.history(workspaceId, params.id, query),
      }),
    }),
  ];
}
