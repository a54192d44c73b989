import { TextSchema } from '@agent-fleet/contracts';
import { z } from 'zod';
import { defineRoute, type HttpMethod, type Route } from '../http/route.js';
import type { A2AAction } from './a2a-auth.js';
import type { A2ABinding, A2AGateway } from './a2a-router.js';

const tags = ['A2A'];

const A2AParamsSchema = z.strictObject({ id: z.uuid('Must be an agent or fleet id') });
const A2ATaskParamsSchema = A2AParamsSchema.extend({ taskId: TextSchema.max(200) });

/** What the protocol answers; its own schemas (the A2A specification's) say more. */
const A2AObjectSchema = z.looseObject({}).meta({
  id: 'A2AObject',
  description: 'An object of the A2A protocol (https://a2a-protocol.org/v1.0.0/specification/), as its JSON binding writes it',
});

const JsonRpcRequestSchema = z
  .looseObject({
    jsonrpc: z.literal('2.0'),
    id: z.union([z.string(), z.number(), z.null()]).optional(),
    method: z.string(),
    params: z.looseObject({}).optional(),
  })
  .meta({ id: 'A2AJsonRpcRequest' });

const SendMessageBodySchema = z
  .looseObject({ message: A2AObjectSchema, configuration: A2AObjectSchema.optional(), metadata: A2AObjectSchema.optional() })
  .meta({ id: 'A2ASendMessageRequest' });

/** ListTasks' filters, as the REST binding takes them; documented here, checked by the SDK. */
const ListTasksQuerySchema = z.object({
  contextId: TextSchema.max(1000).optional(),
  status: TextSchema.max(1000).optional(),
  pageSize: TextSchema.max(1000).optional(),
  pageToken: TextSchema.max(1000).optional(),
  statusTimestampAfter: TextSchema.max(1000).optional(),
  historyLength: TextSchema.max(1000).optional(),
  includeArtifacts: TextSchema.max(1000).optional(),
});

interface A2AOperation {
  method: HttpMethod;
  /** Below `/a2a/:id`, Express-style; a literal colon is escaped (`message\\:send`). */
  path: string;
  operationId: string;
  summary: string;
  binding: A2ABinding;
  action: A2AAction;
  body?: z.ZodType;
  query?: z.ZodType;
  /** Default true: the path names a task. */
  task?: boolean;
}

const ops = (prefix: string, version: string): A2AOperation[] => [
  {
    method: 'post',
    path: `${prefix}/message\\:send`,
    operationId: `a2aRestSendMessage${version}`,
    summary: `Send a message (REST, A2A ${version})`,
    binding: 'rest',
    action: 'call',
    body: SendMessageBodySchema,
    task: false,
  },
  {
    method: 'post',
    path: `${prefix}/message\\:stream`,
    operationId: `a2aRestStreamMessage${version}`,
    summary: `Send a message and stream the task (REST, A2A ${version}, server-sent events)`,
    binding: 'rest',
    action: 'call',
    body: SendMessageBodySchema,
    task: false,
  },
  // The colon forms go before `/tasks/:taskId`, which would take them whole.
  {
    method: 'post',
    path: `${prefix}/tasks/:taskId\\:cancel`,
    operationId: `a2aRestCancelTask${version}`,
    summary: `Cancel a task (REST, A2A ${version})`,
    binding: 'rest',
    action: 'call',
  },
  {
    method: 'get',
    path: `${prefix}/tasks/:taskId\\:subscribe`,
    operationId: `a2aRestSubscribeTask${version}`,
    summary: `Resubscribe to a task's stream (REST, A2A ${version}, server-sent events)`,
    binding: 'rest',
    action: 'call',
  },
  {
    method: 'post',
    path: `${prefix}/tasks/:taskId\\:subscribe`,
    operationId: `a2aRestSubscribeTaskByPost${version}`,
    summary: `Resubscribe to a task's stream, by POST (REST, A2A ${version})`,
    binding: 'rest',
    action: 'call',
  },
  {
    method: 'get',
    path: `${prefix}/tasks/:taskId`,
    operationId: `a2aRestGetTask${version}`,
    summary: `Get a task (REST, A2A ${version})`,
    binding: 'rest',
    action: 'call',
  },
];

const OPERATIONS: A2AOperation[] = [
  {
    method: 'get',
    path: '/.well-known/agent-card.json',
    operationId: 'getA2AAgentCard',
    summary: 'The Agent Card of an agent or a fleet (A2A 1.0, or 0.3 by the A2A-Version header)',
    binding: 'card',
    action: 'card',
    task: false,
  },
  {
    method: 'post',
    path: '',
    operationId: 'a2aJsonRpc',
    summary:
      'Call an agent or a fleet over JSON-RPC (A2A 1.0 or 0.3; SendStreamingMessage and SubscribeToTask answer server-sent events)',
    binding: 'jsonrpc',
    action: 'call',
    body: JsonRpcRequestSchema,
    task: false,
  },
  ...ops('/rest', '1.0'),
  {
    method: 'get',
    path: '/rest/tasks',
    operationId: 'a2aRestListTasks',
    summary: 'List tasks (REST, A2A 1.0)',
    binding: 'rest',
    action: 'call',
    query: ListTasksQuerySchema,
    task: false,
  },
  {
    method: 'get',
    path: '/rest/v1/card',
    operationId: 'getA2AAgentCardRest03',
    summary: 'The Agent Card (REST, A2A 0.3)',
    binding: 'rest',
    action: 'card',
    task: false,
  },
  ...ops('/rest/v1', '0.3'),
];

const DESCRIPTION =
  'An agent, or a fleet (whose tasks are placed on its members), over the A2A protocol, served by `@a2a-js/sdk`. The route’s permission is checked first; an id that names a fleet needs `fleets:read` (the card) or `fleets:execute` (calls) besides. An id that names neither in the workspace: 404. Protocol errors are the protocol’s (JSON-RPC errors, or the REST binding’s error bodies). See docs/fleets.md, “A2A”.';

/**
 * The A2A endpoints of every agent and fleet, in the route table like every other route: authenticated
 * and authorized the shared way, listed in the OpenAPI document with their permission. The SDK reads
 * each request's body and writes its reply (`serve`).
 */
export function a2aRoutes(gateway: A2AGateway): Route[] {
  return OPERATIONS.map((op) => {
    const params = op.task === false ? A2AParamsSchema : A2ATaskParamsSchema;
    return defineRoute({
      method: op.method,
      path: `/a2a/:id${op.path}`,
      operationId: op.operationId.replaceAll('.', ''),
      summary: op.summary,
      description: DESCRIPTION,
      tags,
      permission: op.action === 'card' ? 'agents:read' : 'agents:execute',
      request: { params, ...(op.body ? { body: op.body } : {}), ...(op.query ? { query: op.query } : {}) },
      responses: { 200: { description: 'The protocol’s answer', schema: A2AObjectSchema } },
      errors: ['not_found'],
      handler: () => {
        throw new Error(`${op.operationId} is served by the A2A gateway`);
      },
      serve: (context, req, res, next) => gateway.serve(op.binding, op.action, context, req, res, next),
    });
  });
}
