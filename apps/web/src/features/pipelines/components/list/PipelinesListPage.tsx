import type { Pipeline } from '@agent-fleet/contracts';
import { Plus, SearchX, Workflow } from 'lucide-react';
import { useCallback, useState } from 'react';
import { Button } from '../../../../components/ui/Button';
import { ConfirmDialog } from '../../../../components/ui/ConfirmDialog';
import { EmptyState } from '../../../../components/ui/EmptyState';
import { ListErrorState } from '../../../../components/ui/ListErrorState';
import { ListPagination } from '../../../../components/ui/ListPagination';
import { PageHeader } from '../../../../components/ui/PageHeader';
import { SearchBox } from '../../../../components/ui/SearchBox';
import { TableSkeleton } from '../../../../components/ui/TableSkeleton';
import { useToast } from '../../../../components/ui/useToast';
import { pluralizeTotal } from '../../../../lib/format';
import { usePipelineListParams } from '../../hooks/usePipelineListParams';
import { usePipelinePermissions } from '../../hooks/usePipelinePermissions';
import { useDeletePipeline } from '../../mutations';
import { usePipelines } from '../../queries';
import { NewPipelineDialog } from './NewPipelineDialog';
import { PipelineTable } from './PipelineTable';

const SKELETON_COLUMNS = [26, 8, 18, 8, 10];

/** Every pipeline of the workspace: search, pages, and the way to a new one. */
export function PipelinesListPage() {
  const list = usePipelineListParams();
  const { params, setFilters } = list;
  const query = usePipelines(params);
  const { canCreate, canDelete } = usePipelinePermissions();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Pipeline | null>(null);
  const remove = useDeletePipeline();
  const toast = useToast();
  const page = query.data;
  // Stable while the URL is, so the search box's debounce timer is not restarted by unrelated renders.
  const search = useCallback((q: string) => setFilters({ q }, { replace: true }), [setFilters]);
  const newButton = (text: string) => (
    <Button variant="primary" onClick={() => setCreating(true)} icon={<Plus className="size-4" aria-hidden="true" />}>
      {text}
    </Button>
  );

  const confirmDelete = () => {
    if (!deleting) return;
    remove.mutate(deleting.name, {
      onSuccess: () => {
        toast.success('Pipeline deleted', `${deleting.name} and its versions are gone.`);
        setDeleting(null);
      },
    });
  };

  const renderBody = () => {
    if (query.isError) {
      return (
        <ListErrorState
          error={query.error}
          title="Could not load pipelines"
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
          onFirstPage={list.goToFirst}
        />
      );
    }
    if (!page) return <TableSkeleton label="Loading pipelines" columns={SKELETON_COLUMNS} />;
    if (page.items.length === 0) {
      if (params.q !== '') {
        return (
          <EmptyState
            icon={<SearchX />}
            title="No pipelines match your search"
            description={`Nothing is named or described like “${params.q}”.`}
            action={<Button onClick={() => setFilters({ q: '' })}>Clear the search</Button>}
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
          icon={<Workflow />}
          title="No pipelines yet"
          description={
            canCreate
              ? 'A pipeline chains prompts, agents, HTTP calls and approvals into steps that run in order or in parallel. Start from a small example.'
              : 'Pipelines this workspace defines will show up here. Your role can view them; ask an editor to create one.'
          }
          action={canCreate && newButton('Create your first pipeline')}
        />
      );
    }
    return (
      <>
        <PipelineTable
          pipelines={page.items}
          stale={query.isPlaceholderData}
          {...(canDelete ? { onDelete: (pipeline: Pipeline) => setDeleting(pipeline) } : {})}
        />
        <ListPagination list={list} limit={params.limit} page={page} />
      </>
    );
  };

  return (
    <>
      <title>Pipelines · Agent Fleet</title>
      <PageHeader
        title="Pipelines"
        description={
          page && params.q === ''
            ? `${pluralizeTotal(page, 'pipeline')} in this workspace`
            : 'Multi-step work as a graph of steps, versioned like prompts.'
        }
        actions={canCreate && newButton('New pipeline')}
      />
      <div className="min-w-0 overflow-hidden rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
        <div className="border-b border-slate-100 px-5 py-3">
          <SearchBox value={params.q} onSearch={search} label="Search pipelines" placeholder="Search name or description…" />
        </div>
        {renderBody()}
      </div>
      <NewPipelineDialog open={creating} onClose={() => setCreating(false)} />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.name ?? 'pipeline'}?`}
        description="Its versions and labels are deleted too. Runs that already started keep the version they pinned."
        confirmLabel="Delete pipeline"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={confirmDelete}
        onCancel={() => {
          remove.reset();
          setDeleting(null);
        }}
      />
    </>
  );
}
