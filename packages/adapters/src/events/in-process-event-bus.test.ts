import { describeEventBusContract } from '@agent-fleet/testing';
import { describe, expect, it } from 'vitest';
import { InProcessEventBus } from './in-process-event-bus.js';

describeEventBusContract('InProcessEventBus', async (options) => ({
  bus: new InProcessEventBus(options),
  cleanup: async () => undefined,
}));

describe('InProcessEventBus memory', () => {
  it('forgets the least recently published idle topic beyond maxTopics, so resuming it gets reset', async () => {
    const bus = new InProcessEventBus({ maxTopics: 2 });
    await bus.publish('run:1', { type: 'x', data: null });
    const forgotten = await bus.head('run:1');
    await bus.publish('run:2', { type: 'x', data: null });
    await bus.publish('run:3', { type: 'x', data: null });

    const head = await bus.head('run:1');
    expect(head.seq).toBe(0);
    expect(head.epoch).not.toBe(forgotten.epoch);
    expect((await bus.head('run:3')).seq).toBe(1);
    const deliveries: unknown[] = [];
    await bus.subscribe('run:1', { since: 1, epoch: forgotten.epoch }, (delivery) => void deliveries.push(delivery));
    await new Promise((resolve) => setImmediate(resolve));
    expect(deliveries).toEqual([{ kind: 'reset', head }]);
  });

  it('keeps a topic that has subscribers however many others are published', async () => {
    const bus = new InProcessEventBus({ maxTopics: 1 });
    await bus.publish('watched', { type: 'x', data: null });
    const before = await bus.head('watched');
    const subscription = await bus.subscribe('watched', {}, () => undefined);
    for (const name of ['a', 'b', 'c']) await bus.publish(name, { type: 'x', data: null });
    expect(await bus.head('watched')).toEqual(before);
    subscription.close();
  });

  it('queues at least a full buffer per subscription, so a whole replay is never dropped', async () => {
    const bus = new InProcessEventBus({ bufferSize: 10, maxPending: 1 });
    for (let index = 0; index < 10; index += 1) await bus.publish('t', { type: 'x', data: index });
    const kinds: string[] = [];
    await bus.subscribe('t', { since: 0 }, (delivery) => void kinds.push(delivery.kind));
    await new Promise((resolve) => setImmediate(resolve));
    expect(kinds).toEqual(Array.from({ length: 10 }, () => 'event'));
  });
});
