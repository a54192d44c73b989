import { AgentCreateSchema, AgentListQuerySchema, AgentPageSchema, AgentSchema, AgentUpdateSchema } from '@agent-fleet/contracts';
import type { AgentService } from '@agent-fleet/core';
import { defineResource } from '../../http/resource.js';
import type { Route } from '../../http/route.js';

export function agentRoutes(agents: AgentService): Route[] {
  return defineResource({
    path: '/api/v1/agents',
    names: { one: 'agent', many: 'agents' },
    tags: ['Agents'],
    schema: AgentSchema,
    version: (agent) => agent.version,
    list: {
      permission: 'agents:read',
      summary: 'List agents',
      description: 'Cursor-paginated; filter by status (comma-separated), skill and name substring `q`.',
      query: AgentListQuerySchema,
      page: AgentPageSchema,
      run: ({ query, workspaceId }) => agents.list(workspaceId, query),
    },
    create: {
      permission: 'agents:create',
      summary: 'Create an agent',
      body: AgentCreateSchema,
      errors: ['name_taken', 'payload_too_large', 'unsupported_media_type'],
      run: ({ body, workspaceId }) => agents.create(workspaceId, body),
    },
    get: {
      permission: 'agents:read',
      summary: 'Get an agent',
      run: ({ params, workspaceId }) => agents.get(workspaceId, params.id),
    },
    update: {
      permission: 'agents:update',
      summary: 'Update an agent',
      description:
        'Fields present replace their stored values. Send `If-Match: "<version>"` (412 when stale) or `version` in the body (409 when stale).',
      body: AgentUpdateSchema,
      errors: ['version_conflict', 'name_taken'],
      run: ({ params, body, workspaceId }, check) => agents.update(workspaceId, params.id, body, check),
    },
    delete: {
      permission: 'agents:delete',
      summary: 'Delete an agent',
      description: 'Optionally conditional on `If-Match`.',
      run: ({ params, workspaceId, actor }, check) => agents.delete(workspaceId, params.id, actor, check),
    },
  });
}
