import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, TEST_PASSWORD, type SignedIn, type TestApp } from '../test-support.js';

/**
 * A request that cannot be decoded (URL, body encoding, JSON) or carries text PostgreSQL cannot store is
 * the client's mistake: a 400 problem with a stable code, never a 500, and before or after sign-in alike.
 */
let t: TestApp;
let owner: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signupOwner();
}, 60_000);
afterAll(async () => {
  await t.close();
});

const expectProblem = (res: request.Response, status: number, code: string) => {
  expect(res.status, res.text).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code });
  expect(res.text).not.toMatch(/ at .*\.(ts|js):\d+/);
};

describe('decoding errors', () => {
  it('answers a path parameter that is not percent-encoded UTF-8 with 400 invalid_url_encoding, signed in or not', async () => {
    expectProblem(await t.anonymous.get('/api/v1/agents/%FF'), 400, 'invalid_url_encoding');
    expectProblem(await owner.client.get('/api/v1/agents/%FF'), 400, 'invalid_url_encoding');
    expectProblem(await owner.client.get('/api/v1/prompts/%E0%A4%A'), 400, 'invalid_url_encoding');
  });

  it('answers Content-Encoding: gzip on a plain body with 400 invalid_content_encoding, before authentication', async () => {
    const res = await request(t.app)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .send(JSON.stringify({ email: 'a@example.test', password: TEST_PASSWORD }));
    expectProblem(res, 400, 'invalid_content_encoding');
    const signedIn = await owner.client
      .post('/api/v1/agents')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'deflate')
      .send('{"name":"x"}');
    expectProblem(signedIn, 400, 'invalid_content_encoding');
  });

  it('still reads a body that really is gzip', async () => {
    const res = await request(t.app)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      // Sent as the bytes given, not serialised as JSON again.
      .serialize((body: Buffer) => body as unknown as string)
      .send(gzipSync(JSON.stringify({ email: 'nobody@example.test', password: TEST_PASSWORD })));
    expectProblem(res, 401, 'invalid_credentials');
  });

  it('answers malformed JSON with 400 invalid_json', async () => {
    const res = await owner.client.post('/api/v1/agents').set('Content-Type', 'application/json').send('{"name": ');
    expectProblem(res, 400, 'invalid_json');
  });
});

describe('text PostgreSQL cannot store', () => {
  it.each([
    ['a NUL in the agents search', '/api/v1/agents?q=a%00b', 'query.q'],
    ['a NUL in a prompt filter', '/api/v1/prompts?category=a%00', 'query.category'],
    ['a NUL in a usage filter', '/api/v1/usage/calls?model=gpt%00', 'query.model'],
  ])('answers %s with 400 validation_failed naming the field', async (_label, url, field) => {
    const res = await owner.client.get(url);
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: field, code: 'invalid_text' }));
  });

  it('answers a NUL in a path parameter with 400 naming it', async () => {
    const res = await owner.client.get('/api/v1/prompts/a%00b');
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: 'params.name', code: 'invalid_text' }));
  });

  it.each([
    ['a lone surrogate in a name', { name: 'key \ud800' }, 'name'],
    ['a NUL in a name', { name: 'key \u0000' }, 'name'],
  ])('refuses %s of an API key, and stores nothing', async (_label, body, field) => {
    const res = await owner.client.post('/api/v1/api-keys').send({ role: 'viewer', ...body });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: field, code: 'invalid_text' }));
    const keys = await owner.client.get('/api/v1/api-keys');
    expect(keys.body.items).toEqual([]);
  });

  it('refuses a NUL nested deep in agent metadata, naming where it is', async () => {
    const res = await owner.client.post('/api/v1/agents').send({
      name: 'Meta',
      model: { provider: 'mock', model: 'echo' },
      metadata: { team: { owners: ['ok', 'bad\u0000'] } },
    });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: 'metadata.team.owners.1', code: 'invalid_text' }));
  });

  it('refuses a NUL that a YAML escape puts into an imported prompt file', async () => {
    const content = '---\nname: yaml-nul\nversion: 1\ndescription: "a\\0b"\n---\nHello';
    const res = await owner.client.post('/api/v1/prompts/import').send({ files: [{ path: 'yaml-nul/1.prompt', content }] });
    expect(res.status, res.text).toBe(400);
    expect((await owner.client.get('/api/v1/prompts/yaml-nul')).status).toBe(404);
  });

  it('refuses a lone surrogate in a record key', async () => {
    const res = await owner.client.post('/api/v1/agents').send({
      name: 'Meta',
      model: { provider: 'mock', model: 'echo' },
      metadata: { 'bad\ud800': 1 },
    });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors[0]).toMatchObject({ code: 'invalid_text' });
  });
});

describe('instants PostgreSQL cannot store', () => {
  it.each([
    ['an offset beyond ±15:59', '2026-01-01T00:00:00%2B23:59'],
    ['year zero', '0000-01-01T00:00:00Z'],
  ])('normalise or refuse %s in a usage filter, never a 500', async (_label, value) => {
    const res = await owner.client.get(`/api/v1/usage/summary?to=${value}`);
    expect(res.status, res.text).toBeLessThan(500);
  });

  it('normalises an offset to UTC', async () => {
    const res = await owner.client.get('/api/v1/usage/summary?from=2026-01-01T00:00:00%2B23:59');
    expect(res.status, res.text).toBe(200);
    expect(res.body.from).toBe('2025-12-31T00:01:00.000Z');
  });
});
