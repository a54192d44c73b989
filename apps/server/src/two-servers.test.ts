import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsBlobStore, InProcessEventBus } from '@agent-fleet/adapters';
import { SecretBox } from '@agent-fleet/core';
import type { DatabaseHandle } from '@agent-fleet/db';
import { createTestDatabase } from '@agent-fleet/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { buildApp } from './main.js';
import { recordResponses } from './openapi-conformance.test-support.js';
import { captureLogs, parseSse, TEST_ENV, TEST_PASSWORD } from './test-support.js';

const POLL = { timeout: 10_000 };

/**
 * Two servers, A and B, as two processes would be: each its own app, services, turn registry and
 * instance id, sharing only what separate processes share: one database, one EventBus (Redis in
 * production), one blob store, and the same signing and secrets keys.
 */
let database: DatabaseHandle;
let blobDir: string;
const servers: ReturnType<typeof serverOn>[] = [];
let token: string;

function serverOn(name: string, shared: { bus: InProcessEventBus; authSecret: Uint8Array; secretsKey: Buffer }) {
  const { sink } = captureLogs();
  const { app } = buildApp({
    database,
    logger: createLogger({ LOG_LEVEL: 'info' }, sink),
    env: TEST_ENV,
    authSecret: shared.authSecret,
    secrets: new SecretBox(shared.secretsKey),
    blobs: new FsBlobStore(blobDir),
    instanceId: `${name}:1:test`,
    bus: shared.bus,
  });
  // Every reply is still checked against the OpenAPI document.
  const recorder = recordResponses(app);
  const call = (method: 'get' | 'post' | 'put' | 'delete', url: string) =>
    request(recorder.handler)[method](url).set('Authorization', `Bearer ${token}`);
  return { name, recorder, call, handler: recorder.handler };
}

const a = () => servers[0] as ReturnType<typeof serverOn>;
const b = () => servers[1] as ReturnType<typeof serverOn>;

beforeAll(async () => {
  database = await createTestDatabase();
  blobDir = mkdtempSync(join(tmpdir(), 'af-two-servers-'));
  const shared = { bus: new InProcessEventBus(), authSecret: randomBytes(32), secretsKey: randomBytes(32) };
  servers.push(serverOn('server-a', shared), serverOn('server-b', shared));
  const signup = await request(a().handler)
    .post('/api/v1/auth/signup')
    .send({ email: 'two@example.test', password: TEST_PASSWORD, name: 'Olivia Owner' });
  token = signup.body.accessToken as string;
}, 60_000);

afterAll(async () => {
  const violations = (await Promise.all(servers.map((server) => server.recorder.violations()))).flat();
  await database.close();
  rmSync(blobDir, { recursive: true, force: true });
  if (violations.length > 0) {
    throw new Error(`Responses that do not match the OpenAPI document:\n${[...new Set(violations)].join('\n')}`);
  }
});

/** An agent whose every reply takes a minute: its turn runs until it is stopped. */
async function slowConversation(name: string): Promise<{ agentId: string; conversationId: string }> {
  const agent = await a()
    .call('post', '/api/v1/agents')
    .send({ name, model: { provider: 'mock', model: 'echo?latencyMs=60000' } });
  expect(agent.status).toBe(201);
  const conversation = await a().call('post', '/api/v1/conversations').send({ agentId: agent.body.id });
  expect(conversation.status).toBe(201);
  return { agentId: agent.body.id as string, conversationId: conversation.body.id as string };
}

const startTurn = (server: ReturnType<typeof serverOn>, conversationId: string) =>
  server
    .call('post', `/api/v1/conversations/${conversationId}/messages`)
    .set('Accept', 'text/event-stream')
    .send({ content: 'Take your time' })
    .then((res) => res);

const busyOn = async (server: ReturnType<typeof serverOn>, conversationId: string): Promise<boolean> =>
  (await server.call('get', `/api/v1/conversations/${conversationId}`)).body.busy as boolean;

describe('two servers over one database and one event bus', () => {
  it('a turn running on A is busy from both, refuses a second turn on B, and stops from B', async () => {
    const { conversationId } = await slowConversation('Slow on A');
    const turn = startTurn(a(), conversationId);
    await expect.poll(() => busyOn(b(), conversationId), POLL).toBe(true);
    expect(await busyOn(a(), conversationId)).toBe(true);
    const listed = await b().call('get', '/api/v1/conversations');
    expect(listed.body.items.find((row: { id: string }) => row.id === conversationId)?.busy).toBe(true);

    const second = await startTurn(b(), conversationId);
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('conversation_busy');

    // B does not run the turn: its stop travels over the bus to A, which aborts the provider call.
    expect((await b().call('post', `/api/v1/conversations/${conversationId}/abort`)).body).toEqual({ aborted: true });
    const events = parseSse((await turn).text);
    expect(events.at(-1)).toMatchObject({ type: 'turn.failed', error: { code: 'aborted' }, task: { status: 'cancelled' } });
    expect(await busyOn(b(), conversationId)).toBe(false);
    expect((await b().call('post', `/api/v1/conversations/${conversationId}/abort`)).body).toEqual({ aborted: false });
  });

  it('deleting a conversation on A stops the turn B runs in it', async () => {
    const { agentId, conversationId } = await slowConversation('Slow on B');
    const turn = startTurn(b(), conversationId);
    await expect.poll(() => busyOn(a(), conversationId), POLL).toBe(true);

    expect((await a().call('delete', `/api/v1/conversations/${conversationId}`)).status).toBe(204);
    // Unstopped, the reply would take a minute (past the test's timeout).
    const events = parseSse((await turn).text);
    expect(events.map((event) => event.type)).not.toContain('turn.completed');
    expect((await a().call('get', `/api/v1/agents/${agentId}`)).body.observedState).toBe('idle');
  });

  it('a drain set on A pauses the agent when its last task, running on B, ends', async () => {
    const { agentId, conversationId } = await slowConversation('Drained across servers');
    const turn = startTurn(b(), conversationId);
    await expect.poll(async () => (await a().call('get', `/api/v1/agents/${agentId}`)).body.observedState, POLL).toBe('busy');

    const drain = await a().call('put', `/api/v1/agents/${agentId}/admin-state`).send({ adminState: 'draining' });
    expect(drain.status).toBe(200);
    expect(drain.body.adminState).toBe('draining');

    expect((await a().call('post', `/api/v1/conversations/${conversationId}/abort`)).body).toEqual({ aborted: true });
    await turn;
    // No sweep runs in test apps: the pause comes from B's task end, counting in-flight tasks from the rows.
    expect((await a().call('get', `/api/v1/agents/${agentId}`)).body).toMatchObject({
      adminState: 'paused',
      observedState: 'idle',
    });
  });
});
