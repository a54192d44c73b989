import { ACCESS_CACHE_TTL_MS, AccessCache } from '@agent-fleet/core';
import { buildAgentInput } from '@agent-fleet/testing';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../main.js';
import { buildSecondApp, captureLogs, createTestApp, type SignedIn, type TestApp } from '../test-support.js';

/**
 * Server A is the test app; server B is a second app on the same database and signing key, as a
 * second process behind the load balancer would be, with its own access cache on a clock of its own.
 * A change made through A clears A's cache at once (api-keys.test.ts, members-roles.test.ts); B learns
 * of it only when its cached reads expire, which docs/deployment.md bounds at ACCESS_CACHE_TTL_MS.
 */
let a: TestApp;
let owner: SignedIn;
let bNow: number;
let b: BuiltApp['app'];

beforeEach(async () => {
  a = await createTestApp();
  owner = await a.signupOwner();
  bNow = Date.now();
  const { sink } = captureLogs();
  b = buildSecondApp(a, {
    logSink: sink,
    instanceId: 'server-b:1:test',
    accessCache: new AccessCache({ now: () => bNow }),
  }).app;
});
afterEach(async () => {
  await a.close();
});

const onB = (key: string) => ({
  get: (url: string) => request(b).get(url).set('Authorization', `Bearer ${key}`),
  post: (url: string) => request(b).post(url).set('Authorization', `Bearer ${key}`),
});

async function createKey(creator: SignedIn, role: string): Promise<{ id: string; key: string }> {
  const res = await creator.client.post('/api/v1/api-keys').send({ name: `${role} key`, role });
  expect(res.status).toBe(201);
  return res.body as { id: string; key: string };
}

describe('a change to access made through another server', () => {
  it('stops a revoked key on the other server once its cached reads are ACCESS_CACHE_TTL_MS old', async () => {
    const { id, key } = await createKey(owner, 'viewer');
    expect((await onB(key).get('/api/v1/agents')).status).toBe(200);
    expect((await owner.client.delete(`/api/v1/api-keys/${id}`)).status).toBe(204);
    expect((await a.client(key).get('/api/v1/agents')).status).toBe(401);

    // B still holds the key as it read it: the documented lag, and the proof that B answers from its cache.
    bNow += ACCESS_CACHE_TTL_MS - 1;
    expect((await onB(key).get('/api/v1/agents')).status).toBe(200);
    bNow += 1;
    const refused = await onB(key).get('/api/v1/agents');
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('unauthorized');
  });

  it("narrows a key on the other server once its creator's demotion is ACCESS_CACHE_TTL_MS old", async () => {
    const admin = await a.addUser(owner, 'admin');
    const { key } = await createKey(admin, 'editor');
    expect((await onB(key).post('/api/v1/agents').send(buildAgentInput())).status).toBe(201);
    expect((await owner.client.patch(`/api/v1/members/${admin.user.id}`).send({ role: 'viewer' })).status).toBe(200);
    expect((await a.client(key).post('/api/v1/agents').send(buildAgentInput())).status).toBe(403);

    bNow += ACCESS_CACHE_TTL_MS - 1;
    expect((await onB(key).post('/api/v1/agents').send(buildAgentInput())).status).toBe(201);
    bNow += 1;
    const refused = await onB(key).post('/api/v1/agents').send(buildAgentInput());
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
    expect((await onB(key).get('/api/v1/agents')).status).toBe(200);
  });

  it('locks a deactivated member out on the other server once the change is ACCESS_CACHE_TTL_MS old', async () => {
    const member = await a.addUser(owner, 'editor');
    const onBAsMember = onB(member.token);
    expect((await onBAsMember.get('/api/v1/agents')).status).toBe(200);
    expect((await owner.client.patch(`/api/v1/members/${member.user.id}`).send({ active: false })).status).toBe(200);

    bNow += ACCESS_CACHE_TTL_MS - 1;
    expect((await onBAsMember.get('/api/v1/agents')).status).toBe(200);
    bNow += 1;
    expect((await onBAsMember.get('/api/v1/agents')).status).toBe(403);
  });
});
