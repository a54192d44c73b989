import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorState } from '../../../../components/ui/ErrorState';
import { Skeleton } from '../../../../components/ui/Skeleton';
import type { MetricsRange } from '../../metrics-api';
import { MetricsRangePicker } from './MetricsRangePicker';
import { MonitoringCharts, type MonitoringFigures } from './MonitoringCharts';

export interface MonitoringSectionProps {
  title: string;
  query: UseQueryResult<MonitoringFigures>;
  range: MetricsRange;
  onRangeChange: (range: MetricsRange) => void;
  names?: ReadonlyMap<string, string>;
}

/** The monitoring figures of a fleet or an agent under a range picker, with loading and error states. */
export function MonitoringSection({ title, query, range, onRangeChange, names }: MonitoringSectionProps) {
  return (
    <section aria-label={title} className="flex min-w-0 flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-base font-semibold text-slate-900">{title}</h2>
        <MetricsRangePicker value={range} onChange={onRangeChange} />
      </div>
      {query.data ? (
        <MonitoringCharts
          metrics={query.data}
          {...(names ? { names } : {})}
          stale={query.isPlaceholderData && query.isFetching}
        />
      ) : query.isError ? (
        <ErrorState
          error={query.error}
          title="Could not load the figures"
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
          className="rounded-xl bg-white ring-1 ring-slate-200"
        />
      ) : (
        <div role="status" aria-label="Loading figures">
          <Skeleton className="h-60 w-full" />
        </div>
      )}
    </section>
  );
}
