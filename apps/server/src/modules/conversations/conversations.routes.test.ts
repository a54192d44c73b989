import { DEFAULT_WORKSPACE_ID } from '@agent-fleet/core';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockAgent, createTestApp, parseSse, type SignedIn, type TestApp } from '../../test-support.js';

/** Waits for state another request changes; generous, as CI machines can be slow. */
const POLL = { timeout: 10_000 };

let t: TestApp;
let owner: SignedIn;

beforeAll(async () => {
  t = await createTestApp({ env: { MESSAGE_INLINE_LIMIT_BYTES: 256 } });
  owner = await t.signupOwner();
}, 60_000);
afterAll(() => t.close());

const createAgent = (name: string, model?: string, extra?: Record<string, unknown>) => createMockAgent(owner, name, model, extra);

/** Runs `work` against the app on a real loopback port, for tests that need a client to go away. */
async function overHttp(work: (port: number) => Promise<void>): Promise<void> {
  const server = createServer(t.app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    await work((server.address() as AddressInfo).port);
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

async function startConversation(agentId: string) {
  const res = await owner.client.post('/api/v1/conversations').send({ agentId });
  expect(res.status).toBe(201);
  return res.body as { id: string; title: string };
}

const streamMessage = (conversationId: string, content: string) =>
  owner.client.post(`/api/v1/conversations/${conversationId}/messages`).set('Accept', 'text/event-stream').send({ content });

describe('conversations', () => {
  it('streams a reply as server-sent events and stores both messages with tokens and cost', async () => {
    const agent = await createAgent('Streamer');
    const conversation = await startConversation(agent.id);

    const res = await streamMessage(conversation.id, 'What is a fleet?');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = parseSse(res.text);
    expect(events[0]).toMatchObject({ type: 'turn.started', userMessage: { role: 'user', content: 'What is a fleet?' } });
    expect(events.at(-1)?.type).toBe('turn.completed');
    const deltas = events.filter((event) => event.type === 'text.delta').map((event) => event['delta'] as string);
    expect(deltas.length).toBeGreaterThan(3);
    const completed = events.at(-1) as unknown as { message: Record<string, unknown>; task: Record<string, unknown> };
    expect(completed.message).toMatchObject({
      role: 'assistant',
      content: deltas.join(''),
      mock: true,
      provider: 'mock',
      model: 'echo',
      status: 'complete',
    });
    expect(completed.message['content']).toMatch(/^Mock reply to "What is a fleet\?"/);
    expect(completed.task).toMatchObject({ status: 'succeeded', kind: 'conversation_turn', llmCalls: 1 });

    const ledger = (await owner.client.get(`/api/v1/usage/calls?conversationId=${conversation.id}`)).body;
    expect(ledger.items).toHaveLength(1);
    expect(completed.message['costUsd']).toBeCloseTo(ledger.items[0].costUsd, 12);
    expect(completed.message['usage']).toEqual(ledger.items[0].usage);
    expect(ledger.items[0]).toMatchObject({ agentId: agent.id, taskId: completed.task['id'], mock: true, outcome: 'success' });

    const messages = (await owner.client.get(`/api/v1/conversations/${conversation.id}/messages`)).body;
    expect(messages.items.map((message: { role: string }) => message.role)).toEqual(['user', 'assistant']);
    const stored = (await owner.client.get(`/api/v1/conversations/${conversation.id}`)).body;
    expect(stored).toMatchObject({ messageCount: 2, busy: false, title: 'What is a fleet?' });
    expect(stored.costUsd).toBeCloseTo(ledger.items[0].costUsd, 12);
    expect((await owner.client.get(`/api/v1/agents/${agent.id}`)).body.observedState).toBe('idle');
  });

  it('continues a conversation with its history, and answers plain JSON without an SSE Accept header', async () => {
    const agent = await createAgent('Historian');
    const conversation = await startConversation(agent.id);
    await streamMessage(conversation.id, 'First');
    const res = await owner.client.post(`/api/v1/conversations/${conversation.id}/messages`).send({ content: 'Second' });
    expect(res.status).toBe(200);
    expect(res.body.message.content).toMatch(/^Mock reply to "Second"/);
    // The model saw the first exchange: its input grew past the first turn's.
    const calls = (await owner.client.get(`/api/v1/usage/calls?conversationId=${conversation.id}`)).body.items;
    expect(calls[0].usage.inputTokens).toBeGreaterThan(calls[1].usage.inputTokens);
    expect((await owner.client.get(`/api/v1/conversations/${conversation.id}`)).body.messageCount).toBe(4);
  });

  it('stops a running turn on abort: the provider call is cancelled and the task recorded as cancelled', async () => {
    const agent = await createAgent('Sleeper', 'echo?latencyMs=60000');
    const conversation = await startConversation(agent.id);
    const pending = streamMessage(conversation.id, 'Take your time').then((res) => res);
    await expect
      .poll(async () => (await owner.client.get(`/api/v1/conversations/${conversation.id}`)).body.busy, POLL)
      .toBe(true);
    await expect.poll(async () => (await owner.client.get(`/api/v1/agents/${agent.id}`)).body.observedState, POLL).toBe('busy');

    const busy = await streamMessage(conversation.id, 'Me too');
    expect(busy.status).toBe(409);
    expect(busy.body.code).toBe('conversation_busy');

    expect((await owner.client.post(`/api/v1/conversations/${conversation.id}/abort`)).body).toEqual({ aborted: true });
    const events = parseSse((await pending).text);
    expect(events.at(-1)).toMatchObject({ type: 'turn.failed', error: { code: 'aborted' }, task: { status: 'cancelled' } });
    const calls = (await owner.client.get(`/api/v1/usage/calls?conversationId=${conversation.id}`)).body.items;
    expect(calls.map((call: { outcome: string }) => call.outcome)).toEqual(['cancelled']);
    expect((await owner.client.get(`/api/v1/agents/${agent.id}`)).body.observedState).toBe('idle');
    expect((await owner.client.post(`/api/v1/conversations/${conversation.id}/abort`)).body).toEqual({ aborted: false });
  });

  it('stops the turn when the client closes the stream', async () => {
    const agent = await createAgent('Left alone', 'echo?latencyMs=60000');
    const conversation = await startConversation(agent.id);
    await overHttp(async (port) => {
      const controller = new AbortController();
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/conversations/${conversation.id}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ content: 'Never mind' }),
        signal: controller.signal,
      });
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = response.body?.getReader();
      const first = new TextDecoder().decode((await reader?.read())?.value);
      expect(first).toContain('event: turn.started');
      controller.abort();
      await expect
        .poll(async () => (await owner.client.get(`/api/v1/agents/${agent.id}/tasks`)).body.items[0]?.status, POLL)
        .toBe('cancelled');
      await expect
        .poll(async () => (await owner.client.get(`/api/v1/conversations/${conversation.id}`)).body.busy, POLL)
        .toBe(false);
    });
  });

  it('stops a JSON turn and its spending when the client disconnects before the reply', async () => {
    const agent = await createAgent('Walked away', 'echo?latencyMs=60000');
    const conversation = await startConversation(agent.id);
    await overHttp(async (port) => {
      const controller = new AbortController();
      const reply = fetch(`http://127.0.0.1:${port}/api/v1/conversations/${conversation.id}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'Never mind' }),
        signal: controller.signal,
      });
      await expect
        .poll(async () => (await owner.client.get(`/api/v1/conversations/${conversation.id}`)).body.busy, POLL)
        .toBe(true);
      controller.abort();
      await expect(reply).rejects.toThrow();
      await expect
        .poll(async () => (await owner.client.get(`/api/v1/agents/${agent.id}/tasks`)).body.items[0]?.status, POLL)
        .toBe('cancelled');
      await expect
        .poll(async () => (await owner.client.get(`/api/v1/conversations/${conversation.id}`)).body.busy, POLL)
        .toBe(false);
      // The one model call was cancelled and no other followed it.
      const calls = (await owner.client.get(`/api/v1/usage/calls?conversationId=${conversation.id}`)).body.items;
      expect(calls.map((call: { outcome: string }) => call.outcome)).toEqual(['cancelled']);
    });
  });

  it('keeps the partial reply when a turn is stopped mid-stream', async () => {
    const agent = await createAgent('Slow talker', 'echo?chunkDelayMs=400');
    const conversation = await startConversation(agent.id);
    await overHttp(async (port) => {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/conversations/${conversation.id}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ content: 'Tell me a long story' }),
      });
      const reader = response.body?.getReader();
      const decoder = new TextDecoder();
      let text = '';
      while (!text.includes('event: text.delta')) text += decoder.decode((await reader?.read())?.value);
      expect((await owner.client.post(`/api/v1/conversations/${conversation.id}/abort`)).body).toEqual({ aborted: true });
      for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read())
        text += decoder.decode(chunk.value);
      const events = parseSse(text);
      const streamed = events
        .filter((event) => event.type === 'text.delta')
        .map((event) => event['delta'])
        .join('');
      expect(streamed).toMatch(/^Mock /);
      expect(events.at(-1)).toMatchObject({
        type: 'turn.failed',
        error: { code: 'aborted' },
        message: { status: 'cancelled', content: streamed, model: 'echo?chunkDelayMs=400' },
      });
      const stored = (await owner.client.get(`/api/v1/conversations/${conversation.id}/messages`)).body.items;
      expect(stored.map((message: { role: string; status: string }) => [message.role, message.status])).toEqual([
        ['user', 'complete'],
        ['assistant', 'cancelled'],
      ]);
      expect(stored[1].content).toBe(streamed);
    });
  });

  it('refuses to chat with a paused agent and changes nothing', async () => {
    const agent = await createAgent('Napper', 'echo');
    expect((await owner.client.put(`/api/v1/agents/${agent.id}/admin-state`).send({ adminState: 'paused' })).status).toBe(200);
    const conversation = await startConversation(agent.id);
    const res = await streamMessage(conversation.id, 'Hello?');
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.code).toBe('agent_unavailable');
    expect((await owner.client.get(`/api/v1/conversations/${conversation.id}/messages`)).body.total).toBe(0);
  });

  it('keeps long messages and the transcript in the blob store, and deletes them with the conversation', async () => {
    const agent = await createAgent('Archivist');
    const conversation = await startConversation(agent.id);
    const long = 'word '.repeat(200).trim();
    await streamMessage(conversation.id, long);
    const messages = (await owner.client.get(`/api/v1/conversations/${conversation.id}/messages`)).body.items;
    expect(messages[0].content).toBe(long);
    const keys = await t.blobs.list(DEFAULT_WORKSPACE_ID, 'conversations/');
    expect(keys).toEqual(
      expect.arrayContaining([
        `conversations/${conversation.id}/transcript.json`,
        `conversations/${conversation.id}/messages/${messages[0].id}.txt`,
      ]),
    );

    const renamed = await owner.client.patch(`/api/v1/conversations/${conversation.id}`).send({ title: 'Long one' });
    expect(renamed.body.title).toBe('Long one');
    expect((await owner.client.delete(`/api/v1/conversations/${conversation.id}`)).status).toBe(204);
    expect((await owner.client.get(`/api/v1/conversations/${conversation.id}`)).status).toBe(404);
    expect((await t.blobs.list(DEFAULT_WORKSPACE_ID, `conversations/${conversation.id}/`)).length).toBe(0);
    // Task history and usage outlive the conversation.
    const tasks = (await owner.client.get(`/api/v1/agents/${agent.id}/tasks`)).body.items;
    expect(tasks).toHaveLength(1);
    expect(tasks[0].conversationId).toBeNull();
  });

  it('lists conversations newest first, filtered by agent, and validates input', async () => {
    const agent = await createAgent('Lister');
    const first = await startConversation(agent.id);
    const second = await startConversation(agent.id);
    const page = (await owner.client.get(`/api/v1/conversations?agentId=${agent.id}&limit=1`)).body;
    expect(page.items.map((c: { id: string }) => c.id)).toEqual([second.id]);
    expect(page.total).toBe(2);
    const next = (await owner.client.get(`/api/v1/conversations?agentId=${agent.id}&limit=1&cursor=${page.nextCursor}`)).body;
    expect(next.items.map((c: { id: string }) => c.id)).toEqual([first.id]);
    expect(next.nextCursor).toBeNull();

    const bad = await owner.client.post('/api/v1/conversations').send({ agentId: agent.id, extra: 1 });
    expect(bad.status).toBe(400);
    const unknown = await owner.client.post('/api/v1/conversations').send({ agentId: '00000000-0000-4000-8000-00000000abcd' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('agentId');
    const empty = await owner.client.post(`/api/v1/conversations/${first.id}/messages`).send({ content: '   ' });
    expect(empty.status).toBe(400);
    expect((await owner.client.get(`/api/v1/conversations/${first.id}/messages`)).body.total).toBe(0);
  });

  it('lets a viewer read conversations but not chat', async () => {
    const agent = await createAgent('Shown');
    const conversation = await startConversation(agent.id);
    const viewer = await t.addUser(owner, 'viewer');
    expect((await viewer.client.get(`/api/v1/conversations/${conversation.id}`)).status).toBe(200);
    expect((await viewer.client.post(`/api/v1/conversations/${conversation.id}/messages`).send({ content: 'hi' })).status).toBe(
      403,
    );
    expect((await viewer.client.post('/api/v1/conversations').send({ agentId: agent.id })).status).toBe(403);
    expect((await viewer.client.get('/api/v1/usage/summary')).status).toBe(403);
  });
});

describe('deleting an agent', () => {
  it('deletes its conversations and their blobs', async () => {
    const res = await owner.client
      .post('/api/v1/agents')
      .send({ name: 'Short-lived', model: { provider: 'mock', model: 'echo' } });
    const conversation = (await owner.client.post('/api/v1/conversations').send({ agentId: res.body.id })).body;
    await owner.client.post(`/api/v1/conversations/${conversation.id}/messages`).send({ content: 'Remember me' });
    expect(await t.blobs.list(DEFAULT_WORKSPACE_ID, `conversations/${conversation.id}/`)).toHaveLength(1);
    expect((await owner.client.delete(`/api/v1/agents/${res.body.id}`)).status).toBe(204);
    expect((await owner.client.get(`/api/v1/conversations/${conversation.id}`)).status).toBe(404);
    expect(await t.blobs.list(DEFAULT_WORKSPACE_ID, `conversations/${conversation.id}/`)).toEqual([]);
  });
});

describe('message history', () => {
  it('pages newest first with order=desc, so a chat shows the latest messages first', async () => {
    const res = await owner.client.post('/api/v1/agents').send({ name: 'Pager', model: { provider: 'mock', model: 'echo' } });
    const conversation = (await owner.client.post('/api/v1/conversations').send({ agentId: res.body.id })).body;
    for (const content of ['one', 'two', 'three']) {
      await owner.client.post(`/api/v1/conversations/${conversation.id}/messages`).send({ content });
    }
    const url = `/api/v1/conversations/${conversation.id}/messages`;
    const latest = (await owner.client.get(`${url}?order=desc&limit=4`)).body;
    // Replies end with a hash of the prompt: " (1a2b3c4d)."
    const withoutHash = (content: string) => content.split(' (')[0];
    expect(latest.items.map((m: { role: string; content: string }) => [m.role, withoutHash(m.content)])).toEqual([
      ['assistant', 'Mock reply to "three"'],
      ['user', 'three'],
      ['assistant', 'Mock reply to "two"'],
      ['user', 'two'],
    ]);
    const older = (await owner.client.get(`${url}?order=desc&limit=4&cursor=${latest.nextCursor}`)).body;
    expect(older.items.map((m: { content: string }) => m.content.slice(0, 3))).toEqual(['Moc', 'one']);
    expect(older.nextCursor).toBeNull();
    // A cursor of one order is refused by the other.
    expect((await owner.client.get(`${url}?order=asc&cursor=${latest.nextCursor}`)).status).toBe(400);
  });
});
