import type { UsageRow } from '@agent-fleet/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { MessageSquareText, RefreshCw, SearchX } from 'lucide-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../../components/ui/Button';
import { Card } from '../../../components/ui/Card';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorState } from '../../../components/ui/ErrorState';
import { PageHeader } from '../../../components/ui/PageHeader';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useCursorListParams } from '../../../lib/useCursorListParams';
import { usePermission } from '../../auth/usePermission';
import { useModels, useProviders } from '../../providers/api';
import { useAgentNames, usageKeys, useUsageSummary } from '../api';
import { fillSeries } from '../usage-series';
import { agentNamesOf, agentOptions, modelOptions, providerOptions } from '../usage-options';
import {
  hasUsageFilters,
  parseUsageParams,
  RANGE_LABELS,
  rangeStart,
  toUsageSearchParams,
  usageFilterQuery,
  type UsageFilterPatch,
  type UsageParams,
} from '../usage-params';
import { CostBarChart } from './CostBarChart';
import { UsageSeriesCharts } from './UsageSeriesCharts';
import { RecentCallsCard } from './RecentCallsCard';
import { TopSpendersTable } from './TopSpendersTable';
import { UsageKpis } from './UsageKpis';
import { UsageToolbar } from './UsageToolbar';

/** What the workspace's LLM calls cost and consumed: totals, charts, top spenders and the calls themselves. */
export function UsagePage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const list = useCursorListParams<UsageParams, UsageFilterPatch>(parseUsageParams, toUsageSearchParams);
  const { params } = list;
  // The range is anchored when the page opens (and on Refresh), so query keys stay put while it is open.
  const [now, setNow] = useState(() => Date.now());
  const from = rangeStart(params.range, now);
  const filters = usageFilterQuery(params, from);
  // 24 hours chart by the hour; longer ranges by the day.
  const bucket = params.range === '24h' ? 'hour' : 'day';
  const series = useUsageSummary(bucket, filters);
  const byAgent = useUsageSummary('agent', filters);
  const byModel = useUsageSummary('model', filters);

  const canReadAgents = usePermission('agents:read');
  const agents = useAgentNames(canReadAgents);
  const providers = useProviders();
  const models = useModels(params.provider, { enabled: canReadAgents });
  const agentNames = agentNamesOf(agents.data ?? [], byAgent.data?.rows ?? []);

  const change = (patch: UsageFilterPatch) => {
    if (patch.range) setNow(Date.now());
    list.setFilters(patch);
  };

  const refresh = () => {
    setNow(Date.now());
    void queryClient.invalidateQueries({ queryKey: usageKeys.all });
  };

  const body = () => {
    if (series.isError) {
      return (
        <Card>
          <ErrorState
            error={series.error}
            title="Could not load usage"
            onRetry={() => void series.refetch()}
            retrying={series.isFetching}
          />
        </Card>
      );
    }
    if (!series.data) return <UsageSkeleton />;
    if (series.data.totals.calls === 0) {
      return (
        <Card>
          {hasUsageFilters(params) ? (
            <EmptyState
              icon={<SearchX />}
              title="No calls match these filters"
              description={`Nothing in ${RANGE_LABELS[params.range].long} for this agent, provider or model.`}
              action={<Button onClick={() => change({ agentId: '', provider: '', model: '' })}>Clear filters</Button>}
            />
          ) : (
            <EmptyState
              icon={<MessageSquareText />}
              title={`No LLM calls in ${RANGE_LABELS[params.range].long}`}
              description="Chat with an agent to see usage here. Calls to the offline mock provider are counted too, at no cost."
              action={canReadAgents && <Button onClick={() => void navigate('/agents')}>Go to agents</Button>}
            />
          )}
        </Card>
      );
    }
    return (
      <>
        <UsageKpis totals={series.data.totals} stale={series.isPlaceholderData} />
        <UsageSeriesCharts series={fillSeries(series.data.rows, from, now, bucket)} bucket={bucket} />
        <div className="grid gap-6 lg:grid-cols-2">
          <GroupedCost title="Cost by agent" rowLabel="Agent" query={byAgent} />
          <GroupedCost title="Cost by model" rowLabel="Model" query={byModel} />
        </div>
        {byAgent.data && <TopSpendersTable rows={byAgent.data.rows} totalCostUsd={byAgent.data.totals.costUsd} />}
        <RecentCallsCard list={list} from={from} agentNames={agentNames} />
      </>
    );
  };

  return (
    <>
      <title>Usage · Agent Fleet</title>
      <PageHeader
        title="Usage"
        description="What your agents’ LLM calls cost and consumed, from the usage ledger."
        actions={
          <Button
            onClick={refresh}
            loading={series.isFetching && !series.isPending}
            icon={<RefreshCw className="size-4" aria-hidden="true" />}
          >
            Refresh
          </Button>
        }
      />
      <div className="flex flex-col gap-6">
        <UsageToolbar
          params={params}
          agents={agentOptions(agentNames)}
          providers={providerOptions(providers.data?.items ?? [])}
          models={modelOptions(models.data?.items ?? [], params.provider)}
          onChange={change}
        />
        {body()}
      </div>
    </>
  );
}

interface SummaryQuery {
  data: { rows: UsageRow[] } | undefined;
  error: unknown;
  isError: boolean;
  isFetching: boolean;
  refetch: () => unknown;
}

function GroupedCost({ title, rowLabel, query }: { title: string; rowLabel: string; query: SummaryQuery }) {
  if (query.isError) {
    return (
      <Card title={title}>
        <ErrorState
          error={query.error}
          title={`Could not load the ${title.toLowerCase()}`}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      </Card>
    );
  }
  if (!query.data) {
    return (
      <Card title={title}>
        <Skeleton className="h-60" />
      </Card>
    );
  }
  return <CostBarChart title={title} rowLabel={rowLabel} rows={query.data.rows} />;
}

function UsageSkeleton() {
  return (
    <div role="status" aria-label="Loading usage" className="flex flex-col gap-6">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4 xl:grid-cols-7">
        {Array.from({ length: 7 }, (_, index) => (
          <Skeleton key={index} className="h-20 rounded-xl" />
        ))}
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Skeleton className="h-80 rounded-xl" />
        <Skeleton className="h-80 rounded-xl" />
      </div>
    </div>
  );
}
