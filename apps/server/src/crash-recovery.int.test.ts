import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AgentTask, LlmCall } from '@agent-fleet/contracts';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `kill -9` in the middle of a chat turn, then a restart on the same data directory: the real server (the
 * CLI in a child process, embedded PGlite) must come back with nothing stuck and the interrupted model call
 * in the ledger.
 */
const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'agent-fleet-crash-'));
const PASSWORD = 'correct horse battery staple';
const EMAIL = 'crash@example.test';
const POLL = { timeout: 60_000, interval: 200 };
let server: ChildProcess | undefined;

/** Starts `agent-fleet serve` on `dataDir`; resolves with its origin once it listens, and how long that took. */
async function startServer(): Promise<{ origin: string; startedInMs: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--conditions=@agent-fleet/source', '--import', 'tsx', cli, 'serve'], {
    env: { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', BLOB_SWEEP_DELAY_MS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /running at http:\/\/[^:]+:(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${output}`)));
  });
  return { origin: `http://127.0.0.1:${port}`, startedInMs: Date.now() - started };
}

async function kill(): Promise<void> {
  const child = server;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

afterAll(async () => {
  await kill();
  rmSync(dataDir, { recursive: true, force: true });
});

function api(origin: string, token: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${origin}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  return { get: (path: string) => call('GET', path), post: (path: string, body: unknown) => call('POST', path, body) };
}

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
    const signup = await fetch(`${first.origin}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD, name: 'Crash Tester' }),
    });
    expect(signup.status).toBe(201);
    const token = ((await signup.json()) as { accessToken: string }).accessToken;
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
    expect((await before.get(`/api/v1/agents/${agentId}`)).body['status']).toBe('busy');
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
    const after = api(second.origin, await login(second.origin));
    expect((await after.get(`/api/v1/agents/${agentId}`)).body['status']).toBe('idle');
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
    await expect.poll(async () => (await after.get(`/api/v1/agents/${agentId}`)).body['status'], POLL).toBe('idle');
    console.info(`restart after kill -9: listening in ${second.startedInMs} ms (first start ${first.startedInMs} ms)`);
  }, 240_000);
});

async function login(origin: string): Promise<string> {
  const res = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}
