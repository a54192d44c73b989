import {
  AgentTaskListQuerySchema,
  AgentTaskPageSchema,
  AgentTaskParamsSchema,
  AgentTaskSchema,
  IdParamsSchema,
} from '@agent-fleet/contracts';
import type { AgentTaskService } from '@agent-fleet/core';
import { defineRoute, type Route } from '../../http/route.js';

export function agentTaskRoutes(tasks: AgentTaskService): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/agents/:id/tasks',
      operationId: 'listAgentTasks',
      permission: 'agents:read',
      summary: 'List the tasks an agent performed',
      description:
        'Newest first, with status, duration, tokens and cost. Today: conversation turns and questions from other agents.',
      tags: ['Agents'],
      request: { params: IdParamsSchema, query: AgentTaskListQuerySchema },
      responses: { 200: { description: 'A page of tasks', schema: AgentTaskPageSchema } },
      errors: ['not_found'],
      handler: async ({ params, query, workspaceId }) => ({ status: 200, body: await tasks.list(workspaceId, params.id, query) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/agents/:id/tasks/:taskId',
      operationId: 'getAgentTask',
      permission: 'agents:read',
      summary: 'Get one task of an agent',
      description:
        'With the system prompt as rendered for it (text, template version, variables) and, on a nested task, the agent that asked. Its model calls: `GET /api/v1/usage/calls?taskId=…`.',
      tags: ['Agents'],
      request: { params: AgentTaskParamsSchema },
      responses: { 200: { description: 'The task', schema: AgentTaskSchema } },
      errors: ['not_found'],
      handler: async ({ params, workspaceId }) => ({ status: 200, body: await tasks.get(workspaceId, params.id, params.taskId) }),
    }),
  ];
}
