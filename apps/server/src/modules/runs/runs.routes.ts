import {
  ApprovalDecisionSchema,
  IdParamsSchema,
  PendingApprovalListSchema,
  PipelineRunSchema,
  RerunSchema,
  RunCreateSchema,
  RunDetailSchema,
  RunEventListSchema,
  RunEventQuerySchema,
  RunEventSchema,
  RunListQuerySchema,
  RunPageSchema,
  RunStepParamsSchema,
  TextSchema,
} from '@agent-fleet/contracts';
import type { RunService } from '@agent-fleet/core';
import { z } from 'zod';
import { accessOf, defineRoute, type Route } from '../../http/route.js';

const tags = ['Runs'];
const base = '/api/v1/runs';

/** `Idempotency-Key`: the same key answers the run it first created instead of starting another. */
const CreateHeadersSchema = z.object({ 'idempotency-key': TextSchema.trim().min(1).max(200).optional() });
/** `Last-Event-ID`: a reconnecting client resumes after the last event it received. */
const EventHeadersSchema = z.object({ 'last-event-id': z.coerce.number().int().min(0).max(2_147_483_647).optional() });

/** Pipeline runs: start, list, read, follow live, cancel, retry, re-run, and decide approvals. */
export function runRoutes(runs: RunService): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: base,
      operationId: 'listRuns',
      summary: 'List runs, newest first; filter by pipeline, status, trigger, label and time',
      tags,
      permission: 'runs:read',
      request: { query: RunListQuerySchema },
      responses: { 200: { description: 'A page of runs', schema: RunPageSchema } },
      errors: ['invalid_cursor'],
      handler: async ({ query, workspaceId }) => ({ status: 200, body: await runs.list(workspaceId, query) }),
    }),
    defineRoute({
      method: 'post',
      path: base,
      operationId: 'createRun',
      summary: 'Start a run of a pipeline version',
      description:
        '`pipeline` is `name`, `name@label` or `name@<version>`; the run is pinned to that exact version. The input is checked against the pipeline’s inputs. With an `Idempotency-Key`, sending the same request again answers the run the key first created (with `Idempotent-Replayed: true`) instead of starting another. A pipeline with a `concurrency` limit may hold the run `queued` until others end.',
      tags,
      permission: 'runs:create',
      request: { body: RunCreateSchema, headers: CreateHeadersSchema },
      responses: {
        201: {
          description: 'The run, started or queued; or, for a repeated Idempotency-Key, the run it created first',
          schema: PipelineRunSchema,
          headers: { 'Idempotent-Replayed': '`true` when the answer is the run an earlier request with this key created' },
        },
      },
      errors: ['not_found'],
      handler: async (context) => {
        const { run, created } = await runs.create(context.workspaceId, context.body, {
          actor: context.actor,
          idempotencyKey: context.headers['idempotency-key'],
        });
        return { status: 201, body: run, ...(created ? {} : { headers: { 'Idempotent-Replayed': 'true' } }) };
      },
    }),
    defineRoute({
      method: 'get',
      path: `${base}/:id`,
      operationId: 'getRun',
      summary: 'A run with every step run',
      tags,
      permission: 'runs:read',
      request: { params: IdParamsSchema },
      responses: { 200: { description: 'The run', schema: RunDetailSchema } },
      errors: ['not_found'],
      handler: async ({ params, workspaceId }) => ({ status: 200, body: await runs.get(workspaceId, params.id) }),
    }),
    defineRoute({
      method: 'get',
      path: `${base}/:id/events`,
      operationId: 'listRunEvents',
      summary: 'A run’s event log, or its live event stream',
      description:
        'JSON: the events after `after`. With `Accept: text/event-stream`: the events as server-sent events (`run.event`), live until the run has ended and its last event was sent.',
      tags,
      permission: 'runs:read',
      request: { params: IdParamsSchema, query: RunEventQuerySchema, headers: EventHeadersSchema },
      responses: { 200: { description: 'The events', schema: RunEventListSchema } },
      errors: ['not_found'],
      handler: async ({ params, query, workspaceId }) => ({
        status: 200,
        body: { items: await runs.events(workspaceId, params.id, query.after, query.limit) },
      }),
      stream: {
        description:
          'Each event of the run’s log as `run.event`, its `id:` being the event’s sequence number. Reconnect with `Last-Event-ID` (or `?after=`) to receive exactly the events missed. The stream ends once the run has ended.',
        events: { 'run.event': RunEventSchema },
        handler: async (context, events) => {
          const after = context.headers['last-event-id'] ?? context.query.after;
          await runs.follow(context.workspaceId, context.params.id, after, context.signal, (event) =>
            events.send('run.event', event, event.seq),
          );
        },
      },
    }),
    defineRoute({
      method: 'post',
      path: `${base}/:id/cancel`,
      operationId: 'cancelRun',
      summary: 'Cancel a run: its open steps stop and its child runs are cancelled',
      tags,
      permission: 'runs:update',
      request: { params: IdParamsSchema },
      responses: { 200: { description: 'The cancelled run', schema: PipelineRunSchema } },
      errors: ['not_found', 'conflict'],
      handler: async ({ params, workspaceId, actor }) => ({
        status: 200,
        body: await runs.cancel(workspaceId, params.id, actor),
      }),
    }),
    defineRoute({
      method: 'post',
      path: `${base}/:id/retry`,
      operationId: 'retryRun',
      summary: 'Resume a failed or cancelled run from its failed steps',
      description: 'Completed steps keep their outputs and never run again; the failed and cancelled ones start again.',
      tags,
      permission: 'runs:update',
      request: { params: IdParamsSchema },
      responses: { 200: { description: 'The resumed run', schema: PipelineRunSchema } },
      errors: ['not_found', 'conflict'],
      handler: async ({ params, workspaceId }) => ({ status: 200, body: await runs.retry(workspaceId, params.id) }),
    }),
    defineRoute({
      method: 'post',
      path: `${base}/:id/rerun`,
      operationId: 'rerunRun',
      summary: 'Start a new run from a chosen step, copying the outputs of the steps before it',
      description:
        'The new run has the same version and input. `from` and every step after it run again; other completed steps are copied with their outputs. With `only: true`, the steps after `from` are skipped: one step re-run with the inputs it had.',
      tags,
      permission: 'runs:create',
      request: { params: IdParamsSchema, body: RerunSchema },
      responses: { 201: { description: 'The new run', schema: PipelineRunSchema } },
      errors: ['not_found'],
      handler: async ({ params, body, workspaceId, actor }) => ({
        status: 201,
        body: await runs.rerun(workspaceId, params.id, body.from, body.only ?? false, actor),
      }),
    }),
    defineRoute({
      method: 'post',
      path: `${base}/:id/approvals/:step`,
      operationId: 'decideApproval',
      summary: 'Approve or reject a run’s approval step',
      description:
        'The first decision wins; another answers 409. A decision sent before the step waits is kept and applied when it does. The caller needs `runs:approve` and one of the step’s `assignees.roles` (owners and admins always may).',
      tags,
      permission: 'runs:approve',
      request: { params: RunStepParamsSchema, body: ApprovalDecisionSchema },
      responses: { 200: { description: 'The run after the decision', schema: RunDetailSchema } },
      errors: ['not_found', 'conflict'],
      handler: async (context) => ({
        status: 200,
        body: await runs.decide(accessOf(context), context.params.id, context.params.step, context.body, context.actor),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/approvals',
      operationId: 'listApprovals',
      summary: 'Approvals waiting for a decision, oldest first',
      tags,
      permission: 'runs:read',
      responses: { 200: { description: 'The waiting approvals', schema: PendingApprovalListSchema } },
      handler: async (context) => ({ status: 200, body: { items: await runs.pendingApprovals(accessOf(context)) } }),
    }),
  ];
}
