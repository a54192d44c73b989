import type { FleetMetrics, MetricsBucketFigures, MetricsFigures, RoutingMetrics } from '@agent-fleet/contracts';
import { clsx } from 'clsx';
import { formatElapsed, formatNumber } from '../../../../lib/format';
import { BarChart } from '../../../usage/components/BarChart';
import { CHART_COLORS } from '../../../usage/components/chart-theme';
import { ChartCard } from '../../../usage/components/ChartCard';
import { formatCompact, formatCost } from '../../../usage/format-cost';
import { bucketLabel, bucketTitle, formatPercent, formatPercentTick } from './metrics-format';

/** Outcome colours, from the app's Tailwind palette (emerald-500, red-500, slate-400). */
const OUTCOME_COLORS = { succeeded: '#10b981', failed: '#ef4444', cancelled: '#94a3b8' } as const;

/** What both a fleet's and an agent's figures have; a fleet's add the queue and its members. */
export type MonitoringFigures = Pick<FleetMetrics, 'from' | 'to' | 'bucket' | 'totals' | 'routing' | 'series'> &
  Partial<Pick<FleetMetrics, 'queue' | 'members'>>;

export interface MonitoringChartsProps {
  metrics: MonitoringFigures;
  /** Member names by agent id, for the utilisation chart of a fleet. */
  names?: ReadonlyMap<string, string>;
  /** True while a newer range loads: the figures shown are the previous range's. */
  stale?: boolean;
}

interface Kpi {
  label: string;
  value: string;
  detail?: string;
  alert?: boolean;
}

function kpisOf(totals: MetricsFigures, queue: FleetMetrics['queue'] | undefined): Kpi[] {
  const { tasks, usage } = totals;
  const ended = tasks.succeeded + tasks.failed + tasks.cancelled;
  const trips = Object.values(totals.limitTrips).reduce((sum, count) => sum + count, 0);
  const kpis: Kpi[] = [
    { label: 'Tasks', value: formatNumber(tasks.submitted), detail: `submitted · ${formatNumber(ended)} ended` },
    {
      label: 'Success rate',
      value: ended === 0 ? '—' : formatPercent(totals.successRate),
      detail: `${formatNumber(tasks.succeeded)} succeeded`,
    },
    {
      label: 'Error rate',
      value: ended === 0 ? '—' : formatPercent(totals.errorRate),
      detail: `${formatNumber(tasks.failed)} failed · ${formatNumber(tasks.cancelled)} cancelled`,
      alert: tasks.failed > 0,
    },
    {
      label: 'Latency p50 / p95',
      value: ended === 0 ? '—' : `${formatElapsed(totals.latencyMs.p50)} / ${formatElapsed(totals.latencyMs.p95)}`,
      detail: 'start to end of ended tasks',
    },
    { label: 'Utilisation', value: formatPercent(totals.utilisation), detail: 'busy time ÷ capacity' },
    {
      label: 'Tokens',
      value: formatCompact(usage.inputTokens + usage.outputTokens),
      detail: `${formatNumber(usage.inputTokens)} in · ${formatNumber(usage.outputTokens)} out`,
    },
    { label: 'Cost', value: formatCost(usage.costUsd), detail: `US dollars · ${formatNumber(usage.calls)} LLM calls` },
    { label: 'Limit trips', value: formatNumber(trips), detail: 'delegation limits hit', alert: trips > 0 },
  ];
  if (queue) {
    kpis.splice(1, 0, {
      label: 'Queue now',
      value: formatNumber(queue.depth),
      detail: queue.depth === 0 ? 'nothing waits' : `oldest waits ${formatElapsed(queue.oldestAgeMs)}`,
      alert: queue.depth > 0,
    });
  }
  return kpis;
}

const pointKey = (point: MetricsBucketFigures) => point.start;
const truncate = (text: string, max = 22) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A fleet's or an agent's figures over a range: key numbers, then the series and the breakdowns as charts. */
export function MonitoringCharts({ metrics, names, stale = false }: MonitoringChartsProps) {
  const { series, bucket, totals } = metrics;
  const per = bucket === '5m' ? '5 minutes' : bucket === '1d' ? 'day' : 'hour';
  const quiet = series.every(
    (point) => point.tasks.submitted + point.tasks.succeeded + point.tasks.failed + point.tasks.cancelled === 0,
  );
  const noSpend = series.every((point) => point.usage.calls === 0);
  const label = (point: MetricsBucketFigures) => bucketLabel(point.start, bucket);
  const title = (point: MetricsBucketFigures) => bucketTitle(point.start, bucket);
  const trips = Object.entries(totals.limitTrips)
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count);
  const members = (metrics.members ?? []).map((member) => ({
    key: member.agentId,
    name: names?.get(member.agentId) ?? member.agentId,
    utilisation: member.utilisation,
    tasks: member.tasks.succeeded + member.tasks.failed + member.tasks.cancelled,
  }));

  return (
    <div className={clsx('flex min-w-0 flex-col gap-6 transition-opacity', stale && 'opacity-60')} aria-busy={stale}>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-5">
        {kpisOf(totals, metrics.queue).map((kpi) => (
          <div key={kpi.label} className="min-w-0 rounded-xl bg-white px-4 py-3 shadow-xs ring-1 ring-slate-200">
            <dt className="truncate text-xs font-medium text-slate-500">{kpi.label}</dt>
            <dd className={clsx('mt-1 truncate text-lg font-semibold', kpi.alert ? 'text-red-600' : 'text-slate-900')}>
              {kpi.value}
            </dd>
            {kpi.detail && <dd className="truncate text-xs text-slate-500">{kpi.detail}</dd>}
          </div>
        ))}
      </dl>
      <div className="grid min-w-0 gap-6 lg:grid-cols-2">
        <ChartCard
          title={`Tasks per ${per}`}
          description="Tasks that ended in each bucket, by outcome."
          empty="No tasks in this range."
          data={{
            columns: ['Bucket', 'Submitted', 'Succeeded', 'Failed', 'Cancelled'],
            rows: quiet
              ? []
              : series.map((point) => ({
                  key: point.start,
                  cells: [
                    title(point),
                    formatNumber(point.tasks.submitted),
                    formatNumber(point.tasks.succeeded),
                    formatNumber(point.tasks.failed),
                    formatNumber(point.tasks.cancelled),
                  ],
                })),
          }}
        >
          <BarChart
            data={series}
            rowKey={pointKey}
            label={label}
            tooltipLabel={title}
            series={[
              { name: 'Succeeded', color: OUTCOME_COLORS.succeeded, value: (point) => point.tasks.succeeded },
              { name: 'Failed', color: OUTCOME_COLORS.failed, value: (point) => point.tasks.failed },
              { name: 'Cancelled', color: OUTCOME_COLORS.cancelled, value: (point) => point.tasks.cancelled },
            ]}
            formatTick={formatCompact}
            formatValue={(value) => `${formatNumber(value)} tasks`}
            axisWidth={40}
            legend
          />
        </ChartCard>
        <ChartCard
          title={`Cost per ${per}`}
          description="US dollars of the LLM calls in each bucket."
          empty="No spend in this range."
          data={{
            columns: ['Bucket', 'Cost', 'LLM calls'],
            rows: noSpend
              ? []
              : series.map((point) => ({
                  key: point.start,
                  cells: [title(point), formatCost(point.usage.costUsd), formatNumber(point.usage.calls)],
                })),
          }}
        >
          <BarChart
            data={series}
            rowKey={pointKey}
            label={label}
            tooltipLabel={title}
            series={[{ name: 'Cost', color: CHART_COLORS.cost, value: (point) => point.usage.costUsd }]}
            formatTick={formatCost}
            formatValue={formatCost}
            axisWidth={84}
          />
        </ChartCard>
        <ChartCard
          title={`Tokens per ${per}`}
          description="Input and output tokens of the LLM calls in each bucket."
          empty="No tokens in this range."
          data={{
            columns: ['Bucket', 'Input tokens', 'Output tokens'],
            rows: noSpend
              ? []
              : series.map((point) => ({
                  key: point.start,
                  cells: [title(point), formatNumber(point.usage.inputTokens), formatNumber(point.usage.outputTokens)],
                })),
          }}
        >
          <BarChart
            data={series}
            rowKey={pointKey}
            label={label}
            tooltipLabel={title}
            series={[
              { name: 'Input', color: CHART_COLORS.input, value: (point) => point.usage.inputTokens },
              { name: 'Output', color: CHART_COLORS.output, value: (point) => point.usage.outputTokens },
            ]}
            formatTick={formatCompact}
            formatValue={(value) => `${formatNumber(value)} tokens`}
            axisWidth={48}
            legend
          />
        </ChartCard>
        <ChartCard
          title="Routing decisions by strategy"
          description="Placements in the range, with the median decision time."
          empty="No placements in this range."
          data={{
            columns: ['Strategy', 'Decisions', 'Median decision'],
            rows: metrics.routing.map((row) => ({
              key: row.strategy,
              cells: [row.strategy, formatNumber(row.decisions), `${row.decisionMsP50.toFixed(2)} ms`],
            })),
          }}
        >
          <BarChart
            layout="bars"
            data={metrics.routing}
            rowKey={(row: RoutingMetrics) => row.strategy}
            label={(row) => truncate(row.strategy)}
            series={[{ name: 'Decisions', color: CHART_COLORS.cost, value: (row) => row.decisions }]}
            formatTick={formatCompact}
            formatValue={(value) => `${formatNumber(value)} decisions`}
            axisWidth={110}
            maxBarSize={22}
          />
        </ChartCard>
        <ChartCard
          title="Limit trips"
          description="Delegation limits hit in the range, by limit."
          empty="No limit tripped in this range."
          data={{
            columns: ['Limit', 'Trips'],
            rows: trips.map((row) => ({ key: row.code, cells: [row.code, formatNumber(row.count)] })),
          }}
        >
          <BarChart
            layout="bars"
            data={trips}
            rowKey={(row) => row.code}
            label={(row) => truncate(row.code)}
            series={[{ name: 'Trips', color: OUTCOME_COLORS.failed, value: (row) => row.count }]}
            formatTick={formatCompact}
            formatValue={(value) => `${formatNumber(value)} trips`}
            axisWidth={130}
            maxBarSize={22}
          />
        </ChartCard>
        {metrics.members && (
          <ChartCard
            title="Utilisation by member"
            description="Busy time ÷ the member's capacity over the range."
            empty="No members."
            data={{
              columns: ['Member', 'Utilisation', 'Tasks ended'],
              rows: members.map((row) => ({
                key: row.key,
                cells: [row.name, formatPercent(row.utilisation), formatNumber(row.tasks)],
              })),
            }}
          >
            <BarChart
              layout="bars"
              data={members}
              rowKey={(row) => row.key}
              label={(row) => truncate(row.name)}
              tooltipLabel={(row) => row.name}
              series={[{ name: 'Utilisation', color: CHART_COLORS.output, value: (row) => row.utilisation }]}
              formatTick={formatPercentTick}
              formatValue={formatPercentTick}
              axisWidth={130}
              maxBarSize={22}
            />
          </ChartCard>
        )}
      </div>
    </div>
  );
}
