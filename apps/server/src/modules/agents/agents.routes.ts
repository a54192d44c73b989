import {
  AgentCreateSchema,
  AgentListQuerySchema,
  AgentPageSchema,
  AgentSchema,
  AgentUpdateSchema,
  IdParamsSchema,
} from '@agent-fleet/contracts';
import type { AgentService } from '@agent-fleet/core';
import { ConditionalHeadersSchema, etag } from '../../http/etag.js';
import { defineRoute, type Route } from '../../http/route.js';

const tags = ['Agents'];
const ETAG_HEADER = { ETag: 'The agent version, for If-Match' };

export function agentRoutes(agents: AgentService): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/agents',
      operationId: 'listAgents',
      permission: 'agents:read',
      summary: 'List agents',
      description: 'Cursor-paginated; filter by status (comma-separated), skill and name substring `q`.',
      tags,
      request: { query: AgentListQuerySchema },
      responses: { 200: { description: 'A page of agents', schema: AgentPageSchema } },
      handler: async ({ query, workspaceId }) => ({ status: 200, body: await agents.list(workspaceId, query) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/agents',
      operationId: 'createAgent',
      permission: 'agents:create',
      summary: 'Create an agent',
      tags,
      request: { body: AgentCreateSchema },
      responses: {
        201: { description: 'The created agent', schema: AgentSchema, headers: { ...ETAG_HEADER, Location: 'The agent URL' } },
      },
      errors: ['name_taken', 'payload_too_large', 'unsupported_media_type'],
      handler: async ({ body, workspaceId }) => {
        const agent = await agents.create(workspaceId, body);
        return { status: 201, body: agent, headers: { ETag: etag(agent.version), Location: `/api/v1/agents/${agent.id}` } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/agents/:id',
      operationId: 'getAgent',
      permission: 'agents:read',
      summary: 'Get an agent',
      tags,
      request: { params: IdParamsSchema },
      responses: {
        200: { description: 'The agent', schema: AgentSchema, headers: ETAG_HEADER },
      },
      errors: ['not_found'],
      handler: async ({ params, workspaceId }) => {
        const agent = await agents.get(workspaceId, params.id);
        return { status: 200, body: agent, headers: { ETag: etag(agent.version) } };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/agents/:id',
      operationId: 'updateAgent',
      permission: 'agents:update',
      summary: 'Update an agent',
      description:
        'Fields present replace their stored values. Send `If-Match: "<version>"` (412 when stale) or `version` in the body (409 when stale).',
      tags,
      request: { params: IdParamsSchema, body: AgentUpdateSchema, headers: ConditionalHeadersSchema },
      responses: {
        200: { description: 'The updated agent', schema: AgentSchema, headers: ETAG_HEADER },
      },
      errors: ['not_found', 'version_conflict', 'name_taken', 'precondition_failed'],
      handler: async ({ params, body, headers, workspaceId }) => {
        const agent = await agents.update(workspaceId, params.id, body, headers['if-match']);
        return { status: 200, body: agent, headers: { ETag: etag(agent.version) } };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/agents/:id',
      operationId: 'deleteAgent',
      permission: 'agents:delete',
      summary: 'Delete an agent',
      description: 'Optionally conditional on `If-Match`.',
      tags,
      request: { params: IdParamsSchema, headers: ConditionalHeadersSchema },
      responses: {
        204: { description: 'Deleted' },
      },
      errors: ['not_found', 'precondition_failed'],
      handler: async ({ params, headers, workspaceId, actor }) => {
        await agents.delete(workspaceId, params.id, actor, headers['if-match']);
        return { status: 204 };
      },
    }),
  ];
}
