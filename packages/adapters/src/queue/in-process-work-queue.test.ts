import type { WorkJob } from '@agent-fleet/core';
import { describeWorkQueueContract } from '@agent-fleet/testing';
import { describe, expect, it } from 'vitest';
import { InProcessWorkQueue } from './in-process-work-queue.js';

describeWorkQueueContract('InProcessWorkQueue', async (options) => ({
  queue: new InProcessWorkQueue(options),
  cleanup: async () => undefined,
}));

describe('InProcessWorkQueue.reserve', () => {
  const job = (id: string): WorkJob => ({
    id,
    kind: 'step',
    workspaceId: 'w',
    concurrencyKey: 'k',
    concurrencyLimit: 2,
    payload: {},
  });
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('takes a free slot of a local consumer, and the slot is a delivery’s: a job waits until it is released', async () => {
    const queue = new InProcessWorkQueue();
    const delivered: string[] = [];
    const consumer = queue.consume('step', async (delivery) => void delivered.push(delivery.job.id), {
      concurrency: 1,
      onFailed: () => undefined,
    });
    expect(queue.reserve('other', {})).toBeNull();
    const slot = queue.reserve('step', {});
    expect(slot).not.toBeNull();
    expect(queue.reserve('step', {})).toBeNull();
    await queue.enqueue(job('a'));
    await settle();
    expect(delivered).toEqual([]);
    slot?.release();
    slot?.release();
    await settle();
    expect(delivered).toEqual(['a']);
    const again = queue.reserve('step', {});
    expect(again).not.toBeNull();
    again?.release();
    await consumer.stop();
  });

  it('never goes ahead of a waiting job, and counts against the concurrency key', async () => {
    const queue = new InProcessWorkQueue();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const consumer = queue.consume('step', () => held, { concurrency: 4, onFailed: () => undefined });
    const first = queue.reserve('step', { concurrencyKey: 'k', concurrencyLimit: 2 });
    await queue.enqueue(job('a'));
    await settle();
    // `a` took the key's second slot: the key is full, and the next job waits behind it.
    expect(queue.reserve('step', { concurrencyKey: 'k', concurrencyLimit: 2 })).toBeNull();
    await queue.enqueue(job('b'));
    await settle();
    expect(queue.reserve('step', {})).toBeNull();
    first?.release();
    await settle();
    // `b` took the released slot: nothing waits now, and a slot without the key is free.
    const free = queue.reserve('step', {});
    expect(free).not.toBeNull();
    free?.release();
    release();
    await consumer.stop();
  });

  it('makes a stopped consumer wait for its reserved slots', async () => {
    const queue = new InProcessWorkQueue();
    const consumer = queue.consume('step', async () => undefined, { concurrency: 1, onFailed: () => undefined });
    const slot = queue.reserve('step', {});
    let stopped = false;
    const stopping = consumer.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    slot?.release();
    await stopping;
    expect(queue.reserve('step', {})).toBeNull();
  });
});
