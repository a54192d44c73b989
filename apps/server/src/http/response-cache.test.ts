import { storedModelAgent } from '@agent-fleet/core';
import { DrizzleAgentRepository } from '@agent-fleet/db';
import { AgentCreateSchema } from '@agent-fleet/contracts';
import { buildAgentInput } from '@agent-fleet/testing';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../test-support.js';

// The real app keeps list and get answers (API_CACHE_TTL_MS is on under test); none may go stale.
let t: TestApp;
let owner: SignedIn;

beforeEach(async () => {
  t = await createTestApp({ env: { SIGNUP_OPEN: true } });
  owner = await t.signupOwner();
});
afterEach(async () => {
  await t.close();
});

const names = (res: { body: { items: { name: string }[] } }) => res.body.items.map((agent) => agent.name).sort();
const workspaceOf = async (user: SignedIn): Promise<string> =>
  (await user.client.get('/api/v1/me')).body.memberships[0].workspaceId as string;

describe('the response cache', () => {
  it('answers a repeated list from the cache, with the same bytes and entity tag', async () => {
    await owner.client
      .post('/api/v1/agents')
      .send(buildAgentInput({ name: 'one' }))
      .expect(201);
    const first = await owner.client.get('/api/v1/agents').expect(200);
    const second = await owner.client.get('/api/v1/agents').expect(200);
    expect(second.text).toBe(first.text);
    expect(second.headers['etag']).toBe(first.headers['etag']);
    expect(second.headers['content-type']).toBe('application/json; charset=utf-8');
    await owner.client.get('/api/v1/agents').set('If-None-Match', String(first.headers['etag'])).expect(304);
  });

  it('answers HEAD with the headers of the kept answer and no body', async () => {
    await owner.client
      .post('/api/v1/agents')
      .send(buildAgentInput({ name: 'one' }))
      .expect(201);
    const get = await owner.client.get('/api/v1/agents').expect(200);
    const head = await request(t.app).head('/api/v1/agents').set('Authorization', `Bearer ${owner.token}`).expect(200);
    expect(head.text).toBeUndefined();
    for (const name of ['etag', 'content-type', 'content-length', 'cache-control', 'vary']) {
      expect([name, head.headers[name]]).toEqual([name, get.headers[name]]);
    }
  });

  it('still refuses a bad query when another query of the same list is kept', async () => {
    await owner.client.get('/api/v1/agents?limit=5').expect(200);
    await owner.client.get('/api/v1/agents?limit=5').expect(200);
    const bad = await owner.client.get('/api/v1/agents?limit=5000').expect(400);
    expect(bad.body.code).toBe('validation_failed');
  });

  it('shows a write through the API in the next list at once', async () => {
    await owner.client
      .post('/api/v1/agents')
      .send(buildAgentInput({ name: 'one' }))
      .expect(201);
    expect(names(await owner.client.get('/api/v1/agents').expect(200))).toEqual(['one']);
    const two = await owner.client
      .post('/api/v1/agents')
      .send(buildAgentInput({ name: 'two' }))
      .expect(201);
    expect(names(await owner.client.get('/api/v1/agents').expect(200))).toEqual(['one', 'two']);
    await owner.client.patch(`/api/v1/agents/${two.body.id}`).send({ name: 'three' }).expect(200);
    expect(names(await owner.client.get('/api/v1/agents').expect(200))).toEqual(['one', 'three']);
    expect((await owner.client.get(`/api/v1/agents/${two.body.id}`).expect(200)).body.name).toBe('three');
  });

  it('shows a write made beside the routes, straight through a repository', async () => {
    expect(names(await owner.client.get('/api/v1/agents').expect(200))).toEqual([]);
    const repository = new DrizzleAgentRepository(t.database.db);
    await repository.insert(
      await workspaceOf(owner),
      storedModelAgent(AgentCreateSchema.parse(buildAgentInput({ name: 'direct' }))),
    );
    expect(names(await owner.client.get('/api/v1/agents').expect(200))).toEqual(['direct']);
  });

  it('keeps each query string apart', async () => {
    for (const name of ['alpha', 'beta']) {
      await owner.client.post('/api/v1/agents').send(buildAgentInput({ name })).expect(201);
    }
    expect(names(await owner.client.get('/api/v1/agents?q=alpha').expect(200))).toEqual(['alpha']);
    expect(names(await owner.client.get('/api/v1/agents?q=beta').expect(200))).toEqual(['beta']);
    expect(names(await owner.client.get('/api/v1/agents?limit=1').expect(200))).toHaveLength(1);
    expect(names(await owner.client.get('/api/v1/agents').expect(200))).toEqual(['alpha', 'beta']);
  });

  it('keeps each workspace apart', async () => {
    const other = await t.signupOwner();
    await owner.client
      .post('/api/v1/agents')
      .send(buildAgentInput({ name: 'mine' }))
      .expect(201);
    await other.client
      .post('/api/v1/agents')
      .send(buildAgentInput({ name: 'theirs' }))
      .expect(201);
    expect(names(await owner.client.get('/api/v1/agents').expect(200))).toEqual(['mine']);
    expect(names(await other.client.get('/api/v1/agents').expect(200))).toEqual(['theirs']);
    expect(names(await owner.client.get('/api/v1/agents').expect(200))).toEqual(['mine']);
  });

  it('still authorizes every request when the answer is cached', async () => {
    const member = await t.addUser(owner, 'viewer');
    await owner.client
      .post('/api/v1/agents')
      .send(buildAgentInput({ name: 'one' }))
      .expect(201);
    await member.client.get('/api/v1/agents').expect(200);
    await owner.client.get('/api/v1/agents').expect(200);
    await t.anonymous.get('/api/v1/agents').expect(401);
    await owner.client.delete(`/api/v1/members/${member.user.id}`).expect(204);
    await member.client.get('/api/v1/agents').expect(403);
    await owner.client.get('/api/v1/agents').expect(200);
  });
});
