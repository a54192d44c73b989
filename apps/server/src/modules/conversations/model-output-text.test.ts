import { buildAgentInput, startFakeLlmServer, type FakeLlmServer } from '@agent-fleet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../../test-support.js';

/**
 * Requests are refused when they carry text PostgreSQL cannot store, but a model's output cannot be
 * refused: a reply with a NUL or a lone surrogate must be stored (with U+FFFD in their place), not
 * turn the chat turn into a 500.
 */
let server: FakeLlmServer;
let t: TestApp;
let owner: SignedIn;

beforeAll(async () => {
  server = await startFakeLlmServer({ models: ['gpt-4o-mini'] });
  t = await createTestApp({ env: { OUTBOUND_ALLOWED_HOSTS: new URL(server.url).host, LLM_MAX_ATTEMPTS: 1 } });
  owner = await t.signupOwner();
  const provider = await owner.client
    .put('/api/v1/providers/openai')
    .send({ kind: 'openai', baseUrl: server.baseUrl('openai'), apiKey: 'sk-test-key-1234' });
  expect(provider.status).toBe(200);
}, 60_000);
afterAll(async () => {
  await t.close();
  await server.close();
});

describe('model output PostgreSQL cannot store', () => {
  it('is stored with U+FFFD for each NUL and lone surrogate, and the turn succeeds', async () => {
    const agent = await owner.client
      .post('/api/v1/agents')
      .send(buildAgentInput({ name: 'Raw output', model: { provider: 'openai', model: 'gpt-4o-mini' } }));
    expect(agent.status).toBe(201);
    const conversation = await owner.client.post('/api/v1/conversations').send({ agentId: agent.body.id });
    server.enqueue({ kind: 'text', text: 'nul\u0000here, lone \ud800 there', chunks: 1 });

    const turn = await owner.client.post(`/api/v1/conversations/${conversation.body.id}/messages`).send({ content: 'hi' });
    expect(turn.status, JSON.stringify(turn.body)).toBe(200);
    expect(turn.body.task.status).toBe('succeeded');
    expect(turn.body.message.content).toBe('nul\ufffdhere, lone \ufffd there');

    const history = await owner.client.get(`/api/v1/conversations/${conversation.body.id}/messages`);
    expect(history.body.items.map((message: { content: string }) => message.content)).toContain(
      'nul\ufffdhere, lone \ufffd there',
    );
  });
});
