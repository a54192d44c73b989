import type { RealtimeServerMessage } from '@agent-fleet/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { startRealtimeApp, type Member, type RealtimeTestApp, type TestSocket } from './realtime.test-support.js';

type Event = Extract<RealtimeServerMessage, { type: 'event' }>;
const isEvent =
  (topic: string, eventType: string, where: (data: Record<string, unknown>) => boolean = () => true) =>
  (message: RealtimeServerMessage): message is Event =>
    message.type === 'event' &&
    message.topic === topic &&
    message.eventType === eventType &&
    where(message.data as Record<string, unknown>);
const typesOn = (socket: TestSocket, topic: string) =>
  socket.messages
    .filter((message): message is Event => message.type === 'event' && message.topic === topic)
    .map((e) => e.eventType);

let app: RealtimeTestApp;
afterEach(async () => {
  await app.close();
});

const subscribe = async (member: Member, topic: string) => {
  const socket = await app.connect(`?ticket=${await app.ticket(member)}`);
  socket.send({ type: 'subscribe', topic });
  await socket.next((message) => message.type === 'subscribed' && message.topic === topic);
  return socket;
};

const created = async (response: Promise<Response>) => {
  const res = await response;
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string; version: number };
};

describe('what the services publish for live views', { timeout: 90_000 }, () => {
  it('tells the workspace and the agent’s topic of an agent created, updated, busy then idle in a chat turn, and deleted', async () => {
    app = await startRealtimeApp();
    const owner = await app.signupOwner();
    const topic = `workspace:${owner.workspaceId}`;
    const workspace = await subscribe(owner, topic);

    const agent = await created(
      app.api(owner.token, 'POST', '/api/v1/agents', { name: 'Live', model: { provider: 'mock', model: 'echo' } }),
    );
    await workspace.next(isEvent(topic, 'agent.created', (data) => data['agentId'] === agent.id));
    const agentSocket = await subscribe(owner, `agent:${agent.id}`);

    const patched = await app.api(owner.token, 'PATCH', `/api/v1/agents/${agent.id}`, { description: 'now live' });
    expect(patched.status).toBe(200);
    const updated = await workspace.next(isEvent(topic, 'agent.updated'));
    expect(updated.data).toEqual({ agentId: agent.id, version: agent.version + 1 });

    const conversation = await created(app.api(owner.token, 'POST', '/api/v1/conversations', { agentId: agent.id }));
    await workspace.next(
      isEvent(
        topic,
        'conversation.changed',
        (data) => data['conversationId'] === conversation.id && data['change'] === 'created',
      ),
    );
    const from = workspace.messages.length;
    const reply = await app.api(owner.token, 'POST', `/api/v1/conversations/${conversation.id}/messages`, { content: 'hi' });
    expect(reply.status).toBe(200);
    // Busy while the turn's task ran, idle once it ended; on both topics, in that order.
    for (const [socket, on] of [
      [workspace, topic],
      [agentSocket, `agent:${agent.id}`],
    ] as const) {
      const idle = await socket.next(isEvent(on, 'agent.observed', (data) => data['observedState'] === 'idle'));
      const observed = socket.messages.filter(isEvent(on, 'agent.observed')).map((event) => event.data);
      expect(observed).toEqual([
        { agentId: agent.id, observedState: 'busy' },
        { agentId: agent.id, observedState: 'idle' },
      ]);
      expect(idle.seq).toBeGreaterThan(0);
    }
    // The call went to the ledger (for the Usage page), and the conversation changed as the turn went.
    const usage = await workspace.next(isEvent(topic, 'usage.recorded'), from);
    expect(usage.data).toMatchObject({ agentId: agent.id, runId: null, provider: 'mock', model: 'echo' });
    const changes = workspace.messages
      .slice(from)
      .filter(isEvent(topic, 'conversation.changed', (data) => data['conversationId'] === conversation.id));
    expect(changes.map((event) => event.data)).toEqual([
      { conversationId: conversation.id, agentId: agent.id, change: 'updated' },
      { conversationId: conversation.id, agentId: agent.id, change: 'updated' },
    ]);

    expect((await app.api(owner.token, 'DELETE', `/api/v1/agents/${agent.id}`)).status).toBe(204);
    await workspace.next(isEvent(topic, 'agent.deleted', (data) => data['agentId'] === agent.id));
    await agentSocket.next(isEvent(`agent:${agent.id}`, 'agent.deleted'));
  });

  it('follows a fleet: created, a member added, and a task placed as submitted and finished, on workspace: and fleet:', async () => {
    app = await startRealtimeApp();
    const owner = await app.signupOwner();
    const topic = `workspace:${owner.workspaceId}`;
    const workspace = await subscribe(owner, topic);
    const agent = await created(
      app.api(owner.token, 'POST', '/api/v1/agents', { name: 'Worker', model: { provider: 'mock', model: 'echo' } }),
    );
    const fleet = await created(
      app.api(owner.token, 'POST', '/api/v1/fleets', { name: 'Crew', strategy: { type: 'least_loaded' } }),
    );
    await workspace.next(isEvent(topic, 'fleet.created', (data) => data['fleetId'] === fleet.id));
    const fleetTopic = `fleet:${fleet.id}`;
    const fleetSocket = await subscribe(owner, fleetTopic);

    await created(app.api(owner.token, 'POST', `/api/v1/fleets/${fleet.id}/members`, { agentId: agent.id }));
    expect((await fleetSocket.next(isEvent(fleetTopic, 'fleet.members'))).data).toEqual({ fleetId: fleet.id, agentId: agent.id });

    const task = await created(app.api(owner.token, 'POST', `/api/v1/fleets/${fleet.id}/tasks`, { input: 'Hello, fleet' }));
    for (const [socket, on] of [
      [workspace, topic],
      [fleetSocket, fleetTopic],
    ] as const) {
      await socket.next(isEvent(on, 'fleet.task', (data) => data['status'] === 'succeeded'));
      const lifecycle = socket.messages.filter(isEvent(on, 'fleet.task')).map((event) => event.data);
      // Nothing waited and the member was free, so the submission placed it (no `queued` event).
      expect(lifecycle).toEqual([
        { fleetId: fleet.id, taskId: task.id, status: 'running', agentIds: [agent.id] },
        { fleetId: fleet.id, taskId: task.id, status: 'succeeded', agentIds: [agent.id] },
      ]);
    }
    // A fleet's topic carries only its own events.
    expect(typesOn(fleetSocket, fleetTopic).every((type) => type.startsWith('fleet.'))).toBe(true);
  });

  it('keeps usage from a role that may not read it, while agents stay visible to it', async () => {
    app = await startRealtimeApp();
    const owner = await app.signupOwner();
    const viewer = await app.addUser(owner, 'viewer');
    const topic = `workspace:${owner.workspaceId}`;
    const ownerSocket = await subscribe(owner, topic);
    const viewerSocket = await subscribe(viewer, topic);
    const agent = await created(
      app.api(owner.token, 'POST', '/api/v1/agents', { name: 'Spender', model: { provider: 'mock', model: 'echo' } }),
    );
    const conversation = await created(app.api(owner.token, 'POST', '/api/v1/conversations', { agentId: agent.id }));
    const reply = await app.api(owner.token, 'POST', `/api/v1/conversations/${conversation.id}/messages`, { content: 'hi' });
    expect(reply.status).toBe(200);
    await ownerSocket.next(isEvent(topic, 'usage.recorded'));
    // What the viewer may read arrives after the usage event was published; it never gets the usage itself.
    await viewerSocket.next(isEvent(topic, 'agent.observed', (data) => data['observedState'] === 'idle'));
    expect(typesOn(viewerSocket, topic)).not.toContain('usage.recorded');
    expect(typesOn(viewerSocket, topic)).toContain('conversation.changed');
  });
});
