import { InProcessWorkQueue } from '@agent-fleet/adapters';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngineHarness, type EngineHarness } from './engine.test-support.js';
import { startLoopbackRecorder, type LoopbackRecorder } from './loopback-recorder.test-support.js';

let h: EngineHarness | undefined;
let server: LoopbackRecorder | undefined;
afterEach(async () => {
  await h?.close();
  await server?.close();
});

/** A seeded generator, so a failure can be replayed. */
const seeded = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

// 300 s bounds on a hang: at a load of 20 on 2 cores the priority test ran past 120 s.
describe('pipeline engine: priorities and concurrency limits', () => {
  it('dispatches ready steps of higher-priority runs first: 0 inversions among 300 runs on one slot', async () => {
    // Aging is off for the test's few seconds: with it a long wait may lift a low priority, by design.
    h = await createEngineHarness({ slots: 1, queue: new InProcessWorkQueue({ agingMs: 3_600_000 }) });
    server = await startLoopbackRecorder();
    const release = server.hold('/blocker');
    await h.define('blocker', { steps: { hold: { type: 'http', url: `${server.url}/blocker` } } });
    await h.define('work', { steps: { call: { type: 'http', url: `${server.url}/work?p=\${{ run.priority }}` } } });
    const blocker = await h.start('blocker');
    await expect.poll(() => server?.requests.length, { timeout: 10_000 }).toBe(1);
    const random = seeded(7);
    const priorities = Array.from({ length: 300 }, () => Math.floor(random() * 21) - 10);
    const runs = [];
    for (const priority of priorities) runs.push(await h.start('work', {}, { priority }));
    release();
    // One poll at a time: 300 pollers at once would starve the engine of the single PGlite connection.
    for (const run of runs) await h.waitFor(run.id, ['succeeded'], 60_000);
    await h.waitFor(blocker.id);
    const order = server.requests.slice(1).map((request) => Number(new URL(request.path, server?.url).searchParams.get('p')));
    expect(order).toHaveLength(300);
    const inversions = order.filter((priority, index) => index > 0 && priority > (order[index - 1] ?? Infinity)).length;
    expect(inversions).toBe(0);
    expect(order[0]).toBe(10);
  }, 300_000);

  it('never exceeds concurrency.max per key with 50 concurrent runs', async () => {
    h = await createEngineHarness({ slots: 50 });
    await h.define('keyed', {
      inputs: { customer: { type: 'string', required: true } },
      concurrency: { max: 2, key: 'input.customer' },
      steps: { pause: { type: 'wait', duration: '100ms' }, after: { type: 'transform', needs: ['pause'], value: 1 } },
    });
    const runs = await Promise.all(Array.from({ length: 50 }, (_, index) => h?.start('keyed', { customer: `c${index % 5}` })));
    const done = [];
    for (const run of runs) done.push(await h.waitFor(run?.id ?? '', undefined, 60_000));
    expect(done.every((run) => run?.status === 'succeeded')).toBe(true);
    for (let key = 0; key < 5; key += 1) {
      const intervals = done
        .filter((run) => run?.concurrencyKey === `c${key}`)
        .map((run) => [run?.startedAt?.getTime() ?? 0, run?.finishedAt?.getTime() ?? 0] as const);
      expect(intervals).toHaveLength(10);
      // At any run's start, how many runs of its key were running (itself included).
      const most = Math.max(...intervals.map(([start]) => intervals.filter(([s, f]) => s <= start && start < f).length));
      expect(most).toBeLessThanOrEqual(2);
      expect(most).toBe(2);
    }
  }, 300_000);
});
