import {
  FleetRoutingListQuerySchema,
  FleetRoutingPageSchema,
  FleetTaskDetailSchema,
  FleetTaskListQuerySchema,
  FleetTaskPageSchema,
  FleetTaskParamsSchema,
  FleetTaskSchema,
  FleetTaskSubmitSchema,
  FleetTaskTreeSchema,
  IdParamsSchema,
  TextSchema,
} from '@agent-fleet/contracts';
import type { FleetTaskService } from '@agent-fleet/core';
import { z } from 'zod';
import { defineRoute, type Route } from '../../http/route.js';

const tags = ['Fleets'];
const base = '/api/v1/fleets/:id';

/** `Idempotency-Key`: the same key answers the task it first created instead of submitting another. */
const SubmitHeadersSchema = z.object({ 'idempotency-key': TextSchema.trim().min(1).max(200).optional() });

/** Work submitted to a fleet: submit, follow, cancel, and why each task went where it went. */
export function fleetTaskRoutes(tasks: FleetTaskService): Route[] {
  return [
    defineRoute({
      method: 'post',
      path: `${base}/tasks`,
      operationId: 'submitFleetTask',
      summary: 'Submit a task to a fleet',
      description:
        'The task is queued, then placed on an eligible member by the fleet’s strategy (a routing record says why), run by that member’s agent and recorded. A paused fleet keeps it queued until resumed; a draining fleet refuses it (409 `fleet_unavailable`). When the fleet is at capacity and `queueLimit` tasks already wait, it is refused with 429 `fleet_queue_full` and nothing is stored. With an idempotency key (`idempotencyKey` or the `Idempotency-Key` header), sending it again answers the task it first created, with `Idempotent-Replayed: true`.',
      tags,
      permission: 'fleets:execute',
      request: { params: IdParamsSchema, body: FleetTaskSubmitSchema, headers: SubmitHeadersSchema },
      responses: {
        201: {
          description: 'The task, queued; or, for a repeated idempotency key, the task it created first',
          schema: FleetTaskSchema,
          headers: {
            Location: 'The task',
            'Idempotent-Replayed': '`true` when the answer is the task an earlier request with this key created',
          },
        },
      },
      errors: ['not_found', 'fleet_unavailable', 'fleet_queue_full'],
      handler: async ({ params, body, headers, workspaceId }) => {
        const { task, created } = await tasks.submit(workspaceId, params.id, body, headers['idempotency-key']);
        const reply: Record<string, string> = { Location: `/api/v1/fleets/${params.id}/tasks/${task.id}` };
        if (!created) reply['Idempotent-Replayed'] = 'true';
        return { status: 201, body: task, headers: reply };
      },
    }),
    defineRoute({
      method: 'get',
      path: `${base}/tasks`,
      operationId: 'listFleetTasks',
      summary: 'A fleet’s tasks, newest first',
      description: 'Cursor-paginated; `status` keeps the tasks in one status.',
      tags,
      permission: 'fleets:read',
      request: { params: IdParamsSchema, query: FleetTaskListQuerySchema },
      responses: { 200: { description: 'A page of tasks', schema: FleetTaskPageSchema } },
      errors: ['not_found', 'invalid_cursor'],
      handler: async ({ params, query, workspaceId }) => ({ status: 200, body: await tasks.list(workspaceId, params.id, query) }),
    }),
    defineRoute({
      method: 'get',
      path: `${base}/tasks/:taskId`,
      operationId: 'getFleetTask',
      summary: 'A fleet task with its routing records',
      tags,
      permission: 'fleets:read',
      request: { params: FleetTaskParamsSchema },
      responses: { 200: { description: 'The task', schema: FleetTaskDetailSchema } },
      errors: ['not_found'],
      handler: async ({ params, workspaceId }) => ({
        status: 200,
        body: await tasks.get(workspaceId, params.id, params.taskId),
      }),
    }),
    defineRoute({
      method: 'get',
      path: `${base}/tasks/:taskId/tree`,
      operationId: 'getFleetTaskTree',
      summary: 'A fleet task as a waterfall: its placements and delegations',
      description:
        'Every agent task the fleet placed for this task (every attempt) with the routing reason that chose it, every task those delegated (who asked whom, parents before children, siblings by start), each with its times, status and cost, and the cost per agent with the total. At most 500 agent tasks (`truncated` says when more exist). The agent tasks of an attempt still running join when it ends.',
      tags,
      permission: 'fleets:read',
      request: { params: FleetTaskParamsSchema },
      responses: { 200: { description: 'The task’s tree', schema: FleetTaskTreeSchema } },
      errors: ['not_found'],
      handler: async ({ params, workspaceId }) => ({
        status: 200,
        body: await tasks.tree(workspaceId, params.id, params.taskId),
      }),
    }),
    defineRoute({
      method: 'post',
      path: `${base}/tasks/:taskId/cancel`,
      operationId: 'cancelFleetTask',
      summary: 'Cancel a queued or running fleet task',
      description: 'A running attempt is stopped. 409 `conflict` once the task has ended.',
      tags,
      permission: 'fleets:execute',
      request: { params: FleetTaskParamsSchema },
      responses: { 200: { description: 'The cancelled task', schema: FleetTaskSchema } },
      errors: ['not_found', 'conflict'],
      handler: async ({ params, workspaceId }) => ({
        status: 200,
        body: await tasks.cancel(workspaceId, params.id, params.taskId),
      }),
    }),
    defineRoute({
      method: 'get',
      path: `${base}/routing`,
      operationId: 'listFleetRouting',
      summary: 'A fleet’s routing records, newest first',
      description:
        'One per dispatch: every member considered with its score or why it was left out, the member(s) chosen, the reason and how long the decision took. `taskId` keeps one task’s.',
      tags,
      permission: 'fleets:read',
      request: { params: IdParamsSchema, query: FleetRoutingListQuerySchema },
      responses: { 200: { description: 'A page of routing records', schema: FleetRoutingPageSchema } },
      errors: ['not_found', 'invalid_cursor'],
      handler: async ({ params, query, workspaceId }) => ({
        status: 200,
        body: await tasks.listRouting(workspaceId, params.id, query),
      }),
    }),
  ];
}
