import type { BusDelivery, BusSubscription, EventBus } from '@agent-fleet/core';
import { afterEach, describe, expect, it } from 'vitest';
import { AsyncSignal, deferred } from './async-signal.js';

/** How the suite configures a bus: events kept per topic, deliveries queued per subscription. */
export interface EventBusContractOptions {
  bufferSize: number;
  maxPending: number;
}

/** A bus for one test and how to dispose of it. */
export interface EventBusContractSetup {
  bus: EventBus;
  cleanup(): Promise<void>;
}

/** A listener that records what it gets. */
class Recorder {
  readonly deliveries: BusDelivery[] = [];
  private readonly signal = new AsyncSignal();

  readonly listen = (delivery: BusDelivery): void => {
    this.deliveries.push(delivery);
    this.signal.notify();
  };

  get seqs(): number[] {
    return this.deliveries.flatMap((delivery) => (delivery.kind === 'event' ? [delivery.event.seq] : []));
  }

  until(count: number): Promise<void> {
    return this.signal.until(() => this.deliveries.length >= count);
  }
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, index) => from + index);

/**
 * The one behaviour every EventBus adapter must share. Each test uses its own topics, so `setup` may
 * return a fresh bus or a shared one configured with the given options.
 */
export function describeEventBusContract(
  name: string,
  setup: (options: EventBusContractOptions) => Promise<EventBusContractSetup>,
): void {
  describe(`EventBus contract: ${name}`, () => {
    let cleanup: (() => Promise<void>) | undefined;
    const subscriptions: BusSubscription[] = [];
    let topicCount = 0;
    const topic = (): string => `test:${process.pid}-${Date.now()}-${(topicCount += 1)}`;

    const open = async (options: Partial<EventBusContractOptions> = {}): Promise<EventBus> => {
      const made = await setup({ bufferSize: 1000, maxPending: 2000, ...options });
      cleanup = made.cleanup;
      return made.bus;
    };

    const publishMany = async (bus: EventBus, name: string, count: number): Promise<void> => {
      for (let index = 0; index < count; index += 1) await bus.publish(name, { type: 'tick', data: { index } });
    };

    afterEach(async () => {
      for (const subscription of subscriptions.splice(0)) subscription.close();
      await cleanup?.();
      cleanup = undefined;
    });

    it('numbers each topic’s events 1, 2, 3… on its own, with a timestamp, and reports the head', async () => {
      const bus = await open();
      const [first, second] = [topic(), topic()];
      const empty = await bus.head(first);
      expect(empty.seq).toBe(0);
      const event = await bus.publish(first, { type: 'run.started', data: { runId: 'r1' } });
      expect(event).toMatchObject({ topic: first, seq: 1, type: 'run.started', data: { runId: 'r1' } });
      expect(new Date(event.ts).toISOString()).toBe(event.ts);
      expect((await bus.publish(first, { type: 'x', data: null })).seq).toBe(2);
      expect((await bus.publish(second, { type: 'x', data: null })).seq).toBe(1);
      expect(await bus.head(first)).toEqual({ epoch: empty.epoch, seq: 2 });
    });

    it('replays exactly what was missed after `since` (publish 1000, since k gets k+1…1000), then live', async () => {
      const bus = await open();
      const name = topic();
      await publishMany(bus, name, 1000);
      const head = await bus.head(name);
      const recorder = new Recorder();
      const subscription = await bus.subscribe(name, { since: 400, epoch: head.epoch }, recorder.listen);
      subscriptions.push(subscription);
      expect(subscription).toMatchObject({ head, replayed: 600 });
      await publishMany(bus, name, 5);
      await recorder.until(605);
      expect(recorder.deliveries.every((delivery) => delivery.kind === 'event')).toBe(true);
      expect(recorder.seqs).toEqual(range(401, 1005));
    });

    it('replays nothing from the head and starts live without `since`', async () => {
      const bus = await open();
      const name = topic();
      await publishMany(bus, name, 3);
      const [fromHead, live] = [new Recorder(), new Recorder()];
      subscriptions.push(await bus.subscribe(name, { since: 3 }, fromHead.listen), await bus.subscribe(name, {}, live.listen));
      await publishMany(bus, name, 2);
      await Promise.all([fromHead.until(2), live.until(2)]);
      expect(fromHead.seqs).toEqual([4, 5]);
      expect(live.seqs).toEqual([4, 5]);
    });

    it('sends `reset` when `since` is older than the buffer, then live events; the oldest buffered gap still replays', async () => {
      const bus = await open({ bufferSize: 10, maxPending: 20 });
      const name = topic();
      await publishMany(bus, name, 25);
      const head = await bus.head(name);
      const [tooOld, justInside] = [new Recorder(), new Recorder()];
      const resetSubscription = await bus.subscribe(name, { since: 14 }, tooOld.listen);
      subscriptions.push(resetSubscription, await bus.subscribe(name, { since: 15 }, justInside.listen));
      expect(resetSubscription.replayed).toBe(0);
      await publishMany(bus, name, 1);
      await Promise.all([tooOld.until(2), justInside.until(11)]);
      expect(tooOld.deliveries[0]).toEqual({ kind: 'reset', head });
      expect(tooOld.seqs).toEqual([26]);
      expect(justInside.seqs).toEqual(range(16, 26));
    });

    it('sends `reset` when `since` is ahead of the head or belongs to another epoch', async () => {
      const bus = await open();
      const name = topic();
      await publishMany(bus, name, 5);
      const head = await bus.head(name);
      const [ahead, otherEpoch] = [new Recorder(), new Recorder()];
      subscriptions.push(
        await bus.subscribe(name, { since: 9 }, ahead.listen),
        await bus.subscribe(name, { since: 2, epoch: `${head.epoch}-old` }, otherEpoch.listen),
      );
      await Promise.all([ahead.until(1), otherEpoch.until(1)]);
      expect(ahead.deliveries).toEqual([{ kind: 'reset', head }]);
      expect(otherEpoch.deliveries).toEqual([{ kind: 'reset', head }]);
    });

    it('delivers concurrent publishes to every subscriber in the same order, without gaps or duplicates', async () => {
      const bus = await open();
      const name = topic();
      const recorders = [new Recorder(), new Recorder(), new Recorder()];
      for (const recorder of recorders) subscriptions.push(await bus.subscribe(name, {}, recorder.listen));
      const published = await Promise.all(range(1, 300).map((index) => bus.publish(name, { type: 'tick', data: { index } })));
      expect(published.map((event) => event.seq).sort((a, b) => a - b)).toEqual(range(1, 300));
      await Promise.all(recorders.map((recorder) => recorder.until(300)));
      for (const recorder of recorders) expect(recorder.seqs).toEqual(range(1, 300));
      const dataBySeq = new Map(published.map((event) => [event.seq, event.data]));
      for (const delivery of recorders[0]?.deliveries ?? []) {
        if (delivery.kind === 'event') expect(delivery.event.data).toEqual(dataBySeq.get(delivery.event.seq));
      }
    });

    it('drops a slow subscriber with a reason, without blocking publishers or other subscribers', async () => {
      const bus = await open({ bufferSize: 10, maxPending: 20 });
      const name = topic();
      const stuck = deferred();
      const slow: BusDelivery[] = [];
      const signal = new AsyncSignal();
      const fast = new Recorder();
      subscriptions.push(
        await bus.subscribe(name, {}, async (delivery) => {
          slow.push(delivery);
          signal.notify();
          if (delivery.kind === 'event') await stuck.promise;
        }),
        await bus.subscribe(name, {}, fast.listen),
      );
      await publishMany(bus, name, 100);
      await fast.until(100);
      await signal.until(() => slow.some((delivery) => delivery.kind === 'dropped'));
      expect(fast.seqs).toEqual(range(1, 100));
      expect(slow.at(-1)).toEqual({ kind: 'dropped', reason: 'slow_subscriber' });
      expect(slow.filter((delivery) => delivery.kind === 'event').length).toBeLessThan(100);
      stuck.resolve();
      expect((await bus.publish(name, { type: 'after', data: null })).seq).toBe(101);
      await fast.until(101);
      expect(slow.filter((delivery) => delivery.kind === 'dropped')).toHaveLength(1);
    });

    it('drops a listener that throws and keeps delivering to the others', async () => {
      const bus = await open();
      const name = topic();
      const failing: BusDelivery[] = [];
      const signal = new AsyncSignal();
      const healthy = new Recorder();
      subscriptions.push(
        await bus.subscribe(name, {}, (delivery) => {
          failing.push(delivery);
          signal.notify();
          if (delivery.kind === 'event') throw new Error('listener bug');
        }),
        await bus.subscribe(name, {}, healthy.listen),
      );
      await publishMany(bus, name, 3);
      await Promise.all([healthy.until(3), signal.until(() => failing.length === 2)]);
      expect(failing.map((delivery) => delivery.kind)).toEqual(['event', 'dropped']);
      expect(failing[1]).toEqual({ kind: 'dropped', reason: 'listener_failed' });
      expect(healthy.seqs).toEqual([1, 2, 3]);
    });

    it('stops delivering after close', async () => {
      const bus = await open();
      const name = topic();
      const [closed, open_] = [new Recorder(), new Recorder()];
      const subscription = await bus.subscribe(name, {}, closed.listen);
      subscriptions.push(await bus.subscribe(name, {}, open_.listen));
      await publishMany(bus, name, 1);
      await closed.until(1);
      subscription.close();
      subscription.close();
      await publishMany(bus, name, 2);
      await open_.until(3);
      expect(closed.seqs).toEqual([1]);
    });
  });
}
