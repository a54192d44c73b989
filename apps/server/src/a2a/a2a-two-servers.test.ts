import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TaskState } from '@a2a-js/sdk';
import { FsBlobStore, InProcessEventBus } from '@agent-fleet/adapters';
import { SecretBox } from '@agent-fleet/core';
import type { DatabaseHandle } from '@agent-fleet/db';
import { createTestDatabase } from '@agent-fleet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { buildApp } from '../main.js';
import { apiClient } from '../server-process.test-support.js';
import { captureLogs, TEST_ENV, TEST_PASSWORD } from '../test-support.js';
import { a2aClient, collect, sendRequest, stateOf, userText } from './a2a.test-support.js';

/**
 * Two servers sharing one database and one EventBus, as two processes behind a load balancer: a task
 * runs on A; B serves its reads and its cancel, which stops the turn on A.
 */
let database: DatabaseHandle;
let blobDir: string;
const listeners: Server[] = [];
const origins: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  blobDir = mkdtempSync(join(tmpdir(), 'af-a2a-two-servers-'));
  const shared = { bus: new InProcessEventBus(), authSecret: randomBytes(32), secretsKey: randomBytes(32) };
  for (const name of ['a2a-a', 'a2a-b']) {
    const { app } = buildApp({
      database,
      logger: createLogger({ LOG_LEVEL: 'info' }, captureLogs().sink),
      env: TEST_ENV,
      authSecret: shared.authSecret,
      secrets: new SecretBox(shared.secretsKey),
      blobs: new FsBlobStore(blobDir),
      instanceId: `${name}:1:test`,
      bus: shared.bus,
    });
    const server = createServer(app).listen(0, '127.0.0.1');
    await once(server, 'listening');
    listeners.push(server);
    origins.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }
}, 60_000);

afterAll(async () => {
  for (const server of listeners) {
    server.closeAllConnections();
    server.close();
  }
  await database.close();
  rmSync(blobDir, { recursive: true, force: true });
});

describe('A2A on two servers', () => {
  it('reads and cancels on one server a task running on the other', async () => {
    const [originA = '', originB = ''] = origins;
    const signup = await fetch(`${originA}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a2a-two@example.test', password: TEST_PASSWORD, name: 'Olivia Owner' }),
    });
    const api = apiClient(originA, ((await signup.json()) as { accessToken: string }).accessToken);
    const key = (await api.post('/api/v1/api-keys', { name: 'a2a', role: 'editor' })).body['key'] as string;
    const sleeper = (
      await api.post('/api/v1/agents', { name: 'Sleeper', model: { provider: 'mock', model: 'echo?latencyMs=60000' } })
    ).body['id'] as string;

    const onA = await a2aClient(originA, sleeper, key, 'JSONRPC');
    const stream = collect(onA.sendMessageStream(sendRequest(userText('Take your time'))));
    await stream.until((event) => stateOf(event) === TaskState.TASK_STATE_WORKING);
    const first = stream.events[0]?.payload;
    const taskId = first?.$case === 'task' ? first.value.id : '';

    const onB = await a2aClient(originB, sleeper, key, 'JSONRPC');
    expect((await onB.getTask({ tenant: '', id: taskId })).status?.state).toBe(TaskState.TASK_STATE_WORKING);
    const canceled = await onB.cancelTask({ tenant: '', id: taskId, metadata: undefined });
    expect(canceled.status?.state).toBe(TaskState.TASK_STATE_CANCELED);

    // The turn on A stopped (its provider call cancelled), and A's stream ends canceled too.
    expect(stateOf((await stream.done).at(-1) ?? {})).toBe(TaskState.TASK_STATE_CANCELED);
    const conversationId = String(canceled.metadata?.['conversationId']);
    const calls = (await api.get(`/api/v1/usage/calls?conversationId=${conversationId}`)).body['items'] as { outcome: string }[];
    expect(calls.map((call) => call.outcome)).toEqual(['cancelled']);
    // The conversation is free again, for every server.
    expect((await api.get(`/api/v1/conversations/${conversationId}`)).body['busy']).toBe(false);
  });
});
