import type { DashboardBucket, MetricsBucket } from '@agent-fleet/contracts';
import { formatNumber } from '../../../lib/format';
import { BarChart } from '../../usage/components/BarChart';
import { CHART_COLORS } from '../../usage/components/chart-theme';
import { ChartCard } from '../../usage/components/ChartCard';
import { formatCompact, formatCost } from '../../usage/format-cost';

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const day = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const dayTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** A bucket's start on the axis: the time for minutes and hours, the date for days (local time). */
export const bucketLabel = (start: string, bucket: MetricsBucket): string =>
  bucket === '1d' ? day.format(new Date(start)) : time.format(new Date(start));
const bucketHeading = (start: string, bucket: MetricsBucket): string =>
  bucket === '1d' ? day.format(new Date(start)) : dayTime.format(new Date(start));

const UNIT: Record<MetricsBucket, string> = { '5m': '5 minutes', '1h': 'hour', '1d': 'day' };

/** Cost, and calls with the failed ones apart, per bucket of the range; quiet buckets are zero bars. */
export function DashboardSeriesCharts({ series, bucket }: { series: readonly DashboardBucket[]; bucket: MetricsBucket }) {
  const key = (point: DashboardBucket) => point.start;
  const label = (point: DashboardBucket) => bucketLabel(point.start, bucket);
  const tooltipLabel = (point: DashboardBucket) => bucketHeading(point.start, bucket);
  const rows = (cells: (point: DashboardBucket) => string[]) =>
    series.map((point) => ({ key: point.start, cells: [bucketHeading(point.start, bucket), ...cells(point)] }));
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
      <ChartCard
        title="Cost over time"
        description={`US dollars per ${UNIT[bucket]}.`}
        data={{ columns: ['Time', 'Cost'], rows: rows((point) => [formatCost(point.costUsd)]) }}
      >
        <BarChart
          data={series}
          rowKey={key}
          label={label}
          tooltipLabel={tooltipLabel}
          series={[{ name: 'Cost', color: CHART_COLORS.cost, value: (point) => point.costUsd }]}
          formatTick={formatCost}
          formatValue={formatCost}
          axisWidth={84}
        />
      </ChartCard>
      <ChartCard
        title="Calls over time"
        description={`Provider calls per ${UNIT[bucket]}, failed ones apart.`}
        data={{
          columns: ['Time', 'Succeeded or other', 'Failed'],
          rows: rows((point) => [formatNumber(point.calls - point.failedCalls), formatNumber(point.failedCalls)]),
        }}
      >
        <BarChart
          data={series}
          rowKey={key}
          label={label}
          tooltipLabel={tooltipLabel}
          series={[
            { name: 'Calls', color: CHART_COLORS.input, value: (point) => point.calls - point.failedCalls },
            { name: 'Failed', color: '#dc2626', value: (point) => point.failedCalls },
          ]}
          formatTick={formatCompact}
          formatValue={formatNumber}
          axisWidth={48}
          legend
        />
      </ChartCard>
    </div>
  );
}
