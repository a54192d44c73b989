import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../test-support.js';

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  operationId: string;
}

let t: TestApp;
let owner: SignedIn;
let operations: Operation[];

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signupOwner();
  const document = (await t.anonymous.get('/api/openapi.json')).body as {
    paths: Record<string, Record<string, { operationId: string }>>;
  };
  operations = Object.entries(document.paths)
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method as Operation['method'],
        path,
        operationId: op.operationId,
      })),
    )
    // Logging out ends the session the other calls use: it goes last.
    .sort((a, b) => Number(a.operationId === 'logout') - Number(b.operationId === 'logout'));
}, 120_000);
afterAll(async () => {
  await t.close();
});

const call = (client: SignedIn['client'], op: Operation) => {
  const url = op.path.replace(/\{[^}]+\}/g, '8d3c2b0e-1c51-4c8e-9d7e-3f1f4c1c2a10');
  const request = client[op.method](url);
  return op.method === 'get' || op.method === 'delete' ? request : request.send({});
};

describe('Cache-Control', () => {
  it('is no-store on unknown API routes, refused bodies and health probes', async () => {
    const unknown = await owner.client.get('/api/v1/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['cache-control']).toBe('no-store');
    const malformed = await owner.client.post('/api/v1/agents').set('Content-Type', 'application/json').send('{"name":');
    expect(malformed.status).toBe(400);
    expect(malformed.headers['cache-control']).toBe('no-store');
    expect((await t.anonymous.get('/healthz')).headers['cache-control']).toBe('no-store');
  });

  it('leaves the token stream its own no-cache', async () => {
    const agent = (
      await owner.client.post('/api/v1/agents').send({ name: 'Streamer', model: { provider: 'mock', model: 'echo' } })
    ).body;
    const conversation = (await owner.client.post('/api/v1/conversations').send({ agentId: agent.id })).body;
    const res = await owner.client
      .post(`/api/v1/conversations/${conversation.id}/messages`)
      .set('Accept', 'text/event-stream')
      .send({ content: 'Hi' });
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(res.headers['cache-control']).toBe('no-cache, no-transform');
  });
  // Runs last: it logs the owner out.
  it('is no-store on every operation of the route table, for owner and anonymous, success and error alike', async () => {
    expect(operations.length).toBeGreaterThan(30);
    const missing: string[] = [];
    const statuses = new Set<number>();
    for (const op of operations) {
      for (const [who, client] of [
        ['anonymous', t.anonymous],
        ['owner', owner.client],
      ] as const) {
        const res = await call(client, op);
        statuses.add(res.status);
        if (!/\bno-store\b/.test(String(res.headers['cache-control']))) {
          missing.push(`${who} ${op.method.toUpperCase()} ${op.path} → ${res.status} ${String(res.headers['cache-control'])}`);
        }
      }
    }
    expect(missing).toEqual([]);
    // Both answers and errors were seen.
    expect([...statuses].some((status) => status < 300)).toBe(true);
    expect([...statuses].some((status) => status >= 400)).toBe(true);
  }, 180_000);
});
