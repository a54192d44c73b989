import type { TopicHead } from '@agent-fleet/contracts';
import type { BusDelivery, EventBus } from '@agent-fleet/core';

/**
 * One event as a client receives it. A bus feed hands every subscriber of a topic the same object, so its
 * envelope is serialised once per event, not once per subscriber.
 */
export interface FeedEvent {
  seq: number;
  type: string;
  ts: string;
  data: unknown;
}

/** Where a feed delivers, in order. */
export interface FeedSink {
  event(event: FeedEvent): void;
  /** The missed events cannot be replayed; live ones after `head.seq` follow. */
  reset(head: TopicHead): void;
  /** The feed has stopped: the subscriber could not keep up. Nothing follows. */
  overrun(): void;
}

/** A subscription to one topic, opened paused so the caller can announce it before anything is delivered. */
export interface TopicFeed {
  head: TopicHead;
  /** Events queued for replay. */
  replayed: number;
  /** Starts delivering: the replay, then live events. */
  start(): void;
  /** Stops delivering. Idempotent. */
  close(): void;
}

/** A topic straight from the EventBus: its ring buffer replays, its epoch decides `reset`. */
export async function openBusFeed(
  bus: EventBus,
  topic: string,
  from: { since?: number; epoch?: string },
  sink: FeedSink,
): Promise<TopicFeed> {
  const deliver = (delivery: BusDelivery) => {
    if (delivery.kind === 'event') sink.event(delivery.event);
    else if (delivery.kind === 'reset') sink.reset(delivery.head);
    else sink.overrun();
  };
  // Until `start`, deliveries wait on a promise; after it, each is handed over synchronously, with no
  // promise per delivery (a fan-out to many clients makes one call per client per event).
  let live = false;
  let resolveStarted!: () => void;
  const started = new Promise<void>((resolve) => (resolveStarted = resolve));
  const start = () => {
    live = true;
    resolveStarted();
  };
  const subscription = await bus.subscribe(
    topic,
    { ...(from.since === undefined ? {} : { since: from.since }), ...(from.epoch === undefined ? {} : { epoch: from.epoch }) },
    (delivery) => (live ? deliver(delivery) : started.then(() => deliver(delivery))),
  );
  return { head: subscription.head, replayed: subscription.replayed, start, close: () => subscription.close() };
}
