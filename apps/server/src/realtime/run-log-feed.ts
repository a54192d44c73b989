import type { RunEvent } from '@agent-fleet/contracts';
import type { EventBus } from '@agent-fleet/core';
import type { FeedSink, TopicFeed } from './topic-feed.js';

/** Reads a run's log after a `seq`, at most `limit` events (RunService.events). */
export type RunLogReader = (after: number, limit: number) => Promise<RunEvent[]>;

/** Run logs are never forgotten, so their numbering has a single epoch. */
export const RUN_LOG_EPOCH = 'log';
const BATCH = 500;

/**
 * A `run:` topic fed from the run's event log rather than the bus's ring, so a client can resume from
 * any `seq`, however old: the bus's `run:<id>` notifications only say "read again" (as for the SSE
 * stream). Events carry the log's `seq`; without `since` the whole log is replayed.
 */
export async function openRunLogFeed(
  bus: EventBus,
  topic: string,
  read: RunLogReader,
  since: number | undefined,
  sink: FeedSink,
  onError: (error: unknown) => void,
): Promise<TopicFeed> {
  let seq = since ?? 0;
  let live = false;
  let closed = false;
  let reading: Promise<void> | null = null;
  let again = false;
  const send = (events: RunEvent[]) => {
    for (const event of events) {
      if (closed) return;
      sink.event({ seq: event.seq, type: event.type, ts: event.at, data: event });
      seq = event.seq;
    }
  };
  // One read at a time; a notification during a read asks for one more.
  const catchUp = () => {
    if (!live || closed) return;
    if (reading) {
      again = true;
      return;
    }
    reading = (async () => {
      do {
        again = false;
        for (let batch = await read(seq, BATCH); !closed; batch = await read(seq, BATCH)) {
          send(batch);
          if (batch.length < BATCH) break;
        }
      } while (again && !closed);
    })()
      .catch(onError)
      .finally(() => (reading = null));
  };
  // Listening before the first read, so no event written meanwhile is missed.
  const subscription = await bus.subscribe(topic, {}, (delivery) => {
    if (delivery.kind === 'dropped') sink.overrun();
    else catchUp();
  });
  const backlog: RunEvent[] = [];
  try {
    for (let batch = await read(seq, BATCH); ; batch = await read(backlog.at(-1)?.seq ?? seq, BATCH)) {
      backlog.push(...batch);
      if (batch.length < BATCH) break;
    }
  } catch (error) {
    subscription.close();
    throw error;
  }
  return {
    head: { epoch: RUN_LOG_EPOCH, seq: backlog.at(-1)?.seq ?? seq },
    replayed: backlog.length,
    start() {
      send(backlog);
      backlog.length = 0;
      live = true;
      catchUp();
    },
    close() {
      closed = true;
      subscription.close();
    },
  };
}
