import type { UsageTotals } from '@agent-fleet/contracts';
import { clsx } from 'clsx';
import { formatNumber } from '../../../lib/format';
import { formatCost } from '../format-cost';

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

interface Kpi {
  label: string;
  value: string;
  detail?: string | undefined;
  /** Draws attention, e.g. to a non-zero error count. */
  alert?: boolean;
}

function kpisOf(totals: UsageTotals): Kpi[] {
  const errorShare = totals.calls === 0 ? 0 : totals.errors / totals.calls;
  return [
    { label: 'Total cost', value: formatCost(totals.costUsd), detail: 'US dollars' },
    { label: 'Calls', value: formatNumber(totals.calls) },
    {
      label: 'Errors',
      value: formatNumber(totals.errors),
      detail: `${percent.format(errorShare)} of calls`,
      alert: totals.errors > 0,
    },
    { label: 'Input tokens', value: formatNumber(totals.inputTokens) },
    { label: 'Output tokens', value: formatNumber(totals.outputTokens) },
    {
      label: 'Cached input tokens',
      value: formatNumber(totals.cachedInputTokens),
      detail: totals.cacheWriteTokens > 0 ? `${formatNumber(totals.cacheWriteTokens)} written to cache` : undefined,
    },
    { label: 'Reasoning tokens', value: formatNumber(totals.reasoningTokens) },
  ];
}

/** The range's totals, from the summary the server computed rather than summed up here. */
export function UsageKpis({ totals, stale = false }: { totals: UsageTotals; stale?: boolean }) {
  return (
    <dl
      aria-label="Totals"
      aria-busy={stale || undefined}
      className={clsx('grid grid-cols-2 gap-3 transition-opacity sm:grid-cols-4 xl:grid-cols-7', stale && 'opacity-60')}
    >
      {kpisOf(totals).map((kpi) => (
        <div key={kpi.label} className="min-w-0 rounded-xl bg-white px-4 py-3.5 shadow-xs ring-1 ring-slate-200">
          <dt className="truncate text-xs font-medium text-slate-500">{kpi.label}</dt>
          <dd
            className={clsx('mt-1 text-lg font-semibold break-all tabular-nums', kpi.alert ? 'text-red-600' : 'text-slate-900')}
          >
            {kpi.value}
          </dd>
          {kpi.detail && <dd className="mt-0.5 truncate text-xs text-slate-500">{kpi.detail}</dd>}
        </div>
      ))}
    </dl>
  );
}
