/**
 * Ordered, replayable events per topic (`run:<id>`, `workspace:<id>`, …) for the WebSocket gateway, SSE
 * and the UI. Two adapters implement it (in-process now, Redis Streams later) and one contract suite
 * (`@agent-fleet/testing`) checks both.
 *
 * **Sequence numbers.** Each topic numbers its events 1, 2, 3, … with no holes. `seq` is a number rather
 * than an opaque string id so clients can compare and resume with `since`/`Last-Event-ID`; a Redis
 * Streams adapter keeps it by adding each entry with the explicit id `<seq>-0` (read with `XRANGE
 * (<since>-0 +`). A topic's numbering lives as long as its **epoch**: an in-process bus starts a new epoch
 * when it restarts or forgets an idle topic, a Redis one when the stream is recreated. A subscriber that
 * resumes from another epoch gets `reset`, never the wrong events.
 *
 * **Replay.** Each topic keeps its last `bufferSize` events (a ring, `XADD MAXLEN =` on Redis). Subscribing
 * with `since: k` delivers exactly the events after k, then live ones, in order, without gaps or
 * duplicates. When events after k are no longer buffered (or k is ahead of the head, or the epoch
 * differs), the listener gets `reset` with the current head and then live events after it: the client
 * refetches over REST and applies what follows. Without `since`, delivery starts after the current head.
 *
 * **Backpressure.** Publishing never waits for a listener. Each subscription queues its deliveries and
 * hands them to its listener one at a time (awaiting a returned promise). When more than
 * `maxPending` are queued the subscription is dropped: its queue is discarded and the listener gets
 * `dropped` — at once, even if it is still busy with an earlier delivery — and nothing after it. A listener
 * that throws is dropped the same way. Other subscriptions are unaffected.
 */
export interface EventBus {
  /** Appends an event to `topic` and returns it with its `seq` and `ts`. */
  publish(topic: string, event: BusEventInput): Promise<BusEvent>;
  /** Starts delivering `topic` to `listener` as described above. */
  subscribe(topic: string, options: SubscribeOptions, listener: BusListener): Promise<BusSubscription>;
  /** The topic's epoch and last `seq` (0 when nothing was published in this epoch). */
  head(topic: string): Promise<TopicHead>;
}

export interface BusEventInput {
  /** e.g. `step.completed`. */
  type: string;
  /** Must survive JSON. */
  data: unknown;
}

export interface BusEvent extends BusEventInput {
  topic: string;
  seq: number;
  /** ISO 8601 time of publication. */
  ts: string;
}

export interface TopicHead {
  epoch: string;
  seq: number;
}

export interface SubscribeOptions {
  /** Deliver the events after this `seq`. Absent: only events published from now on. */
  since?: number;
  /** The epoch `since` belongs to; when it differs from the topic's, the listener gets `reset`. */
  epoch?: string;
}

export type BusDelivery =
  | { kind: 'event'; event: BusEvent }
  /** Missed events cannot be replayed; live events after `head.seq` follow. */
  | { kind: 'reset'; head: TopicHead }
  /** The subscription has ended; nothing follows. */
  | { kind: 'dropped'; reason: 'slow_subscriber' | 'listener_failed' };

export type BusListener = (delivery: BusDelivery) => void | Promise<void>;

export interface BusSubscription {
  /** The head when the subscription started, after which live events follow. */
  head: TopicHead;
  /** Events queued for replay (0 after a reset). */
  replayed: number;
  /** Stops delivery, discarding anything still queued. Idempotent. */
  close(): void;
}
