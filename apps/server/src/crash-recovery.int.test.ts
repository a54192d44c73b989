import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentTask, LlmCall } from '@agent-fleet/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { apiClient, signIn, startServerProcess, type ServerProcess } from './server-process.test-support.js';

/**
 * `kill -9` in the middle of a chat turn, then a restart on the same data directory: the real server (the
 * CLI in a child process, embedded PGlite) must come back with nothing stuck and the interrupted model call
 * in the ledger.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'agent-fleet-crash-'));
const PASSWORD = 'correct horse battery staple';
const EMAIL = 'crash@example.test';
const POLL = { timeout: 60_000, interval: 200 };
let server: ServerProcess | undefined;

const startServer = async () => (server = await startServerProcess(dataDir));
const kill = async () => server?.kill();
const api = apiClient;

afterAll(async () => {
  await kill();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Reads a turn's event stream until the first text delta: the model call is then in flight. The stream is
 * left open (closing it would stop the turn); it dies with the server.
 */
async function startTurn(origin: string, token: string, conversationId: string): Promise<ReadableStreamDefaultReader> {
  const res = await fetch(`${origin}/api/v1/conversations/${conversationId}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ content: 'Tell me a long story' }),
  });
  expect(res.status).toBe(200);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let seen = '';
  while (!seen.includes('event: text.delta')) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the turn ended before any text:\n${seen}`);
    seen += decoder.decode(value, { stream: true });
  }
  return reader;
}

describe('a server killed mid-turn', () => {
  it('comes back with the agent free, the task interrupted, the call in the ledger, and the next turn working', async () => {
    const first = await startServer();
    const token = await signIn(first.origin, EMAIL, PASSWORD, true);
    const before = api(first.origin, token);
    // Slow enough that the kill lands mid-stream: 61 words, one every 150 ms.
    const agent = await before.post('/api/v1/agents', {
      name: 'Storyteller',
      model: { provider: 'mock', model: `echo?chunkDelayMs=150&reply=${'w+'.repeat(60)}end` },
    });
    expect(agent.status).toBe(201);
    const agentId = agent.body['id'] as string;
    const conversation = await before.post('/api/v1/conversations', { agentId });
    const conversationId = conversation.body['id'] as string;

    const turn = await startTurn(first.origin, token, conversationId);
    expect((await before.get(`/api/v1/agents/${agentId}`)).body['observedState']).toBe('busy');
    // The in-flight row is written before the call and checkpointed with the output streamed so far.
    await expect
      .poll(async () => {
        const rows = (await before.get(`/api/v1/usage/calls?conversationId=${conversationId}`)).body['items'] as LlmCall[];
        return rows[0]?.outcome === 'in_flight' && rows[0].usage.outputTokens > 0;
      }, POLL)
      .toBe(true);
    await kill();
    await turn.cancel().catch(() => undefined);
    // A blob no row owns, as a write that never committed leaves: the restart sweeps it.
    const orphanFolder = join(dataDir, 'blobs', agent.body['workspaceId'] as string, 'conversations', crypto.randomUUID());
    mkdirSync(orphanFolder, { recursive: true });
    writeFileSync(join(orphanFolder, 'transcript.json'), '{}');

    const second = await startServer();
    const after = api(second.origin, await signIn(second.origin, EMAIL, PASSWORD, false));
    expect((await after.get(`/api/v1/agents/${agentId}`)).body['observedState']).toBe('idle');
    // The sweep runs after start-up, in the background.
    await expect.poll(() => existsSync(join(orphanFolder, 'transcript.json')), POLL).toBe(false);
    // The question was committed with its count; the reply never was.
    expect((await after.get(`/api/v1/conversations/${conversationId}`)).body['messageCount']).toBe(1);
    expect((await after.get(`/api/v1/conversations/${conversationId}/messages`)).body['total']).toBe(1);

    const tasks = (await after.get(`/api/v1/agents/${agentId}/tasks`)).body['items'] as AgentTask[];
    expect(tasks).toHaveLength(1);
    const task = tasks[0] as AgentTask;
    expect(task).toMatchObject({ status: 'failed', error: { code: 'interrupted' }, llmCalls: 1 });
    const calls = (await after.get(`/api/v1/usage/calls?taskId=${task.id}`)).body['items'] as LlmCall[];
    expect(calls).toHaveLength(1);
    const call = calls[0] as LlmCall;
    expect(call).toMatchObject({ outcome: 'interrupted', estimated: true, errorClass: 'aborted', provider: 'mock' });
    expect(call.usage.inputTokens).toBeGreaterThan(0);
    expect(call.usage.outputTokens).toBeGreaterThan(0);
    expect(call.costUsd).toBeGreaterThan(0);
    // The task's totals are its ledger rows' sums.
    expect(task.usage).toEqual(call.usage);
    expect(task.costUsd).toBe(call.costUsd);

    const next = await after.post(`/api/v1/conversations/${conversationId}/messages`, { content: 'Again, briefly' });
    expect(next.status).toBe(200);
    expect(next.body['message']).toMatchObject({ status: 'complete' });
    expect((await after.get(`/api/v1/conversations/${conversationId}`)).body['messageCount']).toBe(3);
    await expect.poll(async () => (await after.get(`/api/v1/agents/${agentId}`)).body['observedState'], POLL).toBe('idle');
    console.info(`restart after kill -9: listening in ${second.startedInMs} ms (first start ${first.startedInMs} ms)`);
    // A bound on a hang, as in pipeline-crash.int.test.ts: at a load of 20 on 2 cores the test ran past 240 s.
  }, 600_000);
});
