import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TaskState } from '@a2a-js/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { apiClient, signIn, startServerProcess, type ServerProcess } from '../server-process.test-support.js';
import { a2aClient, asTask, collect, replyOf, sendRequest, stateOf, textOf, userText } from './a2a.test-support.js';

/**
 * A2A tasks outlive the process: the real server (the CLI in a child process, embedded PGlite) is killed
 * with `kill -9` while one task runs, and restarted on the same data directory. The finished task is
 * still there to get and list, the running one has failed saying why, and the context goes on.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'agent-fleet-a2a-restart-'));
const POLL = { timeout: 60_000, interval: 200 };
let server: ServerProcess | undefined;

afterAll(async () => {
  await server?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('A2A across a restart', () => {
  it('keeps finished tasks, fails the one a killed server ran, and continues the context', async () => {
    server = await startServerProcess(dataDir);
    const token = await signIn(server.origin, 'a2a@example.test', 'correct horse battery staple', true);
    const api = apiClient(server.origin, token);
    const key = (await api.post('/api/v1/api-keys', { name: 'a2a', role: 'editor' })).body['key'] as string;
    const quick = (await api.post('/api/v1/agents', { name: 'Quick', model: { provider: 'mock', model: 'echo' } })).body;
    const sleeper = (
      await api.post('/api/v1/agents', { name: 'Sleeper', model: { provider: 'mock', model: 'echo?latencyMs=60000' } })
    ).body;
    const quickId = quick['id'] as string;

    const before = await a2aClient(server.origin, quickId, key, 'JSONRPC');
    const done = asTask(await before.sendMessage(sendRequest(userText('Remember this'))));
    expect(done.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    const running = collect(
      (await a2aClient(server.origin, sleeper['id'] as string, key, 'JSONRPC')).sendMessageStream(
        sendRequest(userText('Take your time')),
      ),
    );
    await running.until((event) => stateOf(event) === TaskState.TASK_STATE_WORKING);
    const first = running.events[0]?.payload;
    const runningId = first?.$case === 'task' ? first.value.id : '';

    await server.kill();
    server = await startServerProcess(dataDir);
    const after = await a2aClient(server.origin, quickId, key, 'JSONRPC');
    const kept = await after.getTask({ tenant: '', id: done.id });
    expect(kept.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(replyOf(kept)).toBe(replyOf(done));
    const listed = await after.listTasks({
      tenant: '',
      contextId: done.contextId,
      status: TaskState.TASK_STATE_UNSPECIFIED,
      pageToken: '',
      statusTimestampAfter: undefined,
    });
    expect(listed.tasks.map((task) => task.id)).toEqual([done.id]);

    // The dead server's open task fails once recovery sees the server gone.
    const sleepy = await a2aClient(server.origin, sleeper['id'] as string, key, 'JSONRPC');
    await expect
      .poll(async () => (await sleepy.getTask({ tenant: '', id: runningId })).status?.state, POLL)
      .toBe(TaskState.TASK_STATE_FAILED);
    const failed = await sleepy.getTask({ tenant: '', id: runningId });
    expect(textOf(failed.status?.message?.parts)).toMatch(/server stopped/);

    const next = asTask(await after.sendMessage(sendRequest(userText('And now?', done.contextId))));
    expect(next.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(next.metadata?.['conversationId']).toBe(done.metadata?.['conversationId']);
  }, 240_000);
});
