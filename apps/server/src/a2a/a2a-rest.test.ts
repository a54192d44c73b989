import { TaskState } from '@a2a-js/sdk';
import type { Client } from '@a2a-js/sdk/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  a2aClient,
  asTask,
  bearerFetch,
  collect,
  replyOf,
  sendRequest,
  startA2AServer,
  stateOf,
  userText,
  type A2AServer,
} from './a2a.test-support.js';

/** The same agent over the HTTP+JSON (REST) binding, with the SDK's REST client over real HTTP. */

let s: A2AServer;
let client: Client;
let agentId: string;

beforeAll(async () => {
  s = await startA2AServer();
  agentId = (await s.createAgent('Rester')).id;
  client = await a2aClient(s.origin, agentId, s.key, 'HTTP+JSON');
}, 60_000);
afterAll(() => s.close());

describe('A2A over REST', () => {
  it('uses the REST binding the card names', () => {
    expect(client.transport.protocolName).toBe('HTTP+JSON');
  });

  it('sends, streams, gets and lists tasks', async () => {
    const contextId = `rest-${crypto.randomUUID()}`;
    const sent = asTask(await client.sendMessage(sendRequest(userText('Over REST', contextId))));
    expect(sent.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(replyOf(sent)).toMatch(/^Mock reply to "Over REST"/);

    const events = await collect(client.sendMessageStream(sendRequest(userText('Streamed over REST', contextId)))).done;
    expect(stateOf(events.at(-1) ?? {})).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(events.some((event) => event.payload?.$case === 'artifactUpdate')).toBe(true);

    expect(replyOf(await client.getTask({ tenant: '', id: sent.id }))).toBe(replyOf(sent));
    const listed = await client.listTasks({
      tenant: '',
      contextId,
      status: TaskState.TASK_STATE_UNSPECIFIED,
      pageToken: '',
      statusTimestampAfter: undefined,
    });
    expect(listed.totalSize).toBe(2);
    expect(listed.tasks.at(-1)?.id).toBe(sent.id);
  });

  it('cancels a running task', async () => {
    const sleeper = await s.createAgent('Resting', 'echo?latencyMs=60000');
    const sleepy = await a2aClient(s.origin, sleeper.id, s.key, 'HTTP+JSON');
    const stream = collect(sleepy.sendMessageStream(sendRequest(userText('Slowly'))));
    await stream.until((event) => stateOf(event) === TaskState.TASK_STATE_WORKING);
    const first = stream.events[0]?.payload;
    const taskId = first?.$case === 'task' ? first.value.id : '';
    expect((await sleepy.cancelTask({ tenant: '', id: taskId, metadata: undefined })).status?.state).toBe(
      TaskState.TASK_STATE_CANCELED,
    );
    expect(stateOf((await stream.done).at(-1) ?? {})).toBe(TaskState.TASK_STATE_CANCELED);
  });

  it('answers unknown tasks with 404 and anonymous callers with 401', async () => {
    const res = await bearerFetch(s.key)(`${s.origin}/a2a/${agentId}/rest/tasks/${crypto.randomUUID()}`, {
      headers: { 'A2A-Version': '1.0' },
    });
    expect(res.status).toBe(404);
    expect((await bearerFetch(null)(`${s.origin}/a2a/${agentId}/rest/tasks`)).status).toBe(401);
  });
});
