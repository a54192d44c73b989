import type { DashboardFigures } from '@agent-fleet/contracts';
import { clsx } from 'clsx';
import { ArrowDownRight, ArrowUpRight, Minus } from 'lucide-react';
import { formatNumber, pluralize } from '../../../lib/format';
import { formatCost } from '../../usage/format-cost';
import { changeOf } from '../dashboard-params';

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const signedPercent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'always' });

/** Milliseconds as people read them: "850 ms", "2.4 s". */
export function formatMs(ms: number): string {
  if (ms < 1_000) return `${formatNumber(Math.round(ms))} ms`;
  return `${(ms / 1_000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

interface Metric {
  label: string;
  value: string;
  detail: string;
  current: number;
  previous: number;
  /** Whether a rise is good news (success rate), bad news (latency, failures) or neither (spend, volume). */
  rise: 'good' | 'bad' | 'neutral';
}

function metricsOf(current: DashboardFigures, previous: DashboardFigures): Metric[] {
  const tokens = (figures: DashboardFigures) => figures.usage.inputTokens + figures.usage.outputTokens;
  const ended = (figures: DashboardFigures) =>
    figures.tasks.succeeded +
    figures.tasks.failed +
    figures.tasks.cancelled +
    figures.runs.succeeded +
    figures.runs.failed +
    figures.runs.cancelled;
  return [
    {
      label: 'Tasks',
      value: formatNumber(current.tasks.started),
      detail: `${formatNumber(current.tasks.succeeded)} succeeded · ${formatNumber(current.tasks.failed)} failed`,
      current: current.tasks.started,
      previous: previous.tasks.started,
      rise: 'neutral',
    },
    {
      label: 'Pipeline runs',
      value: formatNumber(current.runs.started),
      detail: `${formatNumber(current.runs.succeeded)} succeeded · ${formatNumber(current.runs.failed)} failed`,
      current: current.runs.started,
      previous: previous.runs.started,
      rise: 'neutral',
    },
    {
      label: 'Success rate',
      value: ended(current) ? percent.format(current.successRate) : '—',
      detail: `of ${formatNumber(ended(current))} ended tasks and runs`,
      current: current.successRate,
      previous: previous.successRate,
      rise: 'good',
    },
    {
      label: 'Task latency p50',
      value: formatMs(current.latencyMs.p50),
      detail: `p95 ${formatMs(current.latencyMs.p95)}`,
      current: current.latencyMs.p50,
      previous: previous.latencyMs.p50,
      rise: 'bad',
    },
    {
      label: 'Time to first token',
      value: formatMs(current.timeToFirstTokenMs.p50),
      detail: `p95 ${formatMs(current.timeToFirstTokenMs.p95)}`,
      current: current.timeToFirstTokenMs.p50,
      previous: previous.timeToFirstTokenMs.p50,
      rise: 'bad',
    },
    {
      label: 'Tokens',
      value: formatNumber(tokens(current)),
      detail: `${pluralize(current.usage.calls, 'call')} · ${formatNumber(current.failedCalls)} failed`,
      current: tokens(current),
      previous: tokens(previous),
      rise: 'neutral',
    },
    {
      label: 'Cost',
      value: formatCost(current.usage.costUsd),
      detail: 'US dollars',
      current: current.usage.costUsd,
      previous: previous.usage.costUsd,
      rise: 'neutral',
    },
  ];
}

function Change({ metric, previousLabel }: { metric: Metric; previousLabel: string }) {
  const change = changeOf(metric.current, metric.previous);
  if (change === null) return <span className="text-slate-500">new vs {previousLabel}</span>;
  if (Math.abs(change) < 0.005) {
    return (
      <span className="inline-flex items-center gap-1 text-slate-500">
        <Minus className="size-3.5" aria-hidden="true" />
        no change vs {previousLabel}
      </span>
    );
  }
  const up = change > 0;
  const tone =
    metric.rise === 'neutral' ? 'text-slate-600' : (metric.rise === 'good') === up ? 'text-emerald-700' : 'text-red-600';
  const Arrow = up ? ArrowUpRight : ArrowDownRight;
  return (
    <span className={clsx('inline-flex items-center gap-1', tone)}>
      <Arrow className="size-3.5" aria-hidden="true" />
      {signedPercent.format(change)} vs {previousLabel}
    </span>
  );
}

/** The key figures of the range, each with its change against the period before it. */
export function MetricCards({
  current,
  previous,
  previousLabel,
  stale = false,
}: {
  current: DashboardFigures;
  previous: DashboardFigures;
  previousLabel: string;
  stale?: boolean;
}) {
  return (
    <dl
      aria-label="Key figures"
      aria-busy={stale || undefined}
      className={clsx(
        'grid grid-cols-1 gap-3 transition-opacity min-[420px]:grid-cols-2 md:grid-cols-4 2xl:grid-cols-7',
        stale && 'opacity-60',
      )}
    >
      {metricsOf(current, previous).map((metric) => (
        <div key={metric.label} className="min-w-0 rounded-xl bg-white px-4 py-3.5 shadow-xs ring-1 ring-slate-200">
          <dt className="truncate text-xs font-medium text-slate-500">{metric.label}</dt>
          <dd className="mt-1 text-lg font-semibold break-all text-slate-900 tabular-nums">{metric.value}</dd>
          <dd className="mt-0.5 truncate text-xs text-slate-500">{metric.detail}</dd>
          <dd className="mt-1.5 text-xs font-medium">
            <Change metric={metric} previousLabel={previousLabel} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
