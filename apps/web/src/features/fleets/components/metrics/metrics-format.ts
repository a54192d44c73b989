import type { MetricsBucket } from '@agent-fleet/contracts';

const percentFormat = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const fullFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

const smallPercentFormat = new Intl.NumberFormat(undefined, { style: 'percent', maximumSignificantDigits: 2 });

/** A ratio (0.25) as a percentage ("25%"). */
export const formatPercent = (ratio: number): string => percentFormat.format(ratio);

/** A ratio on a chart axis, where ticks may be a fraction of a percent apart ("0.02%"). */
export const formatPercentTick = (ratio: number): string =>
  ratio !== 0 && Math.abs(ratio) < 0.1 ? smallPercentFormat.format(ratio) : percentFormat.format(ratio);

/** A bucket's start on the category axis: the time of day for 5-minute and hourly buckets, the date for daily ones. */
export const bucketLabel = (start: string, bucket: MetricsBucket | null): string =>
  bucket === '1d' ? dayFormat.format(new Date(start)) : timeFormat.format(new Date(start));

/** A bucket's start in full, for the tooltip and the data table. */
export const bucketTitle = (start: string, bucket: MetricsBucket | null): string =>
  bucket === '1d' ? dayFormat.format(new Date(start)) : fullFormat.format(new Date(start));
