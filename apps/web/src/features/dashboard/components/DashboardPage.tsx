import type { Dashboard, DashboardRange } from '@agent-fleet/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { clsx } from 'clsx';
import { Bot, RefreshCw } from 'lucide-react';
import { useNavigate, useSearchParams } from 'react-router';
import { Button } from '../../../components/ui/Button';
import { Card } from '../../../components/ui/Card';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorState } from '../../../components/ui/ErrorState';
import { PageHeader } from '../../../components/ui/PageHeader';
import { Skeleton } from '../../../components/ui/Skeleton';
import { usePermission } from '../../auth/usePermission';
import { CostBarChart } from '../../usage/components/CostBarChart';
import { TopSpendersTable } from '../../usage/components/TopSpendersTable';
import { dashboardKeys, useDashboard, useLiveDashboard } from '../api';
import {
  DASHBOARD_RANGE_LABELS,
  DASHBOARD_RANGE_OPTIONS,
  DEFAULT_DASHBOARD_RANGE,
  parseDashboardRange,
} from '../dashboard-params';
import { ActivityFeed } from './ActivityFeed';
import { DashboardSeriesCharts } from './DashboardSeriesCharts';
import { FailuresCard } from './FailuresCard';
import { MetricCards } from './MetricCards';
import { StateTiles } from './StateTiles';

/** Nothing has happened here yet: no agent, no call, no activity in the range. */
const isNewWorkspace = (data: Dashboard) =>
  data.state.agents.total === 0 && data.current.usage.calls === 0 && data.activity.length === 0 && data.state.fleets.length === 0;

function RangeSelector({ range, onChange }: { range: DashboardRange; onChange: (range: DashboardRange) => void }) {
  return (
    <div role="group" aria-label="Time range" className="inline-flex rounded-lg bg-slate-100 p-0.5">
      {DASHBOARD_RANGE_OPTIONS.map((option) => (
        <button
          key={option}
          type="button"
          aria-pressed={range === option}
          title={`Figures of ${DASHBOARD_RANGE_LABELS[option].long}`}
          onClick={() => onChange(option)}
          className={clsx(
            'h-8 rounded-md px-3 text-sm font-medium whitespace-nowrap transition-colors focus-visible:outline-2 focus-visible:outline-indigo-600',
            range === option ? 'bg-white text-slate-900 shadow-xs' : 'text-slate-600 hover:text-slate-900',
          )}
        >
          {DASHBOARD_RANGE_LABELS[option].short}
        </button>
      ))}
    </div>
  );
}

/** The workspace at a glance: state now, key figures against the previous period, spend, failures and activity. */
export function DashboardPage() {
  const [search, setSearch] = useSearchParams();
  const range = parseDashboardRange(search);
  const query = useDashboard(range);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const canCreateAgents = usePermission('agents:create');
  useLiveDashboard();

  const changeRange = (next: DashboardRange) => {
    const params = new URLSearchParams(search);
    if (next === DEFAULT_DASHBOARD_RANGE) params.delete('range');
    else params.set('range', next);
    setSearch(params, { replace: true });
  };

  const body = () => {
    if (query.isError && !query.data) {
      return (
        <Card>
          <ErrorState
            error={query.error}
            title="Could not load the overview"
            onRetry={() => void query.refetch()}
            retrying={query.isFetching}
          />
        </Card>
      );
    }
    const { data } = query;
    if (!data) return <DashboardSkeleton />;
    const labels = DASHBOARD_RANGE_LABELS[data.range];
    if (isNewWorkspace(data)) {
      return (
        <>
          <StateTiles state={data.state} />
          <Card>
            <EmptyState
              icon={<Bot />}
              title="Nothing to show yet"
              description="Create an agent and chat with it, or start a pipeline run: its tasks, calls, cost and activity appear here as they happen."
              action={
                canCreateAgents && (
                  <Button variant="primary" onClick={() => void navigate('/agents/new')}>
                    Create an agent
                  </Button>
                )
              }
            />
          </Card>
        </>
      );
    }
    return (
      <>
        <StateTiles state={data.state} />
        <MetricCards
          current={data.current}
          previous={data.previous}
          previousLabel={labels.previous}
          stale={query.isPlaceholderData}
        />
        <DashboardSeriesCharts series={data.series} bucket={data.bucket} />
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <CostBarChart title="Cost by agent" rowLabel="Agent" rows={data.byAgent} />
          <CostBarChart title="Cost by model" rowLabel="Model" rows={data.byModel} />
        </div>
        <TopSpendersTable rows={data.byAgent} totalCostUsd={data.current.usage.costUsd} />
        <div className="grid min-w-0 grid-cols-1 gap-6 xl:grid-cols-2">
          <FailuresCard failures={data.failures} />
          <ActivityFeed activity={data.activity} />
        </div>
      </>
    );
  };

  return (
    <>
      <title>Overview · Agent Fleet</title>
      <PageHeader
        title="Overview"
        description={`Your workspace now, and ${DASHBOARD_RANGE_LABELS[range].long} against ${DASHBOARD_RANGE_LABELS[range].previous}.`}
        actions={
          <>
            <RangeSelector range={range} onChange={changeRange} />
            <Button
              onClick={() => void queryClient.invalidateQueries({ queryKey: dashboardKeys.all })}
              loading={query.isFetching && !query.isPending}
              icon={<RefreshCw className="size-4" aria-hidden="true" />}
            >
              Refresh
            </Button>
          </>
        }
      />
      <div className="flex min-w-0 flex-col gap-6">{body()}</div>
    </>
  );
}

function DashboardSkeleton() {
  return (
    <div role="status" aria-label="Loading the overview" className="flex flex-col gap-6">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-5">
        {Array.from({ length: 5 }, (_, index) => (
          <Skeleton key={index} className="h-28 rounded-xl" />
        ))}
      </div>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {Array.from({ length: 4 }, (_, index) => (
          <Skeleton key={index} className="h-24 rounded-xl" />
        ))}
      </div>
      <Skeleton className="h-80 rounded-xl" />
    </div>
  );
}
