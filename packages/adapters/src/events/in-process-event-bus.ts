import { randomUUID } from 'node:crypto';
import type {
  BusDelivery,
  BusEvent,
  BusEventInput,
  BusListener,
  BusSubscription,
  EventBus,
  SubscribeOptions,
  TopicHead,
} from '@agent-fleet/core';

export interface InProcessEventBusOptions {
  /** Events kept per topic for replay. Default 1,000. */
  bufferSize?: number;
  /** Deliveries queued per subscription before it is dropped; at least `bufferSize`, so a full replay fits. Default 2 × `bufferSize`. */
  maxPending?: number;
  /**
   * Topics remembered. Beyond it the least recently published topic without subscribers is forgotten; it
   * starts a new epoch when used again, so resuming clients get `reset`. Default 10,000.
   */
  maxTopics?: number;
  /** The clock for `ts`. Default `new Date()`. */
  now?: () => Date;
}

interface Topic {
  epoch: string;
  seq: number;
  /** A ring: the event with seq `s` sits at `(s - 1) % bufferSize`. */
  ring: BusEvent[];
  subscribers: Set<Subscriber>;
}

/**
 * One subscription's queue, handed to its listener one delivery at a time, after the publish that queued it
 * returns. A listener that answers synchronously is called in a loop, with no promise per delivery (a
 * fan-out calls every subscriber of a topic for each event); one that returns a promise holds the rest of
 * the queue until it settles.
 */
class Subscriber {
  private readonly queue: BusDelivery[] = [];
  private draining = false;
  private closed = false;
  private readonly drainLater = () => this.drain();
  private readonly failed = () => this.drop('listener_failed');

  constructor(
    private readonly listener: BusListener,
    private readonly maxPending: number,
    private readonly onClose: () => void,
  ) {}

  push(delivery: BusDelivery): void {
    if (this.closed) return;
    if (this.queue.length >= this.maxPending) return this.drop('slow_subscriber');
    this.queue.push(delivery);
    if (!this.draining) {
      this.draining = true;
      queueMicrotask(this.drainLater);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    this.onClose();
  }

  private drain(): void {
    for (let delivery = this.queue.shift(); delivery && !this.closed; delivery = this.queue.shift()) {
      let pending: void | Promise<void>;
      try {
        pending = this.listener(delivery);
      } catch {
        return this.drop('listener_failed');
      }
      if (pending) {
        pending.then(this.drainLater, this.failed);
        return;
      }
    }
    this.draining = false;
  }

  /** Ends the subscription and says why, without waiting for a listener that may be stuck. */
  private drop(reason: 'slow_subscriber' | 'listener_failed'): void {
    if (this.closed) return;
    this.close();
    void (async () => this.listener({ kind: 'dropped', reason }))().catch(() => undefined);
  }
}

/**
 * The embedded EventBus: per-topic rings in this process's memory. See the port for the contract. Every
 * listener receives the same event object, uncopied: treat it as read-only.
 */
export class InProcessEventBus implements EventBus {
  private readonly topics = new Map<string, Topic>();
  private readonly bufferSize: number;
  private readonly maxPending: number;
  private readonly maxTopics: number;
  private readonly now: () => Date;

  constructor(options: InProcessEventBusOptions = {}) {
    this.bufferSize = options.bufferSize ?? 1000;
    this.maxPending = Math.max(options.maxPending ?? 2 * this.bufferSize, this.bufferSize);
    this.maxTopics = options.maxTopics ?? 10_000;
    this.now = options.now ?? (() => new Date());
  }

  async publish(name: string, input: BusEventInput): Promise<BusEvent> {
    const topic = this.topic(name);
    this.topics.delete(name);
    this.topics.set(name, topic);
    topic.seq += 1;
    const event: BusEvent = { topic: name, seq: topic.seq, type: input.type, ts: this.now().toISOString(), data: input.data };
    topic.ring[(topic.seq - 1) % this.bufferSize] = event;
    // One delivery for every subscriber: listeners treat it as read-only, like the event.
    const delivery: BusDelivery = { kind: 'event', event };
    for (const subscriber of topic.subscribers) subscriber.push(delivery);
    return event;
  }

  async subscribe(name: string, options: SubscribeOptions, listener: BusListener): Promise<BusSubscription> {
    const topic = this.topic(name);
    const head: TopicHead = { epoch: topic.epoch, seq: topic.seq };
    const subscriber: Subscriber = new Subscriber(listener, this.maxPending, () => topic.subscribers.delete(subscriber));
    const { since } = options;
    let replayed = 0;
    if (since !== undefined) {
      const oldest = Math.max(1, topic.seq - this.bufferSize + 1);
      if ((options.epoch !== undefined && options.epoch !== topic.epoch) || since > topic.seq || since < oldest - 1) {
        subscriber.push({ kind: 'reset', head });
      } else {
        for (let seq = since + 1; seq <= topic.seq; seq += 1) {
          subscriber.push({ kind: 'event', event: topic.ring[(seq - 1) % this.bufferSize] as BusEvent });
        }
        replayed = topic.seq - since;
      }
    }
    topic.subscribers.add(subscriber);
    return { head, replayed, close: () => subscriber.close() };
  }

  async head(name: string): Promise<TopicHead> {
    const { epoch, seq } = this.topic(name);
    return { epoch, seq };
  }

  /** The topic's state, created (with a new epoch) when unknown, forgetting an idle topic if over `maxTopics`. */
  private topic(name: string): Topic {
    const known = this.topics.get(name);
    if (known) return known;
    const topic: Topic = { epoch: randomUUID(), seq: 0, ring: [], subscribers: new Set() };
    this.topics.set(name, topic);
    if (this.topics.size > this.maxTopics) {
      for (const [other, state] of this.topics) {
        if (state.subscribers.size === 0 && other !== name) {
          this.topics.delete(other);
          break;
        }
      }
    }
    return topic;
  }
}
