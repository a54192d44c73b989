import type { RealtimeClientMessage, RealtimeServerMessage } from '@agent-fleet/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RealtimeClient, type LiveEvent, type SocketLike } from './realtime-client';

/** A socket the test drives: what the client sent, and the server's side of the conversation. */
class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  readonly sent: RealtimeClientMessage[] = [];
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data) as RealtimeClientMessage);
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(message: RealtimeServerMessage) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

const event = (topic: string, seq: number): RealtimeServerMessage => ({
  type: 'event',
  topic,
  seq,
  eventType: 'run.changed',
  ts: '2026-12-07T00:00:00.000Z',
  data: { runId: 'r', seq },
});

describe('RealtimeClient', () => {
  let sockets: FakeSocket[];
  let tickets: number;
  let client: RealtimeClient;

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    tickets = 0;
    client = new RealtimeClient({
      ticket: () => Promise.resolve(`t${++tickets}`),
      url: (ticket) => `ws://test/api/v1/ws?ticket=${ticket}`,
      open: (url) => {
        const socket = new FakeSocket(url);
        sockets.push(socket);
        return socket;
      },
      random: () => 0,
    });
  });
  afterEach(() => {
    client.stop();
    vi.useRealTimers();
  });

  /** Lets the ticket promise settle so the socket exists. */
  const settle = () => vi.advanceTimersByTimeAsync(0);

  it('subscribes its topics once connected, with a ticket in the URL', async () => {
    client.subscribe('workspace:w1', { event: () => undefined, reset: () => undefined });
    client.start();
    await settle();
    expect(sockets[0]?.url).toBe('ws://test/api/v1/ws?ticket=t1');
    expect(client.status).toBe('connecting');
    sockets[0]?.open();
    expect(client.status).toBe('connected');
    expect(sockets[0]?.sent).toEqual([{ type: 'subscribe', topic: 'workspace:w1' }]);
  });

  it('reconnects with backoff and a new ticket, resuming with since so each event arrives once, in order', async () => {
    const seen: number[] = [];
    client.subscribe('run:r1', { event: (e: LiveEvent) => seen.push(e.seq), reset: () => undefined });
    client.start();
    await settle();
    const first = sockets[0] as FakeSocket;
    first.open();
    first.receive({ type: 'subscribed', topic: 'run:r1', head: { epoch: 'log', seq: 2 }, replayed: 2 });
    first.receive(event('run:r1', 1));
    first.receive(event('run:r1', 2));
    first.receive(event('run:r1', 3));
    first.drop();
    expect(client.status).toBe('reconnecting');

    // The first retry waits half of 500 ms (random 0): not before.
    await vi.advanceTimersByTimeAsync(200);
    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    const second = sockets[1] as FakeSocket;
    expect(second.url).toContain('ticket=t2');
    second.open();
    expect(second.sent).toEqual([{ type: 'subscribe', topic: 'run:r1', since: 3, epoch: 'log' }]);
    // A replay that overlaps what was applied is applied once.
    second.receive({ type: 'subscribed', topic: 'run:r1', head: { epoch: 'log', seq: 5 }, replayed: 2 });
    second.receive(event('run:r1', 3));
    second.receive(event('run:r1', 4));
    second.receive(event('run:r1', 5));
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it('doubles the delay after each failed attempt', async () => {
    client.start();
    await settle();
    sockets[0]?.drop();
    await vi.advanceTimersByTimeAsync(250);
    sockets[1]?.drop();
    await vi.advanceTimersByTimeAsync(499);
    expect(sockets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(3);
  });

  it('tells the topic’s listeners to refetch on reset, and resumes from the reset head', async () => {
    const resets: string[] = [];
    const seen: number[] = [];
    client.subscribe('workspace:w1', { event: (e) => seen.push(e.seq), reset: (topic) => resets.push(topic) });
    client.start();
    await settle();
    const first = sockets[0] as FakeSocket;
    first.open();
    first.receive({ type: 'subscribed', topic: 'workspace:w1', head: { epoch: 'a', seq: 7 }, replayed: 0 });
    first.receive(event('workspace:w1', 8));
    first.drop();
    await vi.advanceTimersByTimeAsync(250);
    const second = sockets[1] as FakeSocket;
    second.open();
    expect(second.sent).toEqual([{ type: 'subscribe', topic: 'workspace:w1', since: 8, epoch: 'a' }]);
    // The server restarted: another epoch.
    second.receive({ type: 'subscribed', topic: 'workspace:w1', head: { epoch: 'b', seq: 3 }, replayed: 0 });
    second.receive({ type: 'reset', topic: 'workspace:w1', head: { epoch: 'b', seq: 3 } });
    expect(resets).toEqual(['workspace:w1']);
    second.receive(event('workspace:w1', 4));
    expect(seen).toEqual([8, 4]);
    second.drop();
    await vi.advanceTimersByTimeAsync(250);
    sockets[2]?.open();
    expect(sockets[2]?.sent).toEqual([{ type: 'subscribe', topic: 'workspace:w1', since: 4, epoch: 'b' }]);
  });

  it('unsubscribes a topic after its last listener leaves', async () => {
    client.start();
    await settle();
    const socket = sockets[0] as FakeSocket;
    socket.open();
    const one = client.subscribe('agent:a1', { event: () => undefined, reset: () => undefined });
    const two = client.subscribe('agent:a1', { event: () => undefined, reset: () => undefined });
    one();
    expect(socket.sent).toEqual([{ type: 'subscribe', topic: 'agent:a1' }]);
    two();
    expect(socket.sent).toEqual([
      { type: 'subscribe', topic: 'agent:a1' },
      { type: 'unsubscribe', topic: 'agent:a1' },
    ]);
  });

  it('stops, offline, when the workspace is no longer the user’s (4403)', async () => {
    const forbidden = vi.fn();
    client = new RealtimeClient({
      ticket: () => Promise.resolve('t'),
      url: (ticket) => ticket,
      open: (url) => {
        const socket = new FakeSocket(url);
        sockets.push(socket);
        return socket;
      },
      onForbidden: forbidden,
    });
    client.start();
    await settle();
    sockets[0]?.open();
    sockets[0]?.drop(4403);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(client.status).toBe('offline');
    expect(forbidden).toHaveBeenCalledOnce();
    expect(sockets).toHaveLength(1);
  });
});
