import { describe, expect, it } from 'vitest';
import { fillSeries, formatBucket } from './usage-series';
import { makeRow } from './test/fixtures';

describe('fillSeries', () => {
  it('adds a zero day for every UTC day without calls, across a month boundary', () => {
    const series = fillSeries(
      [makeRow('2026-03-01', { costUsd: 2 }), makeRow('2026-02-27', { costUsd: 1 })],
      '2026-02-26T00:00:00.000Z',
      Date.parse('2026-03-02T08:00:00.000Z'),
      'day',
    );
    expect(series.map((point) => [point.key, point.costUsd])).toEqual([
      ['2026-02-26', 0],
      ['2026-02-27', 1],
      ['2026-02-28', 0],
      ['2026-03-01', 2],
      ['2026-03-02', 0],
    ]);
  });

  it('covers both days a sliding 24 hours touches and keeps rows outside the range', () => {
    const series = fillSeries(
      [makeRow('2026-03-11', { calls: 4 })],
      '2026-03-09T12:00:00.000Z',
      Date.parse('2026-03-10T12:00:00.000Z'),
      'day',
    );
    expect(series.map((point) => [point.key, point.calls])).toEqual([
      ['2026-03-09', 0],
      ['2026-03-10', 0],
      ['2026-03-11', 4],
    ]);
  });

  it('fills every UTC hour of a 24-hour range, across midnight', () => {
    const series = fillSeries(
      [makeRow('2026-03-10T01', { calls: 2 })],
      '2026-03-09T22:30:00.000Z',
      Date.parse('2026-03-10T02:10:00.000Z'),
      'hour',
    );
    expect(series.map((point) => [point.key, point.calls])).toEqual([
      ['2026-03-09T22', 0],
      ['2026-03-09T23', 0],
      ['2026-03-10T00', 0],
      ['2026-03-10T01', 2],
      ['2026-03-10T02', 0],
    ]);
    expect(formatBucket('2026-03-10T01')).toMatch(/01:00/);
    expect(formatBucket('2026-03-10')).toMatch(/10/);
  });
});
