import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../../test-support.js';

let t: TestApp;
let owner: SignedIn;
let alpha: { id: string };
let beta: { id: string };
const MODEL = 'echo?inputTokens=1000&outputTokens=500&cachedInputTokens=400&reasoningTokens=100';
// echo prices ($/M): input 1, cached 0.5, output 2, reasoning 2 → 600×1 + 400×0.5 + 400×2 + 100×2 = 1,800 → $0.0018 a call.
const CALL_COST = 0.0018;

async function say(agentId: string, content: string) {
  const conversation = (await owner.client.post('/api/v1/conversations').send({ agentId })).body;
  const res = await owner.client.post(`/api/v1/conversations/${conversation.id}/messages`).send({ content });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signupOwner();
  alpha = (await owner.client.post('/api/v1/agents').send({ name: 'Alpha', model: { provider: 'mock', model: MODEL } })).body;
  beta = (await owner.client.post('/api/v1/agents').send({ name: 'Beta', model: { provider: 'mock', model: MODEL } })).body;
  await say(alpha.id, 'one');
  await say(alpha.id, 'two');
  await say(beta.id, 'three');
}, 60_000);
afterAll(() => t.close());

describe('usage', () => {
  it('sums tokens and cost by agent, biggest spender first, with names', async () => {
    const res = await owner.client.get('/api/v1/usage/summary?groupBy=agent');
    expect(res.status).toBe(200);
    expect(res.body.rows.map((row: { label: string; calls: number }) => [row.label, row.calls])).toEqual([
      ['Alpha', 2],
      ['Beta', 1],
    ]);
    expect(res.body.rows[0].costUsd).toBeCloseTo(2 * CALL_COST, 12);
    expect(res.body.totals).toMatchObject({
      calls: 3,
      errors: 0,
      inputTokens: 3000,
      outputTokens: 1500,
      cachedInputTokens: 1200,
      reasoningTokens: 300,
    });
    expect(res.body.totals.costUsd).toBeCloseTo(3 * CALL_COST, 12);
  });

  it('groups by model, provider and UTC day, and honours the time range and filters', async () => {
    const byModel = (await owner.client.get('/api/v1/usage/summary?groupBy=model')).body.rows;
    expect(byModel).toEqual([expect.objectContaining({ key: `mock/${MODEL}`, calls: 3 })]);
    const byProvider = (await owner.client.get('/api/v1/usage/summary?groupBy=provider')).body.rows;
    expect(byProvider).toEqual([expect.objectContaining({ key: 'mock', calls: 3 })]);
    const today = new Date().toISOString().slice(0, 10);
    const byDay = (await owner.client.get('/api/v1/usage/summary?groupBy=day')).body.rows;
    expect(byDay).toEqual([expect.objectContaining({ key: today, calls: 3 })]);
    const byHour = (await owner.client.get('/api/v1/usage/summary?groupBy=hour')).body.rows;
    expect(byHour.map((row: { key: string }) => row.key)).toEqual(
      [
        ...new Set(
          (await owner.client.get('/api/v1/usage/calls')).body.items.map((call: { createdAt: string }) =>
            call.createdAt.slice(0, 13),
          ),
        ),
      ].sort(),
    );
    expect(byHour.reduce((sum: number, row: { calls: number }) => sum + row.calls, 0)).toBe(3);

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const future = (await owner.client.get(`/api/v1/usage/summary?from=${encodeURIComponent(tomorrow)}`)).body;
    expect(future.rows).toEqual([]);
    expect(future.totals.calls).toBe(0);
    const onlyBeta = (await owner.client.get(`/api/v1/usage/summary?groupBy=agent&agentId=${beta.id}`)).body;
    expect(onlyBeta.totals.calls).toBe(1);
  });

  it('pages through the ledger newest first', async () => {
    const first = (await owner.client.get('/api/v1/usage/calls?limit=2')).body;
    expect(first.items).toHaveLength(2);
    expect(first.total).toBe(3);
    const second = (await owner.client.get(`/api/v1/usage/calls?limit=2&cursor=${first.nextCursor}`)).body;
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((call: { id: string }) => call.id);
    expect(new Set(ids).size).toBe(3);
    expect(second.items[0].agentId).toBe(alpha.id);
  });

  it('rejects bad filters with 400', async () => {
    expect((await owner.client.get('/api/v1/usage/summary?groupBy=planet')).status).toBe(400);
    expect((await owner.client.get('/api/v1/usage/calls?from=yesterday')).status).toBe(400);
    expect((await owner.client.get('/api/v1/usage/calls?cursor=garbage')).status).toBe(400);
  });
});

describe('agent task history', () => {
  it('lists an agent’s tasks newest first with tokens, cost and duration', async () => {
    const res = await owner.client.get(`/api/v1/agents/${alpha.id}/tasks`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    expect(res.body.items.map((task: { summary: string }) => task.summary)).toEqual(['two', 'one']);
    expect(res.body.items[0]).toMatchObject({
      status: 'succeeded',
      kind: 'conversation_turn',
      llmCalls: 1,
      usage: { inputTokens: 1000 },
    });
    expect(res.body.items[0].costUsd).toBeCloseTo(CALL_COST, 12);
    expect(res.body.items[0].durationMs).toBeGreaterThanOrEqual(0);
    expect((await owner.client.get(`/api/v1/agents/${alpha.id}/tasks?status=failed`)).body.items).toEqual([]);
    expect((await owner.client.get('/api/v1/agents/00000000-0000-4000-8000-00000000dead/tasks')).status).toBe(404);
  });
});
