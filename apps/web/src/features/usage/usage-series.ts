import type { UsageRow } from '@agent-fleet/contracts';

/** How the charts bucket time: by UTC hour (the 24 h range) or by UTC day. */
export type SeriesBucket = 'hour' | 'day';

/** One bar of the charts; `key` is `YYYY-MM-DD` or `YYYY-MM-DDTHH` in UTC, like the summary's keys. */
export interface SeriesPoint {
  key: string;
  costUsd: number;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  reasoningTokens: number;
}

const STEP: Record<SeriesBucket, number> = { hour: 3_600_000, day: 86_400_000 };
const keyOf = (time: number, bucket: SeriesBucket): string => new Date(time).toISOString().slice(0, bucket === 'day' ? 10 : 13);
const startOf = (key: string): number => Date.parse(key.length === 10 ? `${key}T00:00:00.000Z` : `${key}:00:00.000Z`);

const point = (key: string, row?: UsageRow): SeriesPoint => ({
  key,
  costUsd: row?.costUsd ?? 0,
  calls: row?.calls ?? 0,
  inputTokens: row?.inputTokens ?? 0,
  outputTokens: row?.outputTokens ?? 0,
  cachedInputTokens: row?.cachedInputTokens ?? 0,
  reasoningTokens: row?.reasoningTokens ?? 0,
});

/**
 * Every UTC hour or day from `from` to `to`, oldest first: the summary only has rows for buckets with
 * calls, and a chart without the quiet ones would draw Monday next to Friday. Rows outside the range are kept.
 */
export function fillSeries(rows: readonly UsageRow[], from: string, to: number, bucket: SeriesBucket): SeriesPoint[] {
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const keys = new Set<string>();
  for (let time = startOf(keyOf(Date.parse(from), bucket)); time <= to; time += STEP[bucket]) keys.add(keyOf(time, bucket));
  for (const row of rows) keys.add(row.key);
  return [...keys].sort().map((key) => point(key, byKey.get(key)));
}

const dayLabel = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const hourLabel = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'UTC' });

/** "Mar 4" for a UTC day, "14:00" for a UTC hour: as the axis and the tooltip show them. */
export const formatBucket = (key: string): string => {
  const time = startOf(key);
  if (Number.isNaN(time)) return key;
  return key.length === 10 ? dayLabel.format(time) : hourLabel.format(time);
};
