import type { WorkDelivery, WorkJob, WorkQueue } from '@agent-fleet/core';
import { afterEach, describe, expect, it } from 'vitest';
import { AsyncSignal, deferred, nextTurn } from './async-signal.js';

/** How the suite configures a queue: aging reads this clock, which only the test moves. */
export interface WorkQueueContractOptions {
  now: () => number;
  agingMs: number;
}

/** A queue for one test and how to dispose of it. */
export interface WorkQueueContractSetup {
  queue: WorkQueue;
  cleanup(): Promise<void>;
}

const AGING_MS = 1000;

/** A seeded generator (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const noFailures = (delivery: WorkDelivery, error: unknown): never => {
  throw new Error(`job ${delivery.job.id} failed unexpectedly`, { cause: error });
};

/**
 * The one behaviour every WorkQueue adapter must share. Handlers are held by promises the test releases,
 * and time moves only when the test advances the clock it passed to `setup`.
 */
export function describeWorkQueueContract(
  name: string,
  setup: (options: WorkQueueContractOptions) => Promise<WorkQueueContractSetup>,
): void {
  describe(`WorkQueue contract: ${name}`, () => {
    let clock = 0;
    let cleanup: (() => Promise<void>) | undefined;

    const open = async (): Promise<WorkQueue> => {
      clock = 0;
      const made = await setup({ now: () => clock, agingMs: AGING_MS });
      cleanup = made.cleanup;
      return made.queue;
    };

    afterEach(async () => {
      await cleanup?.();
      cleanup = undefined;
    });

    const job = (id: string, fields: Partial<WorkJob> = {}): WorkJob => ({
      id,
      kind: 'step',
      workspaceId: 'ws-a',
      payload: { id },
      ...fields,
    });

    /** Runs every job on one slot and returns the ids in the order they started. */
    const drainOnOneSlot = async (queue: WorkQueue, total: number): Promise<string[]> => {
      const started: string[] = [];
      const signal = new AsyncSignal();
      const consumer = queue.consume(
        'step',
        async ({ job: { id } }) => {
          started.push(id);
          signal.notify();
        },
        { concurrency: 1, onFailed: noFailures },
      );
      await signal.until(() => started.length === total);
      await consumer.stop();
      return started;
    };

    it('delivers by priority, highest first, in enqueue order among equals', async () => {
      const queue = await open();
      const priorities = [0, 5, 1, 5, 0, 9, 1];
      for (const [index, priority] of priorities.entries()) await queue.enqueue(job(`j${index}`, { priority }));
      expect(await drainOnOneSlot(queue, priorities.length)).toEqual(['j5', 'j1', 'j3', 'j2', 'j6', 'j0', 'j4']);
    });

    it('has 0 priority inversions among 300 jobs on one slot while jobs keep arriving', async () => {
      const queue = await open();
      const next = random(42);
      const waiting = new Map<string, number>();
      let enqueued = 0;
      let inversions = 0;
      let finished = 0;
      const signal = new AsyncSignal();
      const enqueueOne = async () => {
        const id = `j${enqueued}`;
        const priority = Math.floor(next() * 10);
        const workspaceId = `ws-${enqueued % 3}`;
        enqueued += 1;
        waiting.set(id, priority);
        await queue.enqueue(job(id, { priority, workspaceId }));
      };
      for (let index = 0; index < 100; index += 1) await enqueueOne();
      const consumer = queue.consume(
        'step',
        async ({ job: { id, priority = 0 } }) => {
          waiting.delete(id);
          if ([...waiting.values()].some((other) => other > priority)) inversions += 1;
          if (enqueued < 300) await enqueueOne();
          if (enqueued < 300) await enqueueOne();
          finished += 1;
          signal.notify();
        },
        { concurrency: 1, onFailed: noFailures },
      );
      await signal.until(() => finished === 300);
      await consumer.stop();
      expect(enqueued).toBe(300);
      expect(inversions).toBe(0);
    });

    it('ages a waiting job: one that waited long enough overtakes newer urgent ones, and not before', async () => {
      const queue = await open();
      await queue.enqueue(job('old-low', { priority: 0 }));
      clock += 2 * AGING_MS;
      await queue.enqueue(job('new-high', { priority: 3 }));
      expect((await drainOnOneSlot(queue, 2))[0]).toBe('new-high');

      await queue.enqueue(job('old-low-2', { priority: 0 }));
      clock += 5 * AGING_MS;
      await queue.enqueue(job('new-high-2', { priority: 3 }));
      expect((await drainOnOneSlot(queue, 2))[0]).toBe('old-low-2');
    });

    it('shares the slot between workspaces: a flood from one does not starve another', async () => {
      const queue = await open();
      for (let index = 0; index < 100; index += 1) await queue.enqueue(job(`a${index}`, { workspaceId: 'ws-a' }));
      for (let index = 0; index < 3; index += 1) await queue.enqueue(job(`b${index}`, { workspaceId: 'ws-b' }));
      const started = await drainOnOneSlot(queue, 103);
      const positions = started.flatMap((id, position) => (id.startsWith('b') ? [position] : []));
      expect(positions).toHaveLength(3);
      expect(Math.max(...positions)).toBeLessThan(6);
      expect(started.filter((id) => id.startsWith('a'))).toEqual(Array.from({ length: 100 }, (_, index) => `a${index}`));
    });

    it('never exceeds a concurrency key’s limit with 50 concurrent jobs, and runs them all', async () => {
      const queue = await open();
      const limits: Record<string, number> = { 'key-a': 3, 'key-b': 1 };
      const active = new Map<string, number>();
      const peak = new Map<string, number>();
      const held: (() => void)[] = [];
      let finished = 0;
      let unkeyedPeak = 0;
      let unkeyedActive = 0;
      const signal = new AsyncSignal();
      for (let index = 0; index < 50; index += 1) {
        const concurrencyKey = ['key-a', 'key-b', undefined][index % 3];
        const fields = concurrencyKey ? { concurrencyKey, concurrencyLimit: limits[concurrencyKey] } : {};
        await queue.enqueue(job(`j${index}`, { ...fields, workspaceId: `ws-${index % 4}` }));
      }
      const consumer = queue.consume(
        'step',
        async ({ job: { concurrencyKey } }) => {
          const gate = deferred();
          if (concurrencyKey) {
            active.set(concurrencyKey, (active.get(concurrencyKey) ?? 0) + 1);
            peak.set(concurrencyKey, Math.max(peak.get(concurrencyKey) ?? 0, active.get(concurrencyKey) ?? 0));
          } else unkeyedPeak = Math.max(unkeyedPeak, (unkeyedActive += 1));
          held.push(gate.resolve);
          signal.notify();
          await gate.promise;
          if (concurrencyKey) active.set(concurrencyKey, (active.get(concurrencyKey) ?? 0) - 1);
          else unkeyedActive -= 1;
          finished += 1;
          signal.notify();
        },
        { concurrency: 50, onFailed: noFailures },
      );
      // Every key at its limit and every unkeyed job at once: 3 + 1 + 16.
      await signal.until(() => held.length >= 20);
      while (finished < 50) {
        await signal.until(() => held.length > 0 || finished === 50);
        for (const release of held.splice(0).reverse()) release();
      }
      await consumer.stop();
      expect(Object.fromEntries(peak)).toEqual(limits);
      expect(unkeyedPeak).toBe(16);
    });

    it('enqueues idempotently by id while the job is waiting or running, and again once it finished', async () => {
      const queue = await open();
      expect(await queue.enqueue(job('same'))).toBe(true);
      expect(await queue.enqueue(job('same', { priority: 9 }))).toBe(false);
      const runs: string[] = [];
      const gate = deferred();
      const signal = new AsyncSignal();
      const consumer = queue.consume(
        'step',
        async ({ job: { id } }) => {
          runs.push(id);
          signal.notify();
          if (runs.length === 1) await gate.promise;
          signal.notify();
        },
        { concurrency: 2, onFailed: noFailures },
      );
      await signal.until(() => runs.length === 1);
      expect(await queue.enqueue(job('same'))).toBe(false);
      gate.resolve();
      await consumer.stop();
      expect(runs).toEqual(['same']);

      expect(await queue.enqueue(job('same'))).toBe(true);
      expect(await drainOnOneSlot(queue, 1)).toEqual(['same']);
    });

    it('refuses a non-integer priority or a concurrency limit below 1 and enqueues nothing', async () => {
      const queue = await open();
      for (const fields of [
        { priority: 1.5 },
        { priority: Number.NaN },
        { concurrencyKey: 'k', concurrencyLimit: 0 },
        { concurrencyLimit: 2.5 },
      ]) {
        await expect(queue.enqueue(job('bad', fields))).rejects.toBeInstanceOf(RangeError);
      }
      await queue.enqueue(job('good'));
      expect(await drainOnOneSlot(queue, 1)).toEqual(['good']);
    });

    it('delivers a job only to consumers of its kind', async () => {
      const queue = await open();
      await queue.enqueue(job('other-kind', { kind: 'timer' }));
      await queue.enqueue(job('a-step'));
      expect(await drainOnOneSlot(queue, 1)).toEqual(['a-step']);
    });

    it('redelivers a job whose handler threw, counting attempts, then reports it to onFailed', async () => {
      const queue = await open();
      const attempts: [string, number][] = [];
      const failed: [string, number, unknown][] = [];
      const signal = new AsyncSignal();
      const consumer = queue.consume(
        'step',
        async ({ job: { id }, attempt }) => {
          attempts.push([id, attempt]);
          signal.notify();
          if (id === 'always' || attempt < 3) throw new Error(`boom ${attempt}`);
        },
        {
          concurrency: 1,
          maxAttempts: 3,
          onFailed: ({ job: { id }, attempt }, error) => {
            failed.push([id, attempt, (error as Error).message]);
            signal.notify();
          },
        },
      );
      await queue.enqueue(job('flaky'));
      await queue.enqueue(job('always'));
      await signal.until(() => attempts.length === 6 && failed.length === 1);
      await consumer.stop();
      expect(attempts.filter(([id]) => id === 'flaky').map(([, attempt]) => attempt)).toEqual([1, 2, 3]);
      expect(attempts.filter(([id]) => id === 'always').map(([, attempt]) => attempt)).toEqual([1, 2, 3]);
      expect(failed).toEqual([['always', 3, 'boom 3']]);
      expect(await queue.enqueue(job('always'))).toBe(true);
    });

    it('stops gracefully: waits for in-flight handlers, starts nothing new, and loses nothing', async () => {
      const queue = await open();
      for (const id of ['j1', 'j2', 'j3']) await queue.enqueue(job(id));
      const gates = new Map<string, () => void>();
      const finished: string[] = [];
      const signal = new AsyncSignal();
      const consumer = queue.consume(
        'step',
        async ({ job: { id } }) => {
          const gate = deferred();
          gates.set(id, gate.resolve);
          signal.notify();
          await gate.promise;
          finished.push(id);
        },
        { concurrency: 2, onFailed: noFailures },
      );
      await signal.until(() => gates.size === 2);
      let stopped = false;
      const stopping = consumer.stop().then(() => (stopped = true));
      await nextTurn();
      expect(stopped).toBe(false);
      gates.get('j1')?.();
      await nextTurn();
      expect(stopped).toBe(false);
      gates.get('j2')?.();
      await stopping;
      expect(finished).toEqual(['j1', 'j2']);
      expect([...gates.keys()]).toEqual(['j1', 'j2']);
      expect(await drainOnOneSlot(queue, 1)).toEqual(['j3']);
    });
  });
}
