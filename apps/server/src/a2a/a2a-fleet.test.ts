import { TaskState, type Task } from '@a2a-js/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetTaskClient, type TaskBody } from '../modules/fleets/fleet-tasks.test-support.js';
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
  userText,
  type A2AServer,
} from './a2a.test-support.js';

/**
 * A fleet over A2A, driven by the SDK's own JSON-RPC and REST clients over real HTTP: its card shows
 * the skills its members hold; a message becomes a fleet task (placed, with a routing record); get,
 * list, cancel and resubscribe work; a draining fleet and a full queue are A2A errors that store nothing.
 */

let s: A2AServer;
let api: ReturnType<typeof fleetTaskClient>;
let fleetId: string;
let memberIds: string[];

beforeAll(async () => {
  s = await startA2AServer();
  api = fleetTaskClient(s.owner);
  fleetId = await api.fleet({ name: 'Support desk', description: 'Answers tickets', strategy: { type: 'least_loaded' } });
  memberIds = [
    await api.member(fleetId, 'Searcher', 'echo', { skills: ['search', 'SQL'] }),
    await api.member(fleetId, 'Querier', 'echo', { skills: ['sql'] }),
  ];
}, 60_000);
afterAll(() => s.close());

const fleetTasksOf = async (id: string): Promise<TaskBody[]> =>
  (await s.owner.client.get(`/api/v1/fleets/${id}/tasks?limit=100`)).body.items as TaskBody[];

const fleetTaskIdOf = (task: Task): string => String(task.metadata?.['fleetTaskId'] ?? '');

const rpc = (key: string, id: string, method: string, params: unknown) =>
  bearerFetch(key)(`${s.origin}/a2a/${id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'A2A-Version': '1.0' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });

describe('a fleet over A2A', () => {
  it('serves a card named for the fleet, with the skills its members hold', async () => {
    const res = await bearerFetch(s.key)(`${agentUrl(s.origin, fleetId)}.well-known/agent-card.json`, {
      headers: { 'A2A-Version': '1.0' },
    });
    expect(res.status).toBe(200);
    const card = (await res.json()) as { name: string; description: string; skills: { id: string }[] };
    expect(card.name).toBe('Support desk');
    expect(card.description).toBe('Answers tickets');
    expect(card.skills.map((skill) => skill.id)).toEqual(['search', 'sql']);
  });

  it.each(['JSONRPC', 'HTTP+JSON'] as const)(
    'runs a message as a fleet task over %s, with its routing record',
    async (binding) => {
      const client = await a2aClient(s.origin, fleetId, s.key, binding);
      expect(client.transport.protocolName).toBe(binding);
      const contextId = `fleet-${binding}-${crypto.randomUUID()}`;
      const sent = asTask(await client.sendMessage(sendRequest(userText(`Route me over ${binding}`, contextId))));
      expect(sent.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
      expect(replyOf(sent)).toContain(`Route me over ${binding}`);

      // The fleet task behind it was placed on a member and recorded why.
      const fleetTask = await api.task(fleetId, fleetTaskIdOf(sent));
      expect(fleetTask).toMatchObject({ status: 'succeeded', input: `Route me over ${binding}`, attempt: 1 });
      expect(memberIds).toContain(fleetTask.agentIds[0]);
      expect(fleetTask.routing).toEqual([expect.objectContaining({ strategy: 'least_loaded', chosen: fleetTask.agentIds })]);
      expect(fleetTask.output).toBe(replyOf(sent));

      const streamed = await collect(client.sendMessageStream(sendRequest(userText('And streamed', contextId)))).done;
      const states = streamed.map(stateOf).filter((state) => state !== undefined);
      expect(states[0]).toBe(TaskState.TASK_STATE_SUBMITTED);
      expect(states).toContain(TaskState.TASK_STATE_WORKING);
      expect(states.at(-1)).toBe(TaskState.TASK_STATE_COMPLETED);

      const got = await client.getTask({ tenant: '', id: sent.id });
      expect(got.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
      expect(replyOf(got)).toBe(replyOf(sent));
      const listed = await client.listTasks({
        tenant: '',
        contextId,
        status: TaskState.TASK_STATE_UNSPECIFIED,
        pageToken: '',
        statusTimestampAfter: undefined,
      });
      expect(listed.totalSize).toBe(2);
      expect(listed.tasks.at(-1)?.id).toBe(sent.id);
    },
  );

  it('takes the skills and priority a message asks for, and refuses bad ones', async () => {
    const client = await a2aClient(s.origin, fleetId, s.key, 'JSONRPC');
    const message = { ...userText('Needs search'), metadata: { skills: ['search'], priority: 7 } };
    const sent = asTask(await client.sendMessage(sendRequest(message)));
    const fleetTask = await api.task(fleetId, fleetTaskIdOf(sent));
    expect(fleetTask).toMatchObject({ skills: ['search'], priority: 7, agentIds: [memberIds[0]] });

    const before = (await fleetTasksOf(fleetId)).length;
    const bad = { ...userText('Bad priority'), metadata: { priority: 1000 } };
    await expect(client.sendMessage(sendRequest(bad))).rejects.toThrow(/priority/);
    expect(await fleetTasksOf(fleetId)).toHaveLength(before);
  });

  it('cancels a running task and resubscribes to it from another connection', async () => {
    const slowFleet = await api.fleet({ name: 'Slow desk' });
    await api.member(slowFleet, 'Slowpoke', 'echo?latencyMs=60000');
    const client = await a2aClient(s.origin, slowFleet, s.key, 'JSONRPC');
    const stream = collect(client.sendMessageStream(sendRequest(userText('Take your time'))));
    await stream.until((event) => stateOf(event) === TaskState.TASK_STATE_WORKING);
    const first = stream.events[0]?.payload;
    const task = first?.$case === 'task' ? first.value : undefined;
    if (!task) throw new Error('the stream did not start with its task');

    const other = await a2aClient(s.origin, slowFleet, await s.createKey(s.owner, 'operator'), 'HTTP+JSON');
    const resubscribed = collect(other.resubscribeTask({ tenant: '', id: task.id }));
    await resubscribed.until((event) => event.payload?.$case === 'task');

    const canceled = await other.cancelTask({ tenant: '', id: task.id, metadata: undefined });
    expect(canceled.status?.state).toBe(TaskState.TASK_STATE_CANCELED);
    expect(stateOf((await stream.done).at(-1) ?? {})).toBe(TaskState.TASK_STATE_CANCELED);
    expect(stateOf((await resubscribed.done).at(-1) ?? {})).toBe(TaskState.TASK_STATE_CANCELED);
    expect((await api.task(slowFleet, fleetTaskIdOf(task))).status).toBe('cancelled');
    expect((await client.getTask({ tenant: '', id: task.id })).status?.state).toBe(TaskState.TASK_STATE_CANCELED);
  });

  it('refuses work a draining fleet or a full queue cannot take with an A2A error, storing nothing', async () => {
    const draining = await api.fleet({ name: 'Closing desk' });
    await api.member(draining, 'Leaver');
    expect((await api.setState('fleets', draining, 'draining')).status).toBe(200);
    const res = await rpc(s.key, draining, 'SendMessage', {
      message: { messageId: crypto.randomUUID(), role: 'ROLE_USER', parts: [{ text: 'hi' }] },
    });
    expect(await res.json()).toMatchObject({
      error: { code: -32004, message: expect.stringMatching(/draining/) },
    });

    const full = await api.fleet({ name: 'Full desk', adminState: 'paused', queueLimit: 0 });
    await api.member(full, 'Busy');
    const client = await a2aClient(s.origin, full, s.key, 'HTTP+JSON');
    await expect(client.sendMessage(sendRequest(userText('one more')))).rejects.toThrow(/queueLimit/);
    expect(await fleetTasksOf(draining)).toEqual([]);
    expect(await fleetTasksOf(full)).toEqual([]);
    const listed = await client.listTasks({
      tenant: '',
      contextId: '',
      status: TaskState.TASK_STATE_UNSPECIFIED,
      pageToken: '',
      statusTimestampAfter: undefined,
    });
    expect(listed.tasks).toEqual([]);
  });

  it('lets a viewer read the fleet’s card but not send it work, and keeps fleets apart from agents', async () => {
    const viewer = await s.createKey(s.owner, 'viewer');
    const card = await bearerFetch(viewer)(`${agentUrl(s.origin, fleetId)}.well-known/agent-card.json`);
    expect(card.status).toBe(200);
    const res = await rpc(viewer, fleetId, 'SendMessage', {
      message: { messageId: crypto.randomUUID(), role: 'ROLE_USER', parts: [{ text: 'hi' }] },
    });
    expect(res.status).toBe(403);

    // A fleet's task is not an agent's, nor the other way round.
    const fleetClient = await a2aClient(s.origin, fleetId, s.key, 'JSONRPC');
    const fleetTask = asTask(await fleetClient.sendMessage(sendRequest(userText('mine'))));
    const agentClient = await a2aClient(s.origin, memberIds[0] ?? '', s.key, 'JSONRPC');
    await expect(agentClient.getTask({ tenant: '', id: fleetTask.id })).rejects.toThrow(/not found/i);
  });
});
