import { AgentTaskListQuerySchema, AgentTaskPageSchema, IdParamsSchema } from '@agent-fleet/contracts';
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
      responses: { 200: { description: 'A page of tasks', schema: AgentTaskPageSchema }, 404: { description: 'No such agent' } },
      handler: async ({ params, query, workspaceId }) => ({ status: 200, body: await tasks.list(workspaceId, params.id, query) }),
    }),
  ];
}
