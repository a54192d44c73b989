import { once } from 'node:events';
import { WebSocket } from 'ws';
import { monotonicMs } from './ws-fanout-clock.js';

/**
 * The fan-out bench's clients, in a child process of their own: receiving shares neither the server's
 * event loop nor its heap or garbage collector (as real clients would not), and the server process's CPU
 * time is the server's alone. Every event message is parsed as a real client would, its `seq` checked
 * against the client's last, and its latency taken from the publish time it carries (`data.sentAt`, on
 * the machine's monotonic clock, which both processes read alike).
 */
export type ClientsRequest =
  /** Opens `count` sockets, 100 at a time (the listen backlog), each sending `subscribe` if given and waiting for `subscribed`. */
  | { kind: 'open'; url: string; headers: Record<string, string>; count: number; subscribe: object | null }
  /** Counts from now on; answers `counted` once `expected` deliveries arrived (or at the deadline). */
  | { kind: 'count'; expected: number }
  /** Answers `counted` at the latest `graceMs` from now (sent once the last event is published). */
  | { kind: 'deadline'; graceMs: number }
  | { kind: 'close' };

export type ClientsReply =
  | { kind: 'opened' }
  | {
      kind: 'counted';
      delivered: number;
      gaps: number;
      /** Sockets the server closed (a dropped client loses what follows). */
      closed: number;
      lastAt: number;
      latencies: Float64Array;
    }
  | { kind: 'closed' };

const reply = (message: ClientsReply) => {
  if (!process.send) throw new Error('ws-fanout-clients runs as a child process with IPC');
  process.send(message);
};
const now = monotonicMs;

let sockets: WebSocket[] = [];
let last = new Int32Array(0);
let latencies = new Float64Array(0);
let delivered = 0;
let gaps = 0;
let lastAt = 0;
let closed = 0;
let expected = Infinity;
let finish: () => void = () => undefined;
let deadline: ReturnType<typeof setTimeout> | undefined;
/** A count is under way: a deadline applies to it (one sent after its end is late and ignored). */
let counting = false;

function receive(index: number, text: string): void {
  if (!text.startsWith('{"type":"event"')) return;
  const message = JSON.parse(text) as { seq: number; data: { sentAt: number } };
  const at = now();
  const previous = last[index] ?? 0;
  if (previous !== 0 && message.seq !== previous + 1) gaps += 1;
  last[index] = message.seq;
  if (delivered < latencies.length) latencies[delivered] = at - message.data.sentAt;
  delivered += 1;
  lastAt = at;
  if (delivered === expected) finish();
}

async function open(request: Extract<ClientsRequest, { kind: 'open' }>): Promise<void> {
  const one = async (index: number) => {
    const socket = new WebSocket(request.url, { headers: request.headers });
    await once(socket, 'open');
    if (request.subscribe) {
      const subscribed = new Promise<void>((resolve) =>
        socket.on('message', function first(raw) {
          if (!raw.toString().startsWith('{"type":"subscribed"')) return;
          socket.off('message', first);
          resolve();
        }),
      );
      socket.send(JSON.stringify(request.subscribe));
      await subscribed;
    }
    socket.on('message', (raw) => receive(index, raw.toString()));
    socket.on('close', () => (closed += 1));
    return socket;
  };
  sockets = [];
  closed = 0;
  while (sockets.length < request.count) {
    const from = sockets.length;
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(100, request.count - from) }, (_, i) => one(from + i)))));
  }
  last = new Int32Array(request.count);
}

function count(request: Extract<ClientsRequest, { kind: 'count' }>): void {
  latencies = new Float64Array(request.expected);
  delivered = 0;
  gaps = 0;
  expected = request.expected;
  counting = true;
  finish = () => {
    clearTimeout(deadline);
    counting = false;
    finish = () => undefined;
    const taken = latencies.slice(0, Math.min(delivered, latencies.length));
    reply({ kind: 'counted', delivered, gaps, closed, lastAt, latencies: taken });
  };
}

process.on('message', (request: ClientsRequest) => {
  if (request.kind === 'open') {
    void open(request).then(() => reply({ kind: 'opened' }));
  } else if (request.kind === 'count') {
    count(request);
  } else if (request.kind === 'deadline') {
    if (counting) deadline = setTimeout(() => finish(), request.graceMs);
  } else {
    for (const socket of sockets) {
      socket.removeAllListeners('close');
      socket.terminate();
    }
    sockets = [];
    reply({ kind: 'closed' });
  }
});
