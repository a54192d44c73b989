import { MAX_VERSION_NUMBER } from '@agent-fleet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../test-support.js';

/**
 * Versions (of prompts and pipelines, and rows' optimistic-concurrency versions) are PostgreSQL `integer`
 * columns. A safe JavaScript integer past them got through validation and was refused by the database:
 * a 500 on each of these. Now the contracts bound them (`VersionNumberSchema`), and a selector in a path
 * that no version can have is a plain 404 (`parseVersionSelector`).
 */
let t: TestApp;
let owner: SignedIn;
let agentId: string;
let fleetId: string;
beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signupOwner();
  const created = await Promise.all([
    owner.client.post('/api/v1/prompts').send({ name: 'greet', source: { type: 'text', body: 'Hello' } }),
    owner.client
      .post('/api/v1/pipelines')
      .send({ name: 'flow', format: 'yaml', source: 'steps:\n  a: { type: transform, value: 1 }\n' }),
    owner.client.post('/api/v1/agents').send({ name: 'Writer', model: { provider: 'mock', model: 'echo' } }),
    owner.client.post('/api/v1/fleets').send({ name: 'crew' }),
  ]);
  for (const res of created) expect(res.status, res.text).toBe(201);
  agentId = created[2]?.body.id as string;
  fleetId = created[3]?.body.id as string;
});
afterAll(() => t.close());

const TOO_BIG = MAX_VERSION_NUMBER + 1;

describe('a version past the integer range', () => {
  it.each([
    ['a prompt version in the path', 'get', '/api/v1/prompts/greet/versions/2147483648', undefined, 404],
    ['a prompt version of no template', 'get', '/api/v1/prompts/nobody/versions/99999999999', undefined, 404],
    ['a pipeline version in the path', 'get', '/api/v1/pipelines/flow/versions/2147483648', undefined, 404],
    ['a prompt render selector', 'post', '/api/v1/prompts/greet/render', { selector: TOO_BIG, variables: {} }, 400],
    ['a prompt label move', 'put', '/api/v1/prompts/greet/labels/staging', { version: TOO_BIG }, 400],
    ['a pipeline label move', 'put', '/api/v1/pipelines/flow/labels/staging', { version: TOO_BIG }, 400],
    ['a prompt diff', 'get', `/api/v1/prompts/greet/diff?from=1&to=${TOO_BIG}`, undefined, 400],
    ['a pipeline diff', 'get', `/api/v1/pipelines/flow/diff?from=${TOO_BIG}&to=1`, undefined, 400],
  ] as const)('%s answers %s-class, not 500', async (_what, method, path, body, status) => {
    const res = body === undefined ? await owner.client[method](path) : await owner.client[method](path).send(body);
    expect(res.status, res.text).toBe(status);
  });

  it('is refused as the version an agent or fleet update expects (400), and changes nothing', async () => {
    const agent = await owner.client.patch(`/api/v1/agents/${agentId}`).send({ description: 'changed', version: TOO_BIG });
    expect(agent.status, agent.text).toBe(400);
    const fleet = await owner.client.patch(`/api/v1/fleets/${fleetId}`).send({ description: 'changed', version: TOO_BIG });
    expect(fleet.status, fleet.text).toBe(400);
    expect((await owner.client.get(`/api/v1/agents/${agentId}`)).body).toMatchObject({ description: '', version: 1 });
    expect((await owner.client.get(`/api/v1/fleets/${fleetId}`)).body).toMatchObject({ description: '', version: 1 });
  });
});
