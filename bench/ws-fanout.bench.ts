import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { WebSocketServer } from 'ws';
import { startRealtimeApp } from '../apps/server/src/realtime/realtime.test-support.js';
import { format } from './measure.js';
import type { ClientsReply, ClientsRequest } from './ws-fanout-clients.js';
import { monotonicMs } from './ws-fanout-clock.js';

/** What the issue asks: 1,000 subscribers, 20 events/s on their topic (20k deliveries/s), for `seconds`. */
export interface WsFanoutOptions {
  subscribers?: number;
  eventsPerSecond?: number;
  seconds?: number;
  /** Baseline then gateway, this many times, each on fresh sockets. */
  rounds?: number;
  /** Seconds of the same load before measuring, not counted (JIT, caches, the first re-check). */
  warmup?: number;
}

/** One side's figures for one round. */
export interface FanoutResult {
  expected: number;
  delivered: number;
  /** Deliveries that had not arrived 5 s after the last event was published (expected − delivered). */
  lost: number;
  /** Clients the server closed while measured (dropped as too slow, …). */
  dropped: number;
  /** Times a client's `seq` was not the one after the last it got. */
  gaps: number;
  /** Deliveries per second, from the first publish to the last delivery. */
  rate: number;
  p50: number;
  p99: number;
  max: number;
  /** How busy the server's event loop was while measured (0–1): its cost, less the machine's noise. */
  serverLoop: number;
  /**
   * The server process's CPU time (user + system) per delivery, in microseconds, while measured: what a
   * delivery costs the server whatever else the machine runs (the clients are another process).
   */
  cpuPerDelivery: number;
  /** The one-minute load average as the round ended (the machine is shared). */
  load: number;
}

const percentile = (sorted: Float64Array, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
/** The clock the clients' process reads too (see ws-fanout-clients.ts). */
const now = monotonicMs;

/** The clients, in a child process (ws-fanout-clients.ts), driven one request at a time. */
class Clients {
  private readonly child: ChildProcess;

  constructor() {
    const file = fileURLToPath(new URL('./ws-fanout-clients.ts', import.meta.url));
    // `advanced`: the latencies come back as a Float64Array.
    this.child = fork(file, { execArgv: ['--import', 'tsx'], serialization: 'advanced' });
  }

  tell(request: ClientsRequest): void {
    this.child.send(request);
  }

  async ask<K extends ClientsReply['kind']>(request: ClientsRequest, answer: K): Promise<Extract<ClientsReply, { kind: K }>> {
    const reply = new Promise<Extract<ClientsReply, { kind: K }>>((resolve, reject) => {
      const exited = (code: number | null) => settle(() => reject(new Error(`The clients' process exited (${code})`)));
      const settle = (then: () => void) => {
        this.child.off('message', onMessage);
        this.child.off('error', reject);
        this.child.off('exit', exited);
        then();
      };
      const onMessage = (message: ClientsReply) => {
        if (message.kind === answer) settle(() => resolve(message as Extract<ClientsReply, { kind: K }>));
      };
      this.child.on('message', onMessage);
      this.child.once('error', reject);
      this.child.once('exit', exited);
    });
    this.tell(request);
    return reply;
  }

  async stop(): Promise<void> {
    await this.ask({ kind: 'close' }, 'closed');
    const exit = once(this.child, 'exit');
    this.child.kill();
    await exit;
  }
}

/**
 * Publishes events on a fixed schedule, `eventsPerSecond` for `seconds` (a late tick is caught up at once,
 * never skipped), each stamped with the time it was handed over, and counts the deliveries that follow.
 * `seq` goes on from `from`.
 */
async function paced(
  clients: Clients,
  options: Required<WsFanoutOptions>,
  seconds: number,
  from: number,
  publish: (seq: number, sentAt: number) => unknown,
): Promise<FanoutResult> {
  const events = options.eventsPerSecond * seconds;
  const expected = events * options.subscribers;
  const interval = 1000 / options.eventsPerSecond;
  const counted = clients.ask({ kind: 'count', expected }, 'counted');
  const loop = performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  const started = now();
  for (let i = 0; i < events; i += 1) {
    const wait = started + i * interval - now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await publish(from + i, now());
  }
  clients.tell({ kind: 'deadline', graceMs: 5000 });
  const result = await counted;
  const spent = process.cpuUsage(cpu);
  const sorted = result.latencies.sort();
  return {
    expected,
    delivered: result.delivered,
    lost: expected - result.delivered,
    gaps: result.gaps,
    dropped: result.closed,
    rate: result.delivered / ((result.lastAt - started) / 1000),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? 0,
    serverLoop: performance.eventLoopUtilization(loop).utilization,
    cpuPerDelivery: (spent.user + spent.system) / Math.max(1, result.delivered),
    load: loadavg()[0] ?? 0,
  };
}

/** The warm-up, then the measured run, with one numbering. */
async function warmThenMeasure(
  clients: Clients,
  options: Required<WsFanoutOptions>,
  publish: (seq: number, sentAt: number) => unknown,
): Promise<FanoutResult> {
  await paced(clients, options, options.warmup, 1, publish);
  return paced(clients, options, options.seconds, 1 + options.warmup * options.eventsPerSecond, publish);
}

const PAYLOAD = { agentId: '00000000-0000-4000-8000-000000000000', adminState: 'paused' };

/** Baseline: a bare `ws` server sending each event's JSON (the gateway's envelope) to every client. */
async function rawBroadcast(clients: Clients, options: Required<WsFanoutOptions>): Promise<FanoutResult> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await once(server, 'listening');
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await clients.ask({ kind: 'open', url, headers: {}, count: options.subscribers, subscribe: null }, 'opened');
    return await warmThenMeasure(clients, options, (seq, sentAt) => {
      const text = JSON.stringify({
        type: 'event',
        topic: 'workspace:x',
        seq,
        eventType: 'agent.state',
        ts: new Date().toISOString(),
        data: { ...PAYLOAD, sentAt },
      });
      for (const client of server.clients) client.send(text);
    });
  } finally {
    await clients.ask({ kind: 'close' }, 'closed');
    server.close();
  }
}

/**
 * The gateway: the real app and EventBus; each client connects with an API key (`Authorization`), is
 * re-checked every 5 s and subscribes `workspace:<id>`, so every event goes through the bus, the client's
 * topic feed, the per-event permission filter, the envelope (serialised once per event) and the 1 MiB
 * backpressure check.
 */
async function gateway(clients: Clients, options: Required<WsFanoutOptions>): Promise<FanoutResult> {
  const app = await startRealtimeApp();
  try {
    const owner = await app.signupOwner();
    const created = await app.api(owner.token, 'POST', '/api/v1/api-keys', { name: 'bench', role: 'viewer' });
    const { key } = (await created.json()) as { key: string };
    const topic = `workspace:${owner.workspaceId}`;
    await clients.ask(
      {
        kind: 'open',
        url: app.wsUrl,
        headers: { authorization: `Bearer ${key}` },
        count: options.subscribers,
        subscribe: { type: 'subscribe', topic },
      },
      'opened',
    );
    return await warmThenMeasure(clients, options, (_seq, sentAt) =>
      app.bus.publish(topic, { type: 'agent.state', data: { ...PAYLOAD, sentAt } }),
    );
  } finally {
    await clients.ask({ kind: 'close' }, 'closed');
    await app.close();
  }
}

/**
 * Fan-out at a steady rate on loopback: `subscribers` clients of one topic, `eventsPerSecond` events for
 * `seconds`. Baseline, in the same run: a bare `ws` broadcast of the same payloads to as many clients.
 * Goals (issue 12): delivery rate ≥ 0.7 × the baseline's, p99 ≤ 50 ms, nothing lost, no gaps.
 */
export async function wsFanoutBench(options: WsFanoutOptions = {}) {
  const settings: Required<WsFanoutOptions> = {
    subscribers: 1000,
    eventsPerSecond: 20,
    seconds: 10,
    rounds: 2,
    warmup: 2,
    ...options,
  };
  const clients = new Clients();
  const rounds: { raw: FanoutResult; gateway: FanoutResult }[] = [];
  try {
    for (let round = 0; round < settings.rounds; round += 1) {
      rounds.push({ raw: await rawBroadcast(clients, settings), gateway: await gateway(clients, settings) });
    }
  } finally {
    await clients.stop();
  }
  return { ...settings, rounds };
}

const line = (name: string, r: FanoutResult) =>
  `${name} ${format(r.rate).padStart(7)} deliveries/s  p50 ${r.p50.toFixed(1).padStart(5)} ms  p99 ${r.p99
    .toFixed(1)
    .padStart(
      6,
    )} ms  max ${r.max.toFixed(0).padStart(5)} ms  lost ${r.lost}  gaps ${r.gaps}  dropped ${r.dropped}  server loop ${(100 * r.serverLoop).toFixed(0)}%  server CPU ${r.cpuPerDelivery.toFixed(1)} µs/delivery  (load ${r.load.toFixed(2)})`;

export const describeWsFanout = (r: Awaited<ReturnType<typeof wsFanoutBench>>) =>
  [
    `${format(r.subscribers)} subscribers × ${r.eventsPerSecond} events/s for ${r.seconds} s after ${r.warmup} s of warm-up (${format(
      r.subscribers * r.eventsPerSecond,
    )} deliveries/s asked), clients in a child process; goals: rate ≥ 0.7 × baseline, p99 ≤ 50 ms, 0 lost, 0 gaps; lost = not arrived 5 s after the last publish`,
    ...r.rounds.flatMap(({ raw, gateway }, index) => [
      `round ${index + 1}`,
      line('  bare ws broadcast (baseline)', raw),
      line('  gateway (bus → topic feeds) ', gateway),
      `  ratio ${(gateway.rate / raw.rate).toFixed(2)} × the baseline's delivery rate, ${(gateway.cpuPerDelivery / raw.cpuPerDelivery).toFixed(2)} × its server CPU per delivery`,
    ]),
  ].join('\n');
