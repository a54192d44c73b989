import { A2A_VERSION_HEADER, TaskState, type AgentCard } from '@a2a-js/sdk';
import type { Client } from '@a2a-js/sdk/client';
import { DrizzleA2ARepository } from '@agent-fleet/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  a2aClient,
  agentUrl,
  asTask,
  bearerFetch,
  collect,
  replyOf,
  sendRequest,
  startA2AServer,
  stateOf,
  textOf,
  userText,
  type A2AServer,
} from './a2a.test-support.js';

/**
 * An agent over A2A 1.0 JSON-RPC, driven by the SDK's own client over real HTTP: the card, blocking and
 * streamed sends, tasks read back and listed, cancel and resubscribe of a running task, and a context
 * that continues one conversation.
 */

let s: A2AServer;
let client: Client;
let agentId: string;

beforeAll(async () => {
  s = await startA2AServer();
  agentId = (
    await s.createAgent('Echo', 'echo', {
      description: 'Repeats what it is told',
      systemPrompt: { type: 'inline', text: 'TOP-SECRET-PROMPT never shown' },
    })
  ).id;
  client = await a2aClient(s.origin, agentId, s.key, 'JSONRPC');
}, 60_000);
afterAll(() => s.close());

const conversationOf = (task: { metadata?: Record<string, unknown> | undefined }) => String(task.metadata?.['conversationId']);

describe('A2A over JSON-RPC', () => {
  it('serves the agent card: its bindings at 1.0 and 0.3, the bearer scheme, and nothing of how the agent works', async () => {
    const res = await bearerFetch(s.key)(`${agentUrl(s.origin, agentId)}.well-known/agent-card.json`, {
      headers: { [A2A_VERSION_HEADER]: '1.0' },
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('TOP-SECRET-PROMPT');
    expect(text).not.toContain('echo');
    const card = JSON.parse(text) as AgentCard;
    expect(card).toMatchObject({ name: 'Echo', description: 'Repeats what it is told', capabilities: { streaming: true } });
    const endpoint = `${s.origin}/a2a/${agentId}`;
    expect(card.supportedInterfaces).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ url: endpoint, protocolBinding: 'JSONRPC', protocolVersion: '1.0' }),
        expect.objectContaining({ url: endpoint, protocolBinding: 'JSONRPC', protocolVersion: '0.3' }),
        expect.objectContaining({ url: `${endpoint}/rest`, protocolBinding: 'HTTP+JSON', protocolVersion: '1.0' }),
      ]),
    );
    expect(JSON.stringify(card.securitySchemes)).toContain('bearer');
    expect(card.securityRequirements).toHaveLength(1);
    expect(await client.getAgentCard()).toMatchObject({ name: 'Echo' });
  });

  it('answers a blocking send with the completed task: the reply as artifact and as the final status message', async () => {
    const task = asTask(await client.sendMessage(sendRequest(userText('What is a fleet?'))));
    expect(task.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(replyOf(task)).toMatch(/^Mock reply to "What is a fleet\?"/);
    expect(textOf(task.status?.message?.parts)).toBe(replyOf(task));
    expect(task.artifacts).toHaveLength(1);
    expect(task.artifacts[0]?.parts).toHaveLength(1);

    // It was an ordinary chat turn: the conversation holds both messages.
    const messages = await s.owner.client.get(`/api/v1/conversations/${conversationOf(task)}/messages`);
    expect(messages.body.items.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
      ['user', 'What is a fleet?'],
      ['assistant', replyOf(task)],
    ]);
  });

  it('streams the task: submitted, working, the reply in chunks, then completed', async () => {
    const streamAgent = await s.createAgent('Streamer', 'echo?chunkDelayMs=150');
    const streaming = await a2aClient(s.origin, streamAgent.id, s.key, 'JSONRPC');
    const events = await collect(streaming.sendMessageStream(sendRequest(userText('Tell me about fleets')))).done;

    expect(events[0]?.payload?.$case).toBe('task');
    expect(stateOf(events[0] ?? {})).toBe(TaskState.TASK_STATE_SUBMITTED);
    const states = events.map(stateOf).filter((state) => state !== undefined);
    expect(states).toEqual([TaskState.TASK_STATE_SUBMITTED, TaskState.TASK_STATE_WORKING, TaskState.TASK_STATE_COMPLETED]);
    const artifacts = events.flatMap((event) => (event.payload?.$case === 'artifactUpdate' ? [event.payload.value] : []));
    // Chunks appended as they came, then the whole reply in one part to end with.
    expect(artifacts.length).toBeGreaterThan(2);
    const chunks = artifacts.slice(0, -1);
    expect(chunks.every((chunk, i) => chunk.append === i > 0 && !chunk.lastChunk)).toBe(true);
    const whole = artifacts.at(-1);
    expect(whole).toMatchObject({ append: false, lastChunk: true });
    expect(chunks.map((chunk) => textOf(chunk.artifact?.parts)).join('')).toBe(textOf(whole?.artifact?.parts));
    expect(textOf(whole?.artifact?.parts)).toMatch(/^Mock reply to "Tell me about fleets"/);
  });

  it('gets a task back, and lists the agent’s tasks by context and state, page by page', async () => {
    const contextId = `list-${crypto.randomUUID()}`;
    const first = asTask(await client.sendMessage(sendRequest(userText('one', contextId))));
    const second = asTask(await client.sendMessage(sendRequest(userText('two', contextId))));

    const fetched = await client.getTask({ tenant: '', id: first.id });
    expect(fetched).toMatchObject({ id: first.id, contextId, status: { state: TaskState.TASK_STATE_COMPLETED } });
    expect(replyOf(fetched)).toBe(replyOf(first));

    const page = await client.listTasks({
      tenant: '',
      contextId,
      status: TaskState.TASK_STATE_COMPLETED,
      pageSize: 1,
      pageToken: '',
      statusTimestampAfter: undefined,
      includeArtifacts: true,
    });
    expect(page.totalSize).toBe(2);
    expect(page.tasks.map((task) => task.id)).toEqual([second.id]);
    expect(replyOf(page.tasks[0] ?? second)).toBe(replyOf(second));
    const next = await client.listTasks({
      tenant: '',
      contextId,
      status: TaskState.TASK_STATE_UNSPECIFIED,
      pageSize: 1,
      pageToken: page.nextPageToken,
      statusTimestampAfter: undefined,
    });
    expect(next.tasks.map((task) => task.id)).toEqual([first.id]);
    expect(next.tasks[0]?.artifacts).toEqual([]);
    expect(next.nextPageToken).toBe('');

    // Stored, not remembered: the row is there for the next process to read.
    const workspaceId = (await s.owner.client.get('/api/v1/me')).body.memberships[0].workspaceId as string;
    const stored = await new DrizzleA2ARepository(s.t.database.db).findTask({ workspaceId, agentId }, first.id);
    expect(stored).toMatchObject({ contextId, state: 'TASK_STATE_COMPLETED' });
  });

  it('continues one conversation across the messages of a context', async () => {
    const contextId = `ctx-${crypto.randomUUID()}`;
    const first = asTask(await client.sendMessage(sendRequest(userText('First', contextId))));
    const second = asTask(await client.sendMessage(sendRequest(userText('Second', contextId))));
    expect(second.contextId).toBe(contextId);
    expect(conversationOf(second)).toBe(conversationOf(first));

    const conversation = (await s.owner.client.get(`/api/v1/conversations/${conversationOf(first)}`)).body;
    expect(conversation).toMatchObject({ agentId, messageCount: 4, title: 'First' });
    // The second turn's model call saw the first exchange: its input is larger.
    const calls = (await s.owner.client.get(`/api/v1/usage/calls?conversationId=${conversationOf(first)}`)).body.items;
    expect(calls).toHaveLength(2);
    expect(calls[0].usage.inputTokens).toBeGreaterThan(calls[1].usage.inputTokens);

    // A message without a context starts a new conversation.
    const fresh = asTask(await client.sendMessage(sendRequest(userText('First'))));
    expect(fresh.contextId).not.toBe(contextId);
    expect(conversationOf(fresh)).not.toBe(conversationOf(first));
  });

  it('cancels a running task: the turn stops, the stream and the task end canceled', async () => {
    const sleeper = await s.createAgent('Sleeper', 'echo?latencyMs=60000');
    const sleepy = await a2aClient(s.origin, sleeper.id, s.key, 'JSONRPC');
    const stream = collect(sleepy.sendMessageStream(sendRequest(userText('Take your time'))));
    await stream.until((event) => stateOf(event) === TaskState.TASK_STATE_WORKING);
    const taskId = stream.events[0]?.payload?.$case === 'task' ? stream.events[0].payload.value.id : '';

    const canceled = await sleepy.cancelTask({ tenant: '', id: taskId, metadata: undefined });
    expect(canceled.status?.state).toBe(TaskState.TASK_STATE_CANCELED);
    const events = await stream.done;
    expect(stateOf(events.at(-1) ?? {})).toBe(TaskState.TASK_STATE_CANCELED);
    expect((await sleepy.getTask({ tenant: '', id: taskId })).status?.state).toBe(TaskState.TASK_STATE_CANCELED);

    // The provider call was cancelled, as the chat's stop button does.
    const conversationId = conversationOf(canceled);
    const calls = (await s.owner.client.get(`/api/v1/usage/calls?conversationId=${conversationId}`)).body.items;
    expect(calls.map((call: { outcome: string }) => call.outcome)).toEqual(['cancelled']);
    // Canceling it again changes nothing.
    await expect(sleepy.cancelTask({ tenant: '', id: taskId, metadata: undefined })).resolves.toMatchObject({
      status: { state: TaskState.TASK_STATE_CANCELED },
    });
  });

  it('resubscribes to a running task from another connection and sees it end', async () => {
    const sleeper = await s.createAgent('Dreamer', 'echo?latencyMs=60000');
    const sleepy = await a2aClient(s.origin, sleeper.id, s.key, 'JSONRPC');
    const original = collect(sleepy.sendMessageStream(sendRequest(userText('Wake me later'))));
    await original.until((event) => stateOf(event) === TaskState.TASK_STATE_WORKING);
    const taskId = original.events[0]?.payload?.$case === 'task' ? original.events[0].payload.value.id : '';

    // Another client, another key of the workspace: the task belongs to the agent, not to the key.
    const other = await a2aClient(s.origin, sleeper.id, await s.createKey(s.owner, 'operator'), 'JSONRPC');
    const resubscribed = collect(other.resubscribeTask({ tenant: '', id: taskId }));
    await resubscribed.until((event) => event.payload?.$case === 'task');
    expect(stateOf(resubscribed.events[0] ?? {})).toBe(TaskState.TASK_STATE_WORKING);

    await other.cancelTask({ tenant: '', id: taskId, metadata: undefined });
    const events = await resubscribed.done;
    expect(stateOf(events.at(-1) ?? {})).toBe(TaskState.TASK_STATE_CANCELED);
    expect(stateOf((await original.done).at(-1) ?? {})).toBe(TaskState.TASK_STATE_CANCELED);
  });
});
