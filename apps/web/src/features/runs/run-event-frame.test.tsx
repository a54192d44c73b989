import { RunEventSchema } from '@agent-fleet/contracts';
import { describe, expect, it } from 'vitest';
import { runEventFrame } from './run-event-frame';

const event = { seq: 3, type: 'step.succeeded', step: 'draft', data: { output: { text: 'Hi' } }, at: '2026-03-01T10:00:00.000Z' };

describe('runEventFrame', () => {
  it('accepts the events the contract accepts, as they are', () => {
    for (const valid of [event, { ...event, step: null, type: 'run.started', data: {} }]) {
      expect(RunEventSchema.safeParse(valid).success).toBe(true);
      expect(runEventFrame.safeParse(valid)).toEqual({ success: true, data: valid });
    }
  });

  it('refuses the frames the contract refuses for a field the run page reads', () => {
    const broken: unknown[] = [
      null,
      [event],
      'step.succeeded',
      { ...event, seq: 0 },
      { ...event, seq: 1.5 },
      { ...event, seq: '3' },
      { ...event, type: undefined },
      { ...event, step: undefined },
      { ...event, step: 7 },
      { ...event, data: null },
      { ...event, data: ['x'] },
      { ...event, at: 'yesterday' },
      { ...event, at: undefined },
    ];
    for (const frame of broken) {
      expect(RunEventSchema.safeParse(frame).success, JSON.stringify(frame)).toBe(false);
      expect(runEventFrame.safeParse(frame), JSON.stringify(frame)).toEqual({ success: false });
    }
  });
});
