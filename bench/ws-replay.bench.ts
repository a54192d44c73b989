import { startRealtimeApp } from '../apps/server/src/realtime/realtime.test-support.js';

const ms = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/**
 * A client that reconnects with `since` after missing `missed` events of its workspace topic: measured from
 * sending `subscribe{since}` until the last missed event has arrived (bus replay → topic feed → permission
 * filter → envelope → `ws`, loopback), `rounds` times, each on a new socket with a new ticket. Every event
 * must arrive once, in order (checked, not assumed). Goal: ≤ 250 ms for 2,000 events.
 */
export async function wsReplayBench(missed = 2000, rounds = 15) {
  const app = await startRealtimeApp({ bus: { bufferSize: missed * 2 } });
  try {
    const owner = await app.signupOwner();
    const topic = `workspace:${owner.workspaceId}`;
    const before = await app.bus.head(topic);
    const payload = { agentId: '00000000-0000-4000-8000-000000000000', adminState: 'paused' };
    for (let i = 0; i < missed; i += 1) await app.bus.publish(topic, { type: 'agent.state', data: payload });
    const times: number[] = [];
    // The first round warms the code paths up and is not counted.
    for (let round = 0; round <= rounds; round += 1) {
      const socket = await app.connect(`?ticket=${await app.ticket(owner)}`);
      const seqs: number[] = [];
      const done = new Promise<void>((resolve) =>
        socket.ws.on('message', (raw) => {
          const message = JSON.parse(raw.toString()) as { type: string; seq?: number };
          if (message.type === 'event' && message.seq !== undefined && seqs.push(message.seq) === missed) resolve();
        }),
      );
      const started = process.hrtime.bigint();
      socket.send({ type: 'subscribe', topic, since: before.seq, epoch: before.epoch });
      await done;
      if (round > 0) times.push(ms(started));
      if (seqs.some((seq, index) => seq !== before.seq + index + 1)) throw new Error('replay out of order or with gaps');
      socket.close();
    }
    const sorted = [...times].sort((a, b) => a - b);
    return { missed, rounds, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? 0 };
  } finally {
    await app.close();
  }
}

export const describeWsReplay = (r: Awaited<ReturnType<typeof wsReplayBench>>) =>
  [
    `${r.missed} missed events replayed to one client, ${r.rounds} reconnects (goal ≤ 250 ms)`,
    `p50 ${r.p50.toFixed(1)} ms   p95 ${r.p95.toFixed(1)} ms   max ${r.max.toFixed(1)} ms`,
  ].join('\n');
