import type { RunEvent } from '@agent-fleet/contracts';

export type AttemptOutcome = 'running' | 'waiting' | 'succeeded' | 'failed' | 'retrying' | 'skipped' | 'cancelled';

/** One attempt of one step run, as a bar of the timeline. */
export interface AttemptBar {
  /** The step run's key (`draft`, `summarise[2]`). */
  key: string;
  attempt: number;
  /** Milliseconds since the run's first event. */
  start: number;
  /** Null while the attempt is still open. */
  end: number | null;
  /** When it began waiting (a timer, an approval, items), if it did. */
  waitingFrom: number | null;
  outcome: AttemptOutcome;
}

export interface Timeline {
  /** The run's first event, as epoch milliseconds; null without events. */
  origin: number | null;
  bars: AttemptBar[];
  /** The latest instant the events reach, relative to the origin. */
  span: number;
}

const CLOSING: Record<string, AttemptOutcome> = {
  'step.succeeded': 'succeeded',
  'step.failed': 'failed',
  'step.retrying': 'retrying',
  'step.fallback': 'failed',
};

const attemptOf = (event: RunEvent): number | null => (typeof event.data['attempt'] === 'number' ? event.data['attempt'] : null);

/**
 * The attempts of every step run, from the event log: `step.started` opens a bar; `step.waiting` (or
 * `approval.requested`) marks where it began to wait; `step.succeeded|failed|retrying|fallback`, `step.skipped` and `steps.cancelled`
 * close it. A bar still open is drawn up to `now` (or the last event), so a running step grows live.
 */
export function buildTimeline(events: readonly RunEvent[], now?: number): Timeline {
  if (events.length === 0) return { origin: null, bars: [], span: 0 };
  const origin = Date.parse(events[0]?.at ?? '');
  const bars: AttemptBar[] = [];
  const open = new Map<string, AttemptBar>();
  let last = 0;
  const close = (key: string, at: number, outcome: AttemptOutcome) => {
    const bar = open.get(key);
    if (!bar) return;
    bar.end = at;
    bar.outcome = outcome;
    open.delete(key);
  };

  for (const event of events) {
    const at = Date.parse(event.at) - origin;
    last = Math.max(last, at);
    const key = event.step;
    if (event.type === 'steps.cancelled') {
      const keys = Array.isArray(event.data['steps']) ? event.data['steps'] : [];
      for (const cancelled of keys) if (typeof cancelled === 'string') close(cancelled, at, 'cancelled');
      // Items of a cancelled map are cancelled with it.
      for (const openKey of [...open.keys()]) {
        if (keys.some((cancelled) => typeof cancelled === 'string' && openKey.startsWith(`${cancelled}[`)))
          close(openKey, at, 'cancelled');
      }
      continue;
    }
    if (key === null) continue;
    if (event.type === 'step.started') {
      close(key, at, 'retrying');
      const bar: AttemptBar = {
        key,
        attempt: attemptOf(event) ?? 1,
        start: at,
        end: null,
        waitingFrom: null,
        outcome: 'running',
      };
      bars.push(bar);
      open.set(key, bar);
    } else if (event.type === 'step.waiting' || event.type === 'approval.requested') {
      const bar = open.get(key);
      if (bar && bar.waitingFrom === null) {
        bar.waitingFrom = at;
        bar.outcome = 'waiting';
      }
    } else if (event.type === 'step.skipped') {
      close(key, at, 'skipped');
    } else if (CLOSING[event.type]) {
      close(key, at, CLOSING[event.type] ?? 'failed');
    }
  }
  const end = now === undefined ? last : Math.max(last, now - origin);
  return { origin, bars, span: Math.max(end, ...bars.map((bar) => bar.end ?? end)) };
}
