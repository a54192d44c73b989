import { readdirSync } from 'node:fs';
import { DEFAULT_WORKSPACE_ID } from '@agent-fleet/core';
import { buildAgentInput } from '@agent-fleet/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../../test-support.js';

let t: TestApp;
let owner: SignedIn;
beforeEach(async () => {
  t = await createTestApp();
  owner = await t.signupOwner();
});
afterEach(async () => {
  await t.close();
});

const api = () => owner.client;
const create = async (overrides: Parameters<typeof buildAgentInput>[0] = {}) => {
  const res = await api().post('/api/v1/agents').send(buildAgentInput(overrides));
  expect(res.status).toBe(201);
  return res.body as { id: string; name: string; version: number };
};
const count = async () => (await api().get('/api/v1/agents')).body.total as number;

describe('POST /api/v1/agents', () => {
  it('creates an agent with defaults, a version, an ETag and a Location', async () => {
    const res = await api()
      .post('/api/v1/agents')
      .send({ name: 'Triage', model: { provider: 'mock', model: 'mock-1' } });
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.headers.location).toBe(`/api/v1/agents/${res.body.id}`);
    expect(res.body).toMatchObject({
      name: 'Triage',
      workspaceId: DEFAULT_WORKSPACE_ID,
      description: '',
      skills: [],
      tools: [],
      adminState: 'active',
      observedState: 'idle',
      version: 1,
      systemPrompt: { type: 'inline', text: '' },
      limits: { maxIterations: 10, maxCostPerTaskUsd: null },
      model: { provider: 'mock', model: 'mock-1', fallbacks: [] },
      metadata: {},
    });
    expect(Date.parse(res.body.createdAt)).not.toBeNaN();
    const fetched = await api().get(`/api/v1/agents/${res.body.id}`);
    expect(fetched.body).toEqual(res.body);
  });

  it('stores every field, normalising skills to lowercase', async () => {
    await api()
      .post('/api/v1/prompts')
      .send({ name: 'research-base', source: { type: 'text', body: 'Research.' } });
    await api().put('/api/v1/prompts/research-base/labels/production').send({ version: 1 });
    const body = buildAgentInput({
      name: 'Researcher',
      description: 'Finds sources',
      role: 'research',
      skills: ['Search', 'summarise'],
      model: {
        provider: 'openai',
        model: 'gpt-4o',
        temperature: 0.7,
        maxTokens: 2000,
        topP: 0.9,
        fallbacks: [{ provider: 'mock', model: 'mock-1' }],
      },
      systemPrompt: { type: 'template', ref: 'research-base@production' },
      limits: { maxIterations: 5, maxCostPerTaskUsd: 0.5 },
      metadata: { team: 'alpha', priority: 2 },
    });
    const res = await api().post('/api/v1/agents').send(body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ...body, skills: ['search', 'summarise'] });
  });

  it('lists every invalid field at once and stores nothing', async () => {
    const res = await api()
      .post('/api/v1/agents')
      .send({
        name: '',
        skills: ['ok', 'Not Valid!'],
        model: { provider: 'mock', model: 'm', temperature: 3 },
        limits: { maxIterations: 0 },
      });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('validation_failed');
    const paths = (res.body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['limits.maxIterations', 'model.temperature', 'name', 'skills.1']);
    expect(await count()).toBe(0);
  });

  it('rejects unknown fields, top-level and nested, naming each', async () => {
    const res = await api()
      .post('/api/v1/agents')
      .send({
        ...buildAgentInput(),
        workspaceId: DEFAULT_WORKSPACE_ID,
        id: 'x',
        model: { provider: 'mock', model: 'm', secret: 1 },
      });
    expect(res.status).toBe(400);
    const paths = (res.body.errors as { path: string; code: string }[]).map((e) => `${e.path}:${e.code}`).sort();
    expect(paths).toEqual(['id:unknown_field', 'model.secret:unknown_field', 'workspaceId:unknown_field']);
    expect(await count()).toBe(0);
  });

  it('refuses the retired status (the admin state has its own endpoint) and an unknown tool', async () => {
    const res = await api()
      .post('/api/v1/agents')
      .send({ ...buildAgentInput(), status: 'paused' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'status', code: 'unknown_field' })]);
    expect(await count()).toBe(0);
    const tool = await api()
      .post('/api/v1/agents')
      .send(buildAgentInput({ tools: ['web-search'] }));
    expect(tool.status).toBe(400);
    expect(tool.body.errors).toEqual([
      { path: 'tools.0', message: 'Unknown tool "web-search"; tools are agents, as "agent:<id>"', code: 'unknown_tool' },
    ]);
  });

  it('refuses a malformed template reference', async () => {
    const res = await api()
      .post('/api/v1/agents')
      .send(buildAgentInput({ systemPrompt: { type: 'template', ref: 'no-label' } }));
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('systemPrompt.ref');
  });

  it('answers a taken name, in any case, with 409 name_taken on the name field', async () => {
    await create({ name: 'Support Bot' });
    const res = await api()
      .post('/api/v1/agents')
      .send(buildAgentInput({ name: 'support bot' }));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('name_taken');
    expect(res.body.errors[0].path).toBe('name');
    expect(await count()).toBe(1);
  });

  it('answers malformed JSON with 400 invalid_json and no stack trace', async () => {
    const res = await api().post('/api/v1/agents').set('Content-Type', 'application/json').send('{"name": "x",');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_json');
    expect(res.text).not.toMatch(/at .*\.(js|ts):\d+/);
    expect(res.text).not.toContain('SyntaxError');
  });

  it('answers a non-JSON body with 415 and a missing body with 400', async () => {
    const text = await api().post('/api/v1/agents').set('Content-Type', 'text/plain').send('name=x');
    expect(text.status).toBe(415);
    expect(text.body.code).toBe('unsupported_media_type');
    const empty = await api().post('/api/v1/agents');
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('validation_failed');
  });

  it('answers an oversized body with 413', async () => {
    const small = await createTestApp({ env: { BODY_LIMIT_BYTES: 2048 } });
    try {
      const res = await (
        await small.signupOwner()
      ).client
        .post('/api/v1/agents')
        .send(buildAgentInput({ description: 'x'.repeat(4096) }));
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('payload_too_large');
    } finally {
      await small.close();
    }
  });
});

describe('GET /api/v1/agents/:id', () => {
  it('answers an unknown or malformed id with 404', async () => {
    for (const id of ['8d3c2b0e-1c51-4c8e-9d7e-3f1f4c1c2a10', 'not-a-uuid']) {
      const res = await api().get(`/api/v1/agents/${id}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('not_found');
    }
  });
});

describe('PATCH /api/v1/agents/:id', () => {
  it('replaces the given fields and bumps the version', async () => {
    const agent = await create({ name: 'Writer' });
    const res = await api()
      .patch(`/api/v1/agents/${agent.id}`)
      .set('If-Match', '"1"')
      .send({ role: 'editor', skills: ['editing'] });
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.body).toMatchObject({ name: 'Writer', role: 'editor', skills: ['editing'], version: 2 });
    expect(Date.parse(res.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(res.body.createdAt));
  });

  it('answers a stale If-Match with 412 and changes nothing', async () => {
    const agent = await create();
    await api().patch(`/api/v1/agents/${agent.id}`).send({ role: 'first' });
    const res = await api().patch(`/api/v1/agents/${agent.id}`).set('If-Match', '"1"').send({ role: 'second' });
    expect(res.status).toBe(412);
    expect(res.body.code).toBe('precondition_failed');
    const current = await api().get(`/api/v1/agents/${agent.id}`);
    expect(current.body).toMatchObject({ role: 'first', version: 2 });
  });

  it('answers a stale body version with 409 version_conflict', async () => {
    const agent = await create();
    await api().patch(`/api/v1/agents/${agent.id}`).send({ role: 'first' });
    const res = await api().patch(`/api/v1/agents/${agent.id}`).send({ role: 'second', version: 1 });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('version_conflict');
    expect((await api().get(`/api/v1/agents/${agent.id}`)).body.role).toBe('first');
  });

  it('accepts a matching body version and weak If-Match', async () => {
    const agent = await create();
    expect((await api().patch(`/api/v1/agents/${agent.id}`).send({ role: 'a', version: 1 })).status).toBe(200);
    expect((await api().patch(`/api/v1/agents/${agent.id}`).set('If-Match', 'W/"2"').send({ role: 'b' })).status).toBe(200);
  });

  it('rejects a malformed If-Match, unknown fields and the retired status without changing anything', async () => {
    const agent = await create();
    const malformed = await api().patch(`/api/v1/agents/${agent.id}`).set('If-Match', 'version-1').send({ role: 'x' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].path).toBe('header.if-match');
    const unknown = await api().patch(`/api/v1/agents/${agent.id}`).send({ role: 'x', ownerId: 'me' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: 'ownerId', message: 'Unknown field', code: 'unknown_field' }]);
    for (const retired of [{ status: 'paused' }, { adminState: 'paused' }]) {
      const res = await api().patch(`/api/v1/agents/${agent.id}`).send(retired);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ code: 'unknown_field' })]);
    }
    const current = await api().get(`/api/v1/agents/${agent.id}`);
    expect(current.body).toMatchObject({ role: 'support', version: 1, adminState: 'active' });
  });

  it('answers a rename onto a taken name with 409 name_taken', async () => {
    await create({ name: 'Alpha' });
    const beta = await create({ name: 'Beta' });
    const res = await api().patch(`/api/v1/agents/${beta.id}`).send({ name: 'ALPHA' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('name_taken');
    expect((await api().get(`/api/v1/agents/${beta.id}`)).body.name).toBe('Beta');
  });

  it('answers an unknown agent with 404', async () => {
    const res = await api().patch('/api/v1/agents/8d3c2b0e-1c51-4c8e-9d7e-3f1f4c1c2a10').send({ role: 'x' });
    expect(res.status).toBe(404);
  });
});

describe('DELETE /api/v1/agents/:id', () => {
  it('deletes, then the agent is gone', async () => {
    const agent = await create();
    const res = await api().delete(`/api/v1/agents/${agent.id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await api().get(`/api/v1/agents/${agent.id}`)).status).toBe(404);
    expect((await api().delete(`/api/v1/agents/${agent.id}`)).status).toBe(404);
  });

  it('deletes the blobs of its tasks with it (a long system prompt is kept as a blob)', async () => {
    const agent = await create({ systemPrompt: { type: 'inline', text: `Be brief. ${'x'.repeat(17 * 1024)}` } });
    const conversation = await api().post('/api/v1/conversations').send({ agentId: agent.id });
    expect((await api().post(`/api/v1/conversations/${conversation.body.id}/messages`).send({ content: 'hi' })).status).toBe(200);
    const agentBlobs = () => readdirSync(t.blobDir, { recursive: true }).filter((path) => String(path).includes(agent.id));
    expect(agentBlobs().length).toBeGreaterThan(0);
    expect((await api().delete(`/api/v1/agents/${agent.id}`)).status).toBe(204);
    expect(agentBlobs().filter((path) => String(path).endsWith('.txt'))).toEqual([]);
  });

  it('refuses a stale If-Match with 412 and keeps the agent', async () => {
    const agent = await create();
    await api().patch(`/api/v1/agents/${agent.id}`).send({ role: 'changed' });
    const res = await api().delete(`/api/v1/agents/${agent.id}`).set('If-Match', '"1"');
    expect(res.status).toBe(412);
    expect((await api().get(`/api/v1/agents/${agent.id}`)).status).toBe(200);
  });
});
