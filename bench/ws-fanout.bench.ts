import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { startRealtimeApp } from '../apps/server/src/realtime/realtime.test-support.js';
import { format } from './measure.js';

/** Opens `count` sockets to `url` whose promise `all(n)` resolves once each has received `n` event messages. */
async function receivers(count: number, open: () => Promise<WebSocket>, isEvent: (text: string) => boolean) {
  const sockets = await Promise.all(Array.from({ length: count }, open));
  let target = 0;
  let done: () => void = () => undefined;
  let finished = 0;
  const counts = sockets.map(() => 0);
  sockets.forEach((socket, index) =>
    socket.on('message', (raw) => {
      if (!isEvent(raw.toString())) return;
      counts[index] = (counts[index] ?? 0) + 1;
      if (counts[index] === target && ++finished === count) done();
    }),
  );
  return {
    sockets,
    all(n: number) {
      counts.fill(0);
      finished = 0;
      target = n;
      return new Promise<void>((resolve) => (done = resolve));
    },
  };
}

const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

/**
 * Fan-out of `events` events to `subscribers` WebSocket clients on loopback. Measured: the gateway (bus
 * publish → per-subscriber topic feed → permission filter → envelope → `ws` send, with the 1 MiB check).
 * Baseline, in the same run: a bare `ws` server sending the same JSON to every client. Both count until the
 * last client has received the last event.
 */
export async function wsFanoutBench(subscribers = 50, events = 2000) {
  const payload = { agentId: '00000000-0000-4000-8000-000000000000', adminState: 'paused' };

  const raw = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await once(raw, 'listening');
  const rawUrl = `ws://127.0.0.1:${(raw.address() as AddressInfo).port}`;
  const rawClients = await receivers(
    subscribers,
    async () => {
      const socket = new WebSocket(rawUrl);
      await once(socket, 'open');
      return socket;
    },
    () => true,
  );
  const rawDone = rawClients.all(events);
  let started = process.hrtime.bigint();
  for (let seq = 1; seq <= events; seq += 1) {
    const text = JSON.stringify({
      type: 'event',
      topic: 'workspace:x',
      seq,
      eventType: 'agent.state',
      ts: new Date().toISOString(),
      data: payload,
    });
    for (const client of raw.clients) client.send(text);
    if (seq % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await rawDone;
  const rawSeconds = seconds(started);
  for (const socket of rawClients.sockets) socket.terminate();
  raw.close();

  const app = await startRealtimeApp({ realtime: { maxBufferedBytes: 64 * 1024 * 1024 } });
  try {
    const owner = await app.signupOwner();
    const topic = `workspace:${owner.workspaceId}`;
    const gatewayClients = await receivers(
      subscribers,
      async () => {
        const socket = await app.connect(`?ticket=${await app.ticket(owner)}`);
        socket.send({ type: 'subscribe', topic });
        await socket.next((message) => message.type === 'subscribed');
        return socket.ws;
      },
      (text) => text.startsWith('{"type":"event"'),
    );
    const gatewayDone = gatewayClients.all(events);
    started = process.hrtime.bigint();
    for (let seq = 1; seq <= events; seq += 1) {
      await app.bus.publish(topic, { type: 'agent.state', data: payload });
      if (seq % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await gatewayDone;
    const gatewaySeconds = seconds(started);
    const deliveries = subscribers * events;
    return {
      subscribers,
      events,
      raw: deliveries / rawSeconds,
      gateway: deliveries / gatewaySeconds,
      ratio: rawSeconds / gatewaySeconds,
    };
  } finally {
    await app.close();
  }
}

export const describeWsFanout = (r: Awaited<ReturnType<typeof wsFanoutBench>>) =>
  [
    `${r.events} events × ${r.subscribers} subscribers`,
    `bare ws broadcast (baseline)   ${format(r.raw)} deliveries/s`,
    `gateway (bus → topic feeds)    ${format(r.gateway)} deliveries/s (${(1 / r.ratio).toFixed(2)}× the baseline's time)`,
  ].join('\n');
