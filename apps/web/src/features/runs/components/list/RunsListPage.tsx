import type { RunStatus } from '@agent-fleet/contracts';
import { RUN_STATUSES } from '@agent-fleet/contracts/constants';
import { ListFilter, PlayCircle } from 'lucide-react';
import { Button } from '../../../../components/ui/Button';
import { EmptyState } from '../../../../components/ui/EmptyState';
import { ListErrorState } from '../../../../components/ui/ListErrorState';
import { ListPagination } from '../../../../components/ui/ListPagination';
import { PageHeader } from '../../../../components/ui/PageHeader';
import { Select } from '../../../../components/ui/Select';
import { TableSkeleton } from '../../../../components/ui/TableSkeleton';
import { pluralizeTotal } from '../../../../lib/format';
import { useRunListParams } from '../../hooks/useRunListParams';
import { usePipelineChoices, useRuns } from '../../queries';
import { RunPipelineButton } from '../dialog/RunPipelineButton';
import { RunTable } from './RunTable';

const SKELETON_COLUMNS = [14, 26, 8, 6, 12, 8, 8];

/**
 * Every run of the workspace, newest first, filtered by pipeline and status. While a listed run is
 * active the page polls (see useRuns): a table needs no event stream.
 */
export function RunsListPage() {
  const list = useRunListParams();
  const { params, setFilters } = list;
  const query = useRuns(params);
  const pipelines = usePipelineChoices(true);
  const page = query.data;
  const filtered = params.pipeline !== '' || params.status !== undefined;

  const renderBody = () => {
    if (query.isError) {
      return (
        <ListErrorState
          error={query.error}
          title="Could not load runs"
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
          onFirstPage={list.goToFirst}
        />
      );
    }
    if (!page) return <TableSkeleton label="Loading runs" columns={SKELETON_COLUMNS} />;
    if (page.items.length === 0) {
      if (filtered) {
        return (
          <EmptyState
            icon={<ListFilter />}
            title="No runs match these filters"
            action={<Button onClick={() => setFilters({ pipeline: '', status: undefined })}>Clear the filters</Button>}
          />
        );
      }
      if (list.hasPrevious) {
        return (
          <EmptyState title="This page is empty" action={<Button onClick={list.goToFirst}>Back to the first page</Button>} />
        );
      }
      return (
        <EmptyState
          icon={<PlayCircle />}
          title="No runs yet"
          description="A run executes one version of a pipeline with its inputs. Start one here or from a pipeline’s page."
          action={<RunPipelineButton />}
        />
      );
    }
    return (
      <>
        <RunTable runs={page.items} stale={query.isPlaceholderData} />
        <ListPagination list={list} limit={params.limit} page={page} />
      </>
    );
  };

  const pipelineNames = new Set((pipelines.data?.items ?? []).map((pipeline) => pipeline.name));
  if (params.pipeline) pipelineNames.add(params.pipeline);

  return (
    <>
      <title>Runs · Agent Fleet</title>
      <PageHeader
        title="Runs"
        description={page && !filtered ? `${pluralizeTotal(page, 'run')} in this workspace` : 'Pipeline runs, newest first.'}
        actions={<RunPipelineButton />}
      />
      <div className="min-w-0 overflow-hidden rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
        <div className="flex flex-wrap gap-3 border-b border-slate-100 px-5 py-3">
          <label className="flex min-w-0 items-center gap-2 text-sm text-slate-600">
            Pipeline
            <Select
              className="max-w-64 min-w-0"
              value={params.pipeline}
              onChange={(event) => setFilters({ pipeline: event.target.value })}
            >
              <option value="">All pipelines</option>
              {[...pipelineNames].sort().map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </Select>
          </label>
          <label className="flex items-center gap-2 text-sm text-slate-600">
            Status
            <Select
              value={params.status ?? ''}
              onChange={(event) => setFilters({ status: (event.target.value || undefined) as RunStatus | undefined })}
            >
              <option value="">Any status</option>
              {RUN_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {status}
                </option>
              ))}
            </Select>
          </label>
        </div>
        {renderBody()}
      </div>
    </>
  );
}
