import { describe, expect, it } from 'vitest';
import { fillDailySeries } from './daily-series';
import { makeRow } from './test/fixtures';

describe('fillDailySeries', () => {
  it('adds a zero day for every UTC day without calls, across a month boundary', () => {
    const series = fillDailySeries(
      [makeRow('2026-03-01', { costUsd: 2 }), makeRow('2026-02-27', { costUsd: 1 })],
      '2026-02-26T00:00:00.000Z',
      Date.parse('2026-03-02T08:00:00.000Z'),
    );
    expect(series.map((point) => [point.day, point.costUsd])).toEqual([
      ['2026-02-26', 0],
      ['2026-02-27', 1],
      ['2026-02-28', 0],
      ['2026-03-01', 2],
      ['2026-03-02', 0],
    ]);
  });

  it('covers both days a sliding 24 hours touches and keeps rows outside the range', () => {
    const series = fillDailySeries(
      [makeRow('2026-03-11', { calls: 4 })],
      '2026-03-09T12:00:00.000Z',
      Date.parse('2026-03-10T12:00:00.000Z'),
    );
    expect(series.map((point) => [point.day, point.calls])).toEqual([
      ['2026-03-09', 0],
      ['2026-03-10', 0],
      ['2026-03-11', 4],
    ]);
  });
});
