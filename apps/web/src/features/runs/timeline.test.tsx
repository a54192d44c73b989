import type { RunEvent } from '@agent-fleet/contracts';
import { describe, expect, it } from 'vitest';
import { buildTimeline } from './timeline';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
let seq = 0;
const event = (type: string, step: string | null, atMs: number, data: RunEvent['data'] = {}): RunEvent => ({
  seq: ++seq,
  type,
  step,
  data,
  at: new Date(T0 + atMs).toISOString(),
});

describe('buildTimeline', () => {
  it('draws one bar per attempt: a retry closes the first and the next start opens the second', () => {
    const timeline = buildTimeline([
      event('run.started', null, 0),
      event('step.started', 'fetch', 100, { attempt: 1 }),
      event('step.retrying', 'fetch', 400, { attempt: 1 }),
      event('step.started', 'fetch', 900, { attempt: 2 }),
      event('step.succeeded', 'fetch', 1500, { attempt: 2 }),
      event('step.started', 'draft', 1500, { attempt: 1 }),
      event('step.failed', 'draft', 2000, { attempt: 1 }),
    ]);
    expect(timeline.bars.map(({ key, attempt, start, end, outcome }) => [key, attempt, start, end, outcome])).toEqual([
      ['fetch', 1, 100, 400, 'retrying'],
      ['fetch', 2, 900, 1500, 'succeeded'],
      ['draft', 1, 1500, 2000, 'failed'],
    ]);
    expect(timeline.span).toBe(2000);
  });

  it('keeps an approval open while it waits, up to now, and closes cancelled steps and their items', () => {
    const timeline = buildTimeline(
      [
        event('step.started', 'approve', 0, { attempt: 1 }),
        event('approval.requested', 'approve', 50, { message: 'Send?' }),
        event('step.started', 'each[0]', 60, { attempt: 1 }),
        event('steps.cancelled', null, 300, { steps: ['each'] }),
      ],
      T0 + 1000,
    );
    expect(timeline.bars[0]).toMatchObject({ key: 'approve', waitingFrom: 50, end: null, outcome: 'waiting' });
    expect(timeline.bars[1]).toMatchObject({ key: 'each[0]', end: 300, outcome: 'cancelled' });
    expect(timeline.span).toBe(1000);
  });

  it('is empty without events', () => {
    expect(buildTimeline([])).toEqual({ origin: null, bars: [], span: 0 });
  });
});
