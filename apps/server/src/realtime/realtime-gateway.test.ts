import { REALTIME_CLOSE, type RealtimeServerMessage } from '@agent-fleet/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { startRealtimeApp, TestSocket, type Member, type RealtimeTestApp } from './realtime.test-support.js';

type Of<T extends RealtimeServerMessage['type']> = Extract<RealtimeServerMessage, { type: T }>;
const is =
  <T extends RealtimeServerMessage['type']>(type: T, topic?: string) =>
  (message: RealtimeServerMessage): message is Of<T> =>
    message.type === type && (topic === undefined || ('topic' in message && message.topic === topic));
const events = (socket: TestSocket, topic: string) =>
  socket.messages.filter(is('event', topic)).map((message) => ({ seq: message.seq, data: message.data }));

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

const connectWithTicket = async (member: Member) => app.connect(`?ticket=${await app.ticket(member)}`);
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'open',
    (error: { status?: number }) => error.status,
  );

describe('WebSocket gateway: connecting', { timeout: 90_000 }, () => {
  it('accepts a ticket issued by another server over the same database, once across both', async () => {
    app = await start();
    const other = await startRealtimeApp({ sharing: app });
    try {
      const owner = await app.signupOwner();
      const ticket = await app.ticket(owner);
      const socket = await other.connect(`?ticket=${ticket}`);
      socket.send({ type: 'subscribe', topic: `workspace:${owner.workspaceId}` });
      await socket.next(is('subscribed', `workspace:${owner.workspaceId}`));
      // Used: neither server takes it again.
      expect(await refusal(app.connect(`?ticket=${ticket}`))).toBe(401);
      expect(await refusal(other.connect(`?ticket=${ticket}`))).toBe(401);
      // And a fresh one issued by the second server opens a socket on the first.
      const back = await app.connect(`?ticket=${await other.ticket(owner)}`);
      back.send({ type: 'ping', id: 'back' });
      await back.next((message) => message.type === 'pong' && message.id === 'back');
    } finally {
      await other.close();
    }
  });

  it('accepts a ticket once, and refuses it again or without one', async () => {
    app = await start();
    const owner = await app.signupOwner();
    const ticket = await app.ticket(owner);
    const socket = await app.connect(`?ticket=${ticket}`);
    socket.send({ type: 'ping', id: 'p1' });
    await socket.next((message) => message.type === 'pong' && message.id === 'p1');
    expect(await refusal(app.connect(`?ticket=${ticket}`))).toBe(401);
    expect(await refusal(app.connect(''))).toBe(401);
    expect(await refusal(app.connect('?ticket=made-up'))).toBe(401);
    expect((await app.api('', 'POST', '/api/v1/ws/ticket')).status).toBe(401);
  });

  it('accepts an API key in the Authorization header, scoped to its workspace', async () => {
    app = await start();
    const owner = await app.signupOwner();
    const created = await app.api(owner.token, 'POST', '/api/v1/api-keys', { name: 'ws', role: 'viewer' });
    const { key } = (await created.json()) as { key: string };
    const socket = await app.connect('', { authorization: `Bearer ${key}` });
    socket.send({ type: 'subscribe', topic: `workspace:${owner.workspaceId}` });
    await socket.next(is('subscribed'));
    expect(await refusal(app.connect('', { authorization: 'Bearer af_AAAAAAAA_notarealsecretnotarealsecret' }))).toBe(401);
  });

  it('refuses a foreign Origin before the upgrade, and accepts its own and allow-listed ones', async () => {
    app = await start({ realtime: { allowedOrigins: ['https://app.example.com'] } });
    const owner = await app.signupOwner();
    const host = new URL(app.url).host;
    const tryOrigin = async (origin: string) =>
      refusal(app.connect(`?ticket=${await app.ticket(owner)}`, { origin }).then((socket) => socket.close()));
    expect(await tryOrigin('https://evil.example')).toBe(403);
    expect(await tryOrigin(`http://${host}.evil.example`)).toBe(403);
    expect(await tryOrigin('https://app.example.com')).toBe('open');
    expect(await tryOrigin(`http://${host}`)).toBe('open');
  });

  it('terminates a peer that stops answering pings, and keeps one that answers', async () => {
    // Long enough for a loaded machine to answer a ping within one interval.
    app = await start({ realtime: { pingIntervalMs: 400 } });
    const owner = await app.signupOwner();
    const live = await connectWithTicket(owner);
    const dead = new TestSocket(new WebSocket(`${app.wsUrl}?ticket=${await app.ticket(owner)}`, { autoPong: false }));
    // Terminated without a close frame: the client sees an abnormal closure.
    expect((await dead.closedWith()).code).toBe(1006);
    live.send({ type: 'ping', id: 'still-alive' });
    await live.next((message) => message.type === 'pong' && message.id === 'still-alive');
    expect(app.gateway.size).toBe(1);
  });
});

describe('WebSocket gateway: topics', { timeout: 90_000 }, () => {
  it('subscribes, delivers events in order, answers pings and stops after unsubscribe', async () => {
    app = await start();
    const owner = await app.signupOwner();
    const topic = `workspace:${owner.workspaceId}`;
    const socket = await connectWithTicket(owner);
    socket.send({ type: 'subscribe', topic });
    const subscribed = await socket.next(is('subscribed', topic));
    expect(subscribed.replayed).toBe(0);
    await app.bus.publish(topic, { type: 'agent.updated', data: { n: 1 } });
    await app.bus.publish(topic, { type: 'agent.updated', data: { n: 2 } });
    await socket.next((message) => is('event', topic)(message) && message.seq === subscribed.head.seq + 2);
    expect(events(socket, topic)).toEqual([
      { seq: subscribed.head.seq + 1, data: { n: 1 } },
      { seq: subscribed.head.seq + 2, data: { n: 2 } },
    ]);
    socket.send({ type: 'unsubscribe', topic });
    await socket.next(is('unsubscribed', topic));
    await app.bus.publish(topic, { type: 'agent.updated', data: { n: 3 } });
    socket.send({ type: 'ping', id: 'after' });
    await socket.next((message) => message.type === 'pong' && message.id === 'after');
    expect(events(socket, topic)).toHaveLength(2);
    socket.send({ type: 'subscribe', topic: 'nonsense' });
    expect(await socket.next(is('error'))).toMatchObject({ code: REALTIME_CLOSE.BAD_MESSAGE });
  });

  it('replays exactly the missed events after since, and sends reset when they are no longer kept', async () => {
    app = await start({ bus: { bufferSize: 5 } });
    const owner = await app.signupOwner();
    const topic = `workspace:${owner.workspaceId}`;
    const first = await connectWithTicket(owner);
    first.send({ type: 'subscribe', topic });
    const { head } = await first.next(is('subscribed', topic));
    await app.bus.publish(topic, { type: 'agent.updated', data: 1 });
    await first.next(is('event', topic));
    first.close();
    // Missed while disconnected: 2, 3, 4.
    for (const n of [2, 3, 4]) await app.bus.publish(topic, { type: 'agent.updated', data: n });
    const second = await connectWithTicket(owner);
    second.send({ type: 'subscribe', topic, since: head.seq + 1, epoch: head.epoch });
    expect(await second.next(is('subscribed', topic))).toMatchObject({ replayed: 3 });
    await app.bus.publish(topic, { type: 'agent.updated', data: 5 });
    await second.next((message) => is('event', topic)(message) && message.data === 5);
    expect(events(second, topic).map((event) => event.data)).toEqual([2, 3, 4, 5]);

    // Six more events overflow the five kept: resuming from 5 is too old.
    for (const n of [6, 7, 8, 9, 10, 11]) await app.bus.publish(topic, { type: 'agent.updated', data: n });
    const third = await connectWithTicket(owner);
    third.send({ type: 'subscribe', topic, since: head.seq + 5, epoch: head.epoch });
    expect(await third.next(is('reset', topic))).toMatchObject({ head: { seq: head.seq + 11 } });
    const wrongEpoch = await connectWithTicket(owner);
    wrongEpoch.send({ type: 'subscribe', topic, since: head.seq + 10, epoch: 'another-epoch' });
    await wrongEpoch.next(is('reset', topic));
  });

  it('answers not found for another workspace’s topics and missing resources, forbidden without the permission', async () => {
    app = await start();
    const owner = await app.signupOwner();
    const created = await app.api(owner.token, 'POST', '/api/v1/workspaces', { name: 'Other' });
    const other = ((await created.json()) as { id: string }).id;
    const agent = await app.api(
      owner.token,
      'POST',
      '/api/v1/agents',
      { name: 'elsewhere', model: { provider: 'mock', model: 'echo' } },
      other,
    );
    const foreignAgent = ((await agent.json()) as { id: string }).id;
    const viewer = await app.addUser(owner, 'viewer');
    const socket = await connectWithTicket(viewer);
    const expectError = async (topic: string, code: number) => {
      socket.send({ type: 'subscribe', topic });
      expect(await socket.next(is('error', topic))).toMatchObject({ code });
    };
    await expectError(`workspace:${other}`, REALTIME_CLOSE.NOT_FOUND);
    await expectError(`agent:${foreignAgent}`, REALTIME_CLOSE.NOT_FOUND);
    await expectError(`run:${crypto.randomUUID()}`, REALTIME_CLOSE.NOT_FOUND);
    await expectError(`fleet:not-a-uuid`, REALTIME_CLOSE.NOT_FOUND);
    await expectError(`metrics:${owner.workspaceId}`, REALTIME_CLOSE.FORBIDDEN);
    expect(socket.messages.filter(is('subscribed'))).toEqual([]);
  });

  it('ends a topic with 4403 once the role is lowered, and the socket with 4403 once the member is removed', async () => {
    app = await start({ realtime: { recheckIntervalMs: 50 } });
    const owner = await app.signupOwner();
    const editor = await app.addUser(owner, 'editor');
    const socket = await connectWithTicket(editor);
    const metrics = `metrics:${owner.workspaceId}`;
    const workspace = `workspace:${owner.workspaceId}`;
    socket.send({ type: 'subscribe', topic: metrics });
    socket.send({ type: 'subscribe', topic: workspace });
    await socket.next(is('subscribed', metrics));
    await socket.next(is('subscribed', workspace));
    expect((await app.api(owner.token, 'PATCH', `/api/v1/members/${editor.userId}`, { role: 'viewer' })).status).toBe(200);
    expect(await socket.next(is('error', metrics))).toMatchObject({ code: REALTIME_CLOSE.FORBIDDEN });
    await app.bus.publish(metrics, { type: 'usage.updated', data: {} });
    await app.bus.publish(workspace, { type: 'agent.updated', data: 'still here' });
    await socket.next(is('event', workspace));
    expect(socket.messages.filter(is('event', metrics))).toEqual([]);

    expect((await app.api(owner.token, 'PATCH', `/api/v1/members/${editor.userId}`, { active: false })).status).toBe(200);
    expect((await socket.closedWith()).code).toBe(REALTIME_CLOSE.FORBIDDEN);
  });

  it('closes an API key’s socket with 4401 once the key is revoked', async () => {
    app = await start({ realtime: { recheckIntervalMs: 50 } });
    const owner = await app.signupOwner();
    const { id, key } = (await (
      await app.api(owner.token, 'POST', '/api/v1/api-keys', { name: 'ws', role: 'viewer' })
    ).json()) as {
      id: string;
      key: string;
    };
    const socket = await app.connect('', { authorization: `Bearer ${key}` });
    expect((await app.api(owner.token, 'DELETE', `/api/v1/api-keys/${id}`)).status).toBe(204);
    expect((await socket.closedWith()).code).toBe(REALTIME_CLOSE.UNAUTHENTICATED);
  });

  it('drops a client more than the limit behind with 4408 while another keeps receiving, and counts it', async () => {
    const METRICS_TOKEN = 'metrics-token-for-the-slow-client-test';
    app = await start({ realtime: { maxBufferedBytes: 256 * 1024 }, env: { METRICS_TOKEN } });
    const owner = await app.signupOwner();
    const topic = `workspace:${owner.workspaceId}`;
    const slow = await connectWithTicket(owner);
    const fast = await connectWithTicket(owner);
    for (const socket of [slow, fast]) {
      socket.send({ type: 'subscribe', topic });
      await socket.next(is('subscribed', topic));
    }
    // The slow client stops reading: what the server sends piles up in the kernel, then in its buffer.
    (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const payload = 'x'.repeat(64 * 1024);
    let published = 0;
    while (app.gateway.size === 2 && published < 2000) {
      await app.bus.publish(topic, { type: 'agent.updated', data: { payload, n: ++published } });
      await new Promise((resolve) => setImmediate(resolve));
    }
    await vi.waitFor(() => expect(app.gateway.size).toBe(1));
    await fast.next((message) => is('event', topic)(message) && (message.data as { n: number }).n === published);
    expect(events(fast, topic)).toHaveLength(published);
    (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    expect((await slow.closedWith()).code).toBe(REALTIME_CLOSE.TOO_SLOW);
    expect(fast.closed).toBeNull();
    // Operators see the drop: one client dropped, one still connected.
    const scrape = await (await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    expect(scrape).toMatch(/^agentfleet_ws_dropped_total 1$/m);
    expect(scrape).toMatch(/^agentfleet_ws_connections 1$/m);
  });
});
