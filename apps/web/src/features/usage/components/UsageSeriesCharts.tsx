import { formatNumber } from '../../../lib/format';
import { formatBucket, type SeriesBucket, type SeriesPoint } from '../usage-series';
import { formatCompact, formatCost } from '../format-cost';
import { BarChart } from './BarChart';
import { CHART_COLORS } from './chart-theme';
import { ChartCard } from './ChartCard';

const bucketLabel = (point: SeriesPoint) => formatBucket(point.key);
const pointKey = (point: SeriesPoint) => point.key;

/** Cost and tokens per UTC hour or day, quiet ones included as zero bars. */
export function UsageSeriesCharts({ series, bucket }: { series: readonly SeriesPoint[]; bucket: SeriesBucket }) {
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <ChartCard
        title={`Cost per ${bucket}`}
        description={`US dollars, by UTC ${bucket}.`}
        data={{
          columns: [bucket === 'day' ? 'Day' : 'Hour', 'Cost', 'Calls'],
          rows: series.map((point) => ({
            key: point.key,
            cells: [formatBucket(point.key), formatCost(point.costUsd), formatNumber(point.calls)],
          })),
        }}
      >
        <BarChart
          data={series}
          rowKey={pointKey}
          label={bucketLabel}
          series={[{ name: 'Cost', color: CHART_COLORS.cost, value: (point) => point.costUsd }]}
          formatTick={formatCost}
          formatValue={formatCost}
          axisWidth={84}
        />
      </ChartCard>
      <ChartCard
        title={`Tokens per ${bucket}`}
        description={`Input (cached included) and output (reasoning included), by UTC ${bucket}.`}
        data={{
          columns: [bucket === 'day' ? 'Day' : 'Hour', 'Input', 'Output', 'Cached input', 'Reasoning'],
          rows: series.map((point) => ({
            key: point.key,
            cells: [
              formatBucket(point.key),
              formatNumber(point.inputTokens),
              formatNumber(point.outputTokens),
              formatNumber(point.cachedInputTokens),
              formatNumber(point.reasoningTokens),
            ],
          })),
        }}
      >
        <BarChart
          data={series}
          rowKey={pointKey}
          label={bucketLabel}
          series={[
            { name: 'Input', color: CHART_COLORS.input, value: (point) => point.inputTokens },
            { name: 'Output', color: CHART_COLORS.output, value: (point) => point.outputTokens },
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
