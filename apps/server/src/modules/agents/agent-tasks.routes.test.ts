import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockAgent, createTestApp, parseSse, type SignedIn, type TestApp } from '../../test-support.js';

/** The trace of a turn: each task with its rendered system prompt and requester, each model call on the ledger. */
let t: TestApp;
let owner: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signupOwner();
}, 60_000);
afterAll(() => t.close());

type Body = Record<string, unknown>;

const createAgent = (name: string, model?: string, extra?: Record<string, unknown>) => createMockAgent(owner, name, model, extra);

async function chat(agentId: string, content: string, variables?: Body) {
  const conversation = (await owner.client.post('/api/v1/conversations').send({ agentId, ...(variables ? { variables } : {}) }))
    .body as { id: string };
  const res = await owner.client
    .post(`/api/v1/conversations/${conversation.id}/messages`)
    .set('Accept', 'text/event-stream')
    .send({ content });
  expect(res.status).toBe(200);
  return { events: parseSse(res.text), conversationId: conversation.id };
}

/** The task a turn started, from its `turn.started` event. */
const taskIdOf = (events: ReturnType<typeof parseSse>): string =>
  String(events.find((event) => event.type === 'turn.started')?.['taskId']);

describe('GET /api/v1/agents/:id/tasks/:taskId', () => {
  it('shows the rendered system prompt and, on a nested task, which agent asked', async () => {
    const expert = await createAgent('Expert', 'echo', { systemPrompt: { type: 'inline', text: 'You know tides.' } });
    const lead = await createAgent('Lead', 'echo', {
      tools: [`agent:${expert.id}`],
      systemPrompt: { type: 'inline', text: 'You lead.' },
    });
    const { events } = await chat(lead.id, 'Please ask the expert about tides');
    const started = { taskId: taskIdOf(events) };

    const leadTask = await owner.client.get(`/api/v1/agents/${lead.id}/tasks/${started.taskId}`);
    expect(leadTask.status).toBe(200);
    expect(leadTask.body).toMatchObject({
      id: started.taskId,
      kind: 'conversation_turn',
      status: 'succeeded',
      systemPrompt: { text: 'You lead.', templateRef: null, templateVersion: null, variables: {} },
      requestedBy: null,
    });
    const nested = (await owner.client.get(`/api/v1/agents/${expert.id}/tasks`)).body.items as Body[];
    expect(nested).toEqual([
      expect.objectContaining({
        kind: 'agent_tool_call',
        requestedBy: { taskId: started.taskId, agentId: lead.id, agentName: 'Lead' },
        systemPrompt: expect.objectContaining({ text: 'You know tides.' }),
      }),
    ]);
    const one = await owner.client.get(`/api/v1/agents/${expert.id}/tasks/${nested[0]?.['id'] as string}`);
    expect(one.body.requestedBy).toEqual({ taskId: started.taskId, agentId: lead.id, agentName: 'Lead' });

    // Per-call latency, time to first token, attempt and fallback, by task.
    const calls = (await owner.client.get(`/api/v1/usage/calls?taskId=${started.taskId}`)).body.items as Body[];
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      expect(call).toMatchObject({ attempt: 1, fallback: false, estimated: false, unpriced: false, outcome: 'success' });
      expect(call['latencyMs']).toEqual(expect.any(Number));
    }
  });

  it('records a template prompt with its reference, version and variables', async () => {
    await owner.client.post('/api/v1/prompts').send({
      name: 'greeter',
      source: { type: 'text', body: 'Greet {{ customer }} warmly.' },
      variables: [{ name: 'customer', type: 'string', required: true }],
    });
    const agent = await createAgent('Greeter', 'echo', { systemPrompt: { type: 'template', ref: 'greeter@latest' } });
    const { events } = await chat(agent.id, 'Hi', { customer: 'ACME' });
    const taskId = taskIdOf(events);
    const task = await owner.client.get(`/api/v1/agents/${agent.id}/tasks/${taskId}`);
    expect(task.body.systemPrompt).toEqual({
      text: 'Greet ACME warmly.',
      templateRef: 'greeter@latest',
      templateVersion: 1,
      variables: { customer: 'ACME' },
    });
  });

  it('answers 404 for a task of another agent, or no task, and lets a viewer read', async () => {
    const a = await createAgent('Alpha', 'echo');
    const b = await createAgent('Beta', 'echo');
    const { events } = await chat(a.id, 'Hello');
    const taskId = taskIdOf(events);
    expect((await owner.client.get(`/api/v1/agents/${b.id}/tasks/${taskId}`)).status).toBe(404);
    expect((await owner.client.get(`/api/v1/agents/${a.id}/tasks/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await owner.client.get(`/api/v1/agents/${a.id}/tasks/not-a-uuid`)).status).toBe(404);
    const viewer = await t.addUser(owner, 'viewer');
    expect((await viewer.client.get(`/api/v1/agents/${a.id}/tasks/${taskId}`)).status).toBe(200);
  });
});

describe('a turn of several model calls', () => {
  it('separates the text of successive calls, in the stream and in the stored reply', async () => {
    const helper = await createAgent('Helper', 'echo');
    const talker = await createAgent('Talker', 'echo?preface=Let me check with the helper.', {
      tools: [`agent:${helper.id}`],
    });
    const { events } = await chat(talker.id, 'Please ask the helper');
    const streamed = events
      .filter((event) => event.type === 'text.delta')
      .map((event) => event['delta'])
      .join('');
    const completed = events.at(-1) as { type: string; message: { content: string } };
    expect(completed.type).toBe('turn.completed');
    expect(completed.message.content).toMatch(/^Let me check with the helper\.\n\nMock summary of the tool answers: /);
    expect(streamed).toBe(completed.message.content);
  });
});

describe('usage flags', () => {
  it('flags a call to a model nobody priced', async () => {
    const agent = await createAgent('Unpriced', 'no-such-price');
    const { conversationId } = await chat(agent.id, 'Hello');
    const calls = (await owner.client.get(`/api/v1/usage/calls?conversationId=${conversationId}`)).body.items as Body[];
    expect(calls).toEqual([expect.objectContaining({ outcome: 'success', unpriced: true, costUsd: 0 })]);
  });

  it('shows the cost of a stopped turn, estimated from what was sent and streamed', async () => {
    const agent = await createAgent('Slow talker', 'echo?chunkDelayMs=200');
    const conversation = (await owner.client.post('/api/v1/conversations').send({ agentId: agent.id })).body as { id: string };
    // A real socket, so the test sees the first words arrive before it presses Stop.
    const server = createServer(t.app).listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/conversations/${conversation.id}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ content: 'Tell me everything you know about the sea' }),
      });
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let text = '';
      while ((text.match(/event: text\.delta/g) ?? []).length < 2) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`the turn ended early:\n${text}`);
        text += decoder.decode(value, { stream: true });
      }
      expect((await owner.client.post(`/api/v1/conversations/${conversation.id}/abort`)).status).toBe(200);
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
      const failed = parseSse(text).at(-1) as { type: string; message: { costUsd: number; status: string } | null };
      expect(failed.type).toBe('turn.failed');
      const calls = (await owner.client.get(`/api/v1/usage/calls?conversationId=${conversation.id}`)).body.items as Body[];
      expect(calls).toEqual([expect.objectContaining({ outcome: 'cancelled', estimated: true })]);
      expect(calls[0]?.['costUsd']).toBeGreaterThan(0);
      expect(failed.message?.status).toBe('cancelled');
      expect(failed.message?.costUsd).toBe(calls[0]?.['costUsd']);
      const stored = (await owner.client.get(`/api/v1/conversations/${conversation.id}`)).body as { costUsd: number };
      expect(stored.costUsd).toBe(calls[0]?.['costUsd']);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
