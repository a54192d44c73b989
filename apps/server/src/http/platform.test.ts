import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close().catch(() => undefined);
});

describe('request ids', () => {
  it('echoes a safe X-Request-Id and logs the request under it', async () => {
    const res = await (await t.signupOwner()).client.get('/api/v1/agents').set('X-Request-Id', 'trace-123');
    expect(res.headers['x-request-id']).toBe('trace-123');
    const line = t.logs.find((entry) => entry.requestId === 'trace-123');
    expect(line).toMatchObject({ msg: 'request completed', res: { statusCode: 200 } });
  });

  it('replaces an unsafe id with a fresh UUID, also on errors', async () => {
    const res = await request(t.app).get('/api/v1/nowhere').set('X-Request-Id', 'bad id\twith spaces');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });
});

describe('errors', () => {
  it('answers an unknown API route with a problem', async () => {
    const res = await request(t.app).delete('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'route_not_found', status: 404, type: 'urn:agent-fleet:problem:route_not_found' });
  });

  it('answers a failure inside a service with a bare 500, logging the cause', async () => {
    const owner = await t.signupOwner();
    await t.database.close();
    const res = await owner.client.get('/api/v1/agents');
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ code: 'internal_error', title: 'Internal server error' });
    expect(Object.keys(res.body).sort()).toEqual(['code', 'detail', 'instance', 'requestId', 'status', 'title', 'type']);
    expect(res.text).not.toMatch(/\bat \S+ \(|node_modules|\.ts:\d+/);
    const logged = t.logs.find((entry) => entry.requestId === res.body.requestId && entry.msg === 'unhandled error');
    expect(logged).toBeDefined();
  });
});

describe('health', () => {
  it('reports liveness and database readiness', async () => {
    expect((await request(t.app).get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await request(t.app).get('/readyz')).body).toEqual({ status: 'ready', checks: { database: 'ok', blobStore: 'ok' } });
  });

  it('reports not ready with 503 when the database is gone', async () => {
    await t.database.close();
    const res = await request(t.app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('service_unavailable');
    expect((await request(t.app).get('/healthz')).status).toBe(200);
  });
});

describe('API docs', () => {
  it('serves an OpenAPI 3.1 document with schemas, security schemes and route permissions', async () => {
    const res = await request(t.app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.components.schemas).toHaveProperty('Agent');
    expect(res.body.components.schemas).toHaveProperty('Problem');
    expect(Object.keys(res.body.components.securitySchemes).sort()).toEqual(['apiKey', 'bearerAuth', 'refreshCookie']);
    const create = res.body.paths['/api/v1/agents'].post;
    expect(create.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/AgentCreate' });
    expect(create['x-permission']).toBe('agents:create');
    expect(create.security).toEqual([{ bearerAuth: [] }, { apiKey: [] }]);
    expect(res.body.paths['/healthz'].get.security).toEqual([]);
  });

  it('serves interactive docs that load the document', async () => {
    const page = await request(t.app).get('/api/docs/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger-ui');
    const init = await request(t.app).get('/api/docs/swagger-initializer.js');
    expect(init.text).toContain("url: '/api/openapi.json'");
  });
});
