import { getTableColumns, getTableName, is, Table } from 'drizzle-orm';
import { schema } from '@agent-fleet/db';
import { buildAgentInput } from '@agent-fleet/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../test-support.js';

/**
 * Tenant isolation, generated from the route table: every route that addresses something by a path
 * parameter is called by the owner of workspace A with workspace B's ids and names. B must look as if
 * it did not exist (404) and every one of B's rows must stay as it was. A new route with a parameter
 * fails here until its parameters and body are described below, so no route is missed.
 */

/** What fills each path parameter: B's id, or a name that exists in B. */
type Params = Record<string, string>;

/** A message an A2A client sends (both bindings, both versions take this form). */
const A2A_MESSAGE = { messageId: 'b7c0e1a2-0000-4000-8000-000000000001', role: 'ROLE_USER', parts: [{ text: 'taken over' }] };

/** A valid body per operation, so the request reaches the lookup instead of stopping at validation. */
const BODIES: Record<string, unknown> = {
  'PATCH /api/v1/agents/{id}': { description: 'taken over' },
  'PUT /api/v1/agents/{id}/admin-state': { adminState: 'paused', reason: 'taken over' },
  'PATCH /api/v1/fleets/{id}': { description: 'taken over' },
  'PUT /api/v1/fleets/{id}/admin-state': { adminState: 'paused' },
  'POST /api/v1/fleets/{id}/members': { agentId: '00000000-0000-4000-8000-000000000000' },
  'PATCH /api/v1/fleets/{id}/members/{agentId}': { weight: 5 },
  'POST /api/v1/fleets/{id}/tasks': { input: 'taken over' },
  'POST /api/v1/fleets/{id}/tasks/{taskId}/cancel': undefined,
  'PATCH /api/v1/conversations/{id}': { title: 'taken over' },
  'POST /api/v1/conversations/{id}/messages': { content: 'hello' },
  'POST /api/v1/conversations/{id}/abort': undefined,
  'PATCH /api/v1/members/{userId}': { role: 'viewer' },
  'PATCH /api/v1/roles/{id}': { permissions: ['agents:read', 'agents:delete'] },
  'PATCH /api/v1/prompts/{name}': { description: 'taken over' },
  'POST /api/v1/prompts/{name}/render': { variables: {} },
  'POST /api/v1/prompts/{name}/versions': { source: { type: 'text', body: 'taken over' } },
  'PUT /api/v1/prompts/{name}/labels/{label}': { version: 1 },
  'POST /api/v1/pipelines/{name}/versions': { format: 'yaml', source: 'steps:\n  a: { type: transform, value: 2 }\n' },
  'PUT /api/v1/pipelines/{name}/labels/{label}': { version: 1 },
  'POST /api/v1/runs/{id}/cancel': undefined,
  'POST /api/v1/runs/{id}/retry': undefined,
  'POST /api/v1/runs/{id}/rerun': { from: 'gate' },
  'POST /api/v1/runs/{id}/approvals/{step}': { decision: 'approve' },
  'PUT /api/v1/providers/{id}': { kind: 'openai-compatible', baseUrl: 'https://llm.example.com/v1' },
  'POST /api/v1/providers/{id}/test': undefined,
  'POST /a2a/{id}': { jsonrpc: '2.0', id: 1, method: 'SendMessage', params: { message: A2A_MESSAGE } },
  ...Object.fromEntries(
    ['/rest', '/rest/v1'].flatMap((base) => [
      [`POST /a2a/{id}${base}/message:send`, { message: A2A_MESSAGE }],
      [`POST /a2a/{id}${base}/message:stream`, { message: A2A_MESSAGE }],
      [`POST /a2a/{id}${base}/tasks/{taskId}:cancel`, undefined],
      [`POST /a2a/{id}${base}/tasks/{taskId}:subscribe`, undefined],
    ]),
  ),
};

/**
 * Names, unlike ids, are chosen by each workspace: A may own a provider called `ollama` too. Setting one
 * is A's own business (2xx) as long as B's rows stay untouched; nothing of B's may be read or changed.
 */
const OWN_NAMESPACE = new Set([
  'PUT /api/v1/providers/{id}',
  // Removing settings A never stored leaves A on its defaults; testing reports A's own (missing) provider.
  'DELETE /api/v1/providers/{id}',
  'POST /api/v1/providers/{id}/test',
]);

/** Required query parameters. */
const QUERIES: Record<string, string> = {
  'GET /api/v1/prompts/{name}/diff': '?from=1&to=1',
  'GET /api/v1/pipelines/{name}/diff': '?from=1&to=1',
};

let t: TestApp;
let a: SignedIn;
let b: SignedIn;
let params: Params;
let bWorkspaceId: string;
let operations: { key: string; method: string; path: string; permission: string }[];

beforeAll(async () => {
  t = await createTestApp({ env: { SIGNUP_OPEN: true } });
  a = await t.signupOwner();
  b = await t.signupOwner();
  bWorkspaceId = (await b.client.get('/api/v1/me')).body.memberships[0].workspaceId;
  const ok = <T extends { status: number; body: { id?: string } }>(res: T): T => {
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    return res;
  };
  const agent = ok(await b.client.post('/api/v1/agents').send(buildAgentInput({ name: 'bee agent' })));
  const conversation = ok(await b.client.post('/api/v1/conversations').send({ agentId: agent.body.id }));
  ok(await b.client.post(`/api/v1/conversations/${conversation.body.id}/messages`).send({ content: 'hello' }));
  const tasks = ok(await b.client.get(`/api/v1/agents/${agent.body.id}/tasks`));
  const role = ok(await b.client.post('/api/v1/roles').send({ name: 'bee-ops', permissions: ['agents:read'] }));
  const invitation = ok(await b.client.post('/api/v1/invitations').send({ role: 'viewer' }));
  const key = ok(await b.client.post('/api/v1/api-keys').send({ name: 'bee key', role: 'editor' }));
  ok(await b.client.post('/api/v1/prompts').send({ name: 'bee-prompt', source: { type: 'text', body: 'Hello, bee' } }));
  ok(await b.client.put('/api/v1/prompts/bee-prompt/labels/production').send({ version: 1 }));
  const beePipeline = { name: 'bee-pipeline', format: 'yaml', source: 'steps:\n  a: { type: transform, value: 1 }\n' };
  ok(await b.client.post('/api/v1/pipelines').send(beePipeline));
  ok(await b.client.put('/api/v1/pipelines/bee-pipeline/labels/production').send({ version: 1 }));
  const gated = {
    name: 'bee-gated',
    format: 'yaml',
    source: 'steps:\n  gate: { type: approval, assignees: { roles: [editor] } }\n',
  };
  ok(await b.client.post('/api/v1/pipelines').send(gated));
  const run = ok(await b.client.post('/api/v1/runs').send({ pipeline: 'bee-gated' }));
  // The run settles waiting for its approval, so B's rows stay still while A's requests are tried.
  await vi.waitFor(
    async () => {
      if ((await b.client.get('/api/v1/approvals')).body.items.length === 0)
        throw new Error('B’s run never reached its approval');
    },
    { timeout: 30_000, interval: 20 },
  );
  const fleet = ok(await b.client.post('/api/v1/fleets').send({ name: 'bee fleet' }));
  ok(await b.client.post(`/api/v1/fleets/${fleet.body.id}/members`).send({ agentId: agent.body.id }));
  const fleetTask = ok(await b.client.post(`/api/v1/fleets/${fleet.body.id}/tasks`).send({ input: 'hello, fleet' }));
  // The task ends before A's requests are tried, so B's rows stay still.
  await vi.waitFor(
    async () => {
      const res = await b.client.get(`/api/v1/fleets/${fleet.body.id}/tasks/${fleetTask.body.id}`);
      if (res.body.status !== 'succeeded') throw new Error(`B’s fleet task is ${res.body.status}`);
    },
    { timeout: 30_000, interval: 20 },
  );
  ok(await b.client.put('/api/v1/providers/bee-llm').send({ kind: 'openai-compatible', baseUrl: 'https://bee.example.com/v1' }));
  params = {
    '/api/v1/agents/{id}': agent.body.id ?? '',
    '/api/v1/conversations/{id}': conversation.body.id ?? '',
    '/api/v1/fleets/{id}': fleet.body.id ?? '',
    '/api/v1/fleets/{id}/tasks/{taskId}': fleetTask.body.id ?? '',
    agentId: agent.body.id ?? '',
    taskId: (tasks.body as unknown as { items: { id: string }[] }).items[0]?.id ?? '',
    '/api/v1/roles/{id}': role.body.id ?? '',
    '/api/v1/invitations/{id}': invitation.body.id ?? '',
    '/api/v1/api-keys/{id}': key.body.id ?? '',
    '/api/v1/providers/{id}': 'bee-llm',
    '/api/v1/pipelines/{name}': 'bee-pipeline',
    '/api/v1/runs/{id}': run.body.id ?? '',
    // The A2A endpoints of B's agent (a fleet's go the same way: found in the caller's workspace, or 404).
    '/a2a/{id}': agent.body.id ?? '',
    step: 'gate',
    userId: b.user.id,
    name: 'bee-prompt',
    selector: '1',
    label: 'production',
  };
  const document = (await t.anonymous.get('/api/openapi.json')).body as {
    paths: Record<string, Record<string, { 'x-permission': string }>>;
  };
  operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      key: `${method.toUpperCase()} ${path}`,
      method,
      path,
      permission: op['x-permission'],
    })),
  );
}, 120_000);
afterAll(() => t.close());

/** B's id for a parameter: by the resource the path starts with, else by the parameter's name. */
function fill(path: string): string {
  return path.replace(/\{([^}]+)\}/g, (placeholder, name: string, offset: number) => {
    const resource = `${path.slice(0, offset)}${placeholder}`;
    const value = params[resource] ?? params[name];
    if (value === undefined) throw new Error(`No value of workspace B for {${name}} in ${path}: describe it in this test`);
    return encodeURIComponent(value);
  });
}

/** Every row that belongs to workspace B, table by table, to compare before and after. */
async function workspaceRows(workspaceId: string): Promise<Record<string, unknown[]>> {
  const rows: Record<string, unknown[]> = {};
  for (const table of Object.values(schema) as unknown[]) {
    // The schema also exports column helpers; only tables are walked.
    if (!is(table, Table) || !('workspaceId' in getTableColumns(table))) continue;
    const columns = getTableColumns(table as Table);
    const all = (await t.database.db.select().from(table as Table)) as Record<string, unknown>[];
    const ofB = all.filter((row) => row.workspaceId === workspaceId);
    if (columns.id) ofB.sort((x, y) => String(x.id).localeCompare(String(y.id)));
    rows[getTableName(table as Table)] = ofB;
  }
  return rows;
}

describe('every route addressed by a path parameter, called with another workspace’s ids', () => {
  it('answers 404 and leaves every row of the other workspace as it was', async () => {
    const addressed = operations.filter(
      (op) => op.path.includes('{') && op.permission !== 'public' && op.permission !== 'authenticated',
    );
    expect(addressed.length).toBeGreaterThan(25);
    const before = await workspaceRows(bWorkspaceId);
    expect(before.agents).toHaveLength(1);
    expect(before.llm_calls?.length).toBeGreaterThan(0);
    // Every table is compared, those defined outside schema.ts too (fleets, agent lifecycle).
    expect(before.fleet_members).toHaveLength(1);

    const outcomes: Record<string, string> = {};
    for (const op of addressed) {
      if (!(op.key in BODIES) && op.method !== 'get' && op.method !== 'delete') {
        throw new Error(`No body for ${op.key}: describe it in BODIES`);
      }
      const body = BODIES[op.key];
      const pending = a.client[op.method as 'get'](`${fill(op.path)}${QUERIES[op.key] ?? ''}`);
      const res = body === undefined ? await pending : await pending.send(body as object);
      const expected = OWN_NAMESPACE.has(op.key) ? res.status < 300 : res.status === 404;
      outcomes[op.key] = expected ? 'isolated' : `${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
    }
    expect(outcomes).toEqual(Object.fromEntries(addressed.map((op) => [op.key, 'isolated'])));
    expect(await workspaceRows(bWorkspaceId)).toEqual(before);
  }, 120_000);

  it('does not let ids of another workspace in a query or a body reach its rows', async () => {
    const conversationId = params['/api/v1/conversations/{id}'] ?? '';
    const agentId = params['/api/v1/agents/{id}'] ?? '';
    const before = await workspaceRows(bWorkspaceId);
    const listed = await a.client.get(`/api/v1/conversations?agentId=${agentId}`);
    expect(listed.status === 404 || (listed.status === 200 && listed.body.items.length === 0)).toBe(true);
    for (const filter of [`conversationId=${conversationId}`, `taskId=${params.taskId}`]) {
      const calls = await a.client.get(`/api/v1/usage/calls?${filter}`);
      expect(calls.status).toBe(200);
      expect(calls.body.items).toEqual([]);
    }
    // B's agent gets the same answer as an id that exists nowhere: no oracle for what B holds.
    const intoB = await a.client.post('/api/v1/conversations').send({ agentId });
    const nowhere = await a.client.post('/api/v1/conversations').send({ agentId: '5b0c8f0e-9a7d-4c1e-8f00-000000000abc' });
    expect(intoB.status).toBeGreaterThanOrEqual(400);
    expect([intoB.status, intoB.body.code, intoB.body.errors]).toEqual([nowhere.status, nowhere.body.code, nowhere.body.errors]);
    const borrowing = await a.client
      .post('/api/v1/agents')
      .send(buildAgentInput({ name: 'borrower', systemPrompt: { type: 'template', ref: 'bee-prompt@production' } }));
    expect(borrowing.status).toBeGreaterThanOrEqual(400);
    expect(await workspaceRows(bWorkspaceId)).toEqual(before);
  }, 120_000);
});
