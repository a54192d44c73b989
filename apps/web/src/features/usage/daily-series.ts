import type { UsageRow } from '@agent-fleet/contracts';

/** One bar of the daily charts; `day` is `YYYY-MM-DD` in UTC, like the summary's keys. */
export interface DailyPoint {
  day: string;
  costUsd: number;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  reasoningTokens: number;
}

const DAY = 86_400_000;
const dayOf = (time: number): string => new Date(time).toISOString().slice(0, 10);

const point = (day: string, row?: UsageRow): DailyPoint => ({
  day,
  costUsd: row?.costUsd ?? 0,
  calls: row?.calls ?? 0,
  inputTokens: row?.inputTokens ?? 0,
  outputTokens: row?.outputTokens ?? 0,
  cachedInputTokens: row?.cachedInputTokens ?? 0,
  reasoningTokens: row?.reasoningTokens ?? 0,
});

/**
 * Every UTC day from `from` to `to`, oldest first: the summary only has rows for days with calls, and a
 * chart without the quiet days would draw Monday next to Friday. Rows outside the range are kept.
 */
export function fillDailySeries(rows: readonly UsageRow[], from: string, to: number): DailyPoint[] {
  const byDay = new Map(rows.map((row) => [row.key, row]));
  const days = new Set<string>();
  const start = Date.parse(`${dayOf(Date.parse(from))}T00:00:00.000Z`);
  for (let time = start; time <= to; time += DAY) days.add(dayOf(time));
  for (const row of rows) days.add(row.key);
  return [...days].sort().map((day) => point(day, byDay.get(day)));
}

const dayLabel = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** "Mar 4": a UTC day as the axis and the tooltip show it. */
export const formatDay = (day: string): string => {
  const time = Date.parse(`${day}T00:00:00.000Z`);
  return Number.isNaN(time) ? day : dayLabel.format(time);
};
