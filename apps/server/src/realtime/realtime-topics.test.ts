import type { RealtimeServerMessage } from '@agent-fleet/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { startRealtimeApp, type Member, type RealtimeTestApp, type TestSocket } from './realtime.test-support.js';

type Event = Extract<RealtimeServerMessage, { type: 'event' }>;
const eventOf =
  (topic: string, eventType?: string) =>
  (message: RealtimeServerMessage): message is Event =>
    message.type === 'event' && message.topic === topic && (eventType === undefined || message.eventType === eventType);
const seqs = (socket: TestSocket, topic: string) => socket.messages.filter(eventOf(topic)).map((event) => event.seq);

let app: RealtimeTestApp;
const opened: RealtimeTestApp[] = [];
const start = async (options?: Parameters<typeof startRealtimeApp>[0]) => {
  const started = await startRealtimeApp(options);
  opened.push(started);
  return started;
};
// Each test starts an app on a fresh database, which on a loaded machine can take most of the default 30 s.
afterEach(async () => {
  for (const started of opened.splice(0)) await started.close();
});

const subscribe = async (member: Member, topic: string, extra: { since?: number } = {}) => {
  const socket = await app.connect(`?ticket=${await app.ticket(member)}`);
  socket.send({ type: 'subscribe', topic, ...extra });
  const subscribed = await socket.next((message) => message.type === 'subscribed' && message.topic === topic);
  return { socket, subscribed: subscribed as Extract<RealtimeServerMessage, { type: 'subscribed' }> };
};

const created = async (response: Promise<Response>) => {
  const res = await response;
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string };
};

describe('WebSocket topics fed by the services', { timeout: 90_000 }, () => {
  it('replays a run’s log from since, follows it live, and tells the workspace the run changed', async () => {
    app = await start();
    const owner = await app.signupOwner();
    const workspace = await subscribe(owner, `workspace:${owner.workspaceId}`);
    const source = `steps:\n  gate: { type: approval, message: 'Ship?', assignees: { roles: [owner] } }\n`;
    await created(app.api(owner.token, 'POST', '/api/v1/pipelines', { name: 'gated', format: 'yaml', source }));
    const run = await created(app.api(owner.token, 'POST', '/api/v1/runs', { pipeline: 'gated', input: {} }));
    const topic = `run:${run.id}`;

    const { socket: whole } = await subscribe(owner, topic);
    await whole.next(eventOf(topic, 'approval.requested'));
    const decided = await app.api(owner.token, 'POST', `/api/v1/runs/${run.id}/approvals/gate`, { decision: 'approve' });
    expect(decided.status).toBe(200);
    const last = await whole.next(eventOf(topic, 'run.succeeded'));
    // The whole log, in order, without holes: what came before subscribing and what followed live.
    expect(seqs(whole, topic)).toEqual(Array.from({ length: last.seq }, (_, i) => i + 1));
    expect(last.data).toMatchObject({ seq: last.seq, type: 'run.succeeded' });

    const { socket: resumed, subscribed } = await subscribe(owner, topic, { since: 2 });
    expect(subscribed).toMatchObject({ head: { seq: last.seq }, replayed: last.seq - 2 });
    await resumed.next((message) => eventOf(topic)(message) && message.seq === last.seq);
    expect(seqs(resumed, topic)).toEqual(Array.from({ length: last.seq - 2 }, (_, i) => i + 3));

    const changed = await workspace.socket.next(eventOf(`workspace:${owner.workspaceId}`, 'run.changed'));
    expect(changed.data).toMatchObject({ runId: run.id });
  });

  it('publishes an agent’s admin state on agent: and workspace:, and a chat turn’s start and end on conversation:', async () => {
    app = await start();
    const owner = await app.signupOwner();
    const agent = await created(
      app.api(owner.token, 'POST', '/api/v1/agents', { name: 'Live', model: { provider: 'mock', model: 'echo' } }),
    );
    const { socket: agentSocket } = await subscribe(owner, `agent:${agent.id}`);
    const { socket: workspaceSocket } = await subscribe(owner, `workspace:${owner.workspaceId}`);
    const paused = await app.api(owner.token, 'PUT', `/api/v1/agents/${agent.id}/admin-state`, { adminState: 'paused' });
    expect(paused.status).toBe(200);
    for (const [socket, topic] of [
      [agentSocket, `agent:${agent.id}`],
      [workspaceSocket, `workspace:${owner.workspaceId}`],
    ] as const) {
      expect((await socket.next(eventOf(topic, 'agent.state'))).data).toEqual({ agentId: agent.id, adminState: 'paused' });
    }
    expect((await app.api(owner.token, 'PUT', `/api/v1/agents/${agent.id}/admin-state`, { adminState: 'active' })).status).toBe(
      200,
    );

    const conversation = await created(app.api(owner.token, 'POST', '/api/v1/conversations', { agentId: agent.id }));
    const topic = `conversation:${conversation.id}`;
    const { socket } = await subscribe(owner, topic);
    const reply = await app.api(owner.token, 'POST', `/api/v1/conversations/${conversation.id}/messages`, { content: 'hi' });
    expect(reply.status).toBeLessThan(300);
    const ended = await socket.next(eventOf(topic, 'turn.ended'));
    const started = socket.messages.filter(eventOf(topic, 'turn.started'));
    expect(started).toHaveLength(1);
    expect(started[0]?.data).toEqual(ended.data);
  });
});
