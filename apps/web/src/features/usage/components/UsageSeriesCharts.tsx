import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../../../lib/format';
import { formatBucket, type SeriesBucket, type SeriesPoint } from '../usage-series';
import { formatCompact, formatCost } from '../format-cost';
import { AXIS_TICK, CHART_COLORS, GRID_STROKE, INITIAL_CHART_SIZE } from './chart-theme';
import { ChartCard } from './ChartCard';

const TOKEN_NAMES: Record<string, string> = { inputTokens: 'Input', outputTokens: 'Output' };

// Shared by both charts: the same grid and time axis (an element may be rendered in several places).
const grid = <CartesianGrid vertical={false} stroke={GRID_STROKE} />;
const timeAxis = (
  <XAxis dataKey="key" tickFormatter={formatBucket} tick={AXIS_TICK} tickLine={false} axisLine={false} minTickGap={12} />
);
const bucketLabel = (label: unknown) => formatBucket(String(label));

/** Cost and tokens per UTC hour or day, quiet ones included as zero bars. */
export function UsageSeriesCharts({ series, bucket }: { series: readonly SeriesPoint[]; bucket: SeriesBucket }) {
  const data = [...series];
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
        <ResponsiveContainer width="100%" height="100%" initialDimension={INITIAL_CHART_SIZE}>
          <BarChart data={data} accessibilityLayer={false} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
            {grid}
            {timeAxis}
            <YAxis
              tickFormatter={(value: number) => formatCost(value)}
              tick={AXIS_TICK}
              tickLine={false}
              axisLine={false}
              width={84}
            />
            <Tooltip
              cursor={{ fill: '#f1f5f9' }}
              labelFormatter={bucketLabel}
              formatter={(value) => [formatCost(Number(value)), 'Cost']}
            />
            <Bar dataKey="costUsd" name="Cost" fill={CHART_COLORS.cost} radius={[3, 3, 0, 0]} maxBarSize={32} />
          </BarChart>
        </ResponsiveContainer>
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
        <ResponsiveContainer width="100%" height="100%" initialDimension={INITIAL_CHART_SIZE}>
          <BarChart data={data} accessibilityLayer={false} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
            {grid}
            {timeAxis}
            <YAxis
              tickFormatter={(value: number) => formatCompact(value)}
              tick={AXIS_TICK}
              tickLine={false}
              axisLine={false}
              width={48}
            />
            <Tooltip
              cursor={{ fill: '#f1f5f9' }}
              labelFormatter={bucketLabel}
              formatter={(value, name) => [formatNumber(Number(value)), TOKEN_NAMES[String(name)] ?? name]}
            />
            <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="inputTokens" name="Input" stackId="tokens" fill={CHART_COLORS.input} maxBarSize={32} />
            <Bar
              dataKey="outputTokens"
              name="Output"
              stackId="tokens"
              fill={CHART_COLORS.output}
              radius={[3, 3, 0, 0]}
              maxBarSize={32}
            />
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>
    </div>
  );
}
