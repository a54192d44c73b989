import { Button } from '../../../components/ui/Button';
import { Card } from '../../../components/ui/Card';
import { ListPagination } from '../../../components/ui/ListPagination';
import { ListErrorState } from '../../../components/ui/ListErrorState';
import { EmptyState } from '../../../components/ui/EmptyState';
import { TableSkeleton } from '../../../components/ui/TableSkeleton';
import type { CursorListNavigation } from '../../../lib/useCursorListParams';
import { useUsageCalls } from '../api';
import { usageFilterQuery, type UsageFilterPatch, type UsageParams } from '../usage-params';
import { CallsTable } from './CallsTable';

export interface RecentCallsCardProps {
  list: CursorListNavigation<UsageParams, UsageFilterPatch>;
  /** Start of the range, fixed by the page so paging does not shift the window. */
  from: string;
  agentNames: ReadonlyMap<string, string>;
}

/** The calls of the range and filters, a page at a time. */
export function RecentCallsCard({ list, from, agentNames }: RecentCallsCardProps) {
  const { params } = list;
  const query = useUsageCalls({ ...usageFilterQuery(params, from), limit: params.limit, cursor: params.cursor });
  const page = query.data;

  const body = () => {
    if (query.isError) {
      return (
        <ListErrorState
          error={query.error}
          title="Could not load the calls"
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
          onFirstPage={list.goToFirst}
        />
      );
    }
    if (!page) return <TableSkeleton label="Loading calls" columns={[10, 14, 18, 14, 8, 8, 8, 10]} rows={5} />;
    if (page.items.length === 0) {
      return (
        <EmptyState
          title="No calls on this page"
          action={list.hasPrevious && <Button onClick={list.goToFirst}>Back to the first page</Button>}
        />
      );
    }
    return (
      <>
        <CallsTable calls={page.items} agentNames={agentNames} stale={query.isPlaceholderData} />
        <ListPagination list={list} limit={params.limit} page={page} />
      </>
    );
  };

  return (
    <Card title="Recent calls" description="Every provider call, newest first: retries and fallbacks included." flush>
      {body()}
    </Card>
  );
}
