import { ListPagination } from '../../../../components/ui/ListPagination';
import { ListErrorState } from '../../../../components/ui/ListErrorState';
import { SearchBox } from '../../../../components/ui/SearchBox';
import { FileText, Plus, SearchX } from 'lucide-react';
import { useCallback, useMemo } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../../../components/ui/Button';
import { EmptyState } from '../../../../components/ui/EmptyState';
import { PageHeader } from '../../../../components/ui/PageHeader';
import { TableSkeleton } from '../../../../components/ui/TableSkeleton';
import { pluralize } from '../../../../lib/format';
import { buildCategoryTree } from '../../category-tree';
import { usePromptListParams } from '../../hooks/usePromptListParams';
import { usePromptPermissions } from '../../hooks/usePromptPermissions';
import { EMPTY_FILTERS, hasPromptFilters } from '../../list-params';
import { usePromptFacets, usePrompts } from '../../queries';
import { PromptCategoryTree } from './PromptCategoryTree';
import { PromptFolderCrumbs } from './PromptFolderCrumbs';
import { PromptLibraryToolbar } from './PromptLibraryToolbar';
import { PromptTable } from './PromptTable';

const SKELETON_COLUMNS = [22, 14, 14, 18, 6, 10];

export function PromptLibraryPage() {
  const navigate = useNavigate();
  const list = usePromptListParams();
  const { params, setFilters } = list;
  const query = usePrompts(params);
  const facets = usePromptFacets();
  const { canCreate } = usePromptPermissions();
  const filtered = hasPromptFilters(params);
  const page = query.data;
  const newPrompt = () => void navigate('/prompts/new');
  // Stable while the URL is, so the search box's debounce timer is not restarted by unrelated renders.
  const search = useCallback((q: string) => setFilters({ q }, { replace: true }), [setFilters]);

  const { tree, tags, labels } = useMemo(() => {
    const items = facets.data?.items ?? [];
    return {
      tree: buildCategoryTree(items.map((item) => item.category)),
      tags: [...new Set(items.flatMap((item) => item.tags))].sort(),
      labels: [...new Set(items.flatMap((item) => Object.keys(item.labels)))],
    };
  }, [facets.data]);

  const renderBody = () => {
    if (query.isError) {
      return (
        <ListErrorState
          error={query.error}
          title="Could not load prompts"
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
          onFirstPage={list.goToFirst}
        />
      );
    }
    if (!page) return <TableSkeleton label="Loading prompts" columns={SKELETON_COLUMNS} />;
    if (page.items.length === 0) {
      if (filtered) {
        return (
          <EmptyState
            icon={<SearchX />}
            title="No prompts match your filters"
            description="Try another folder, tag, label or search, or clear the filters to see every prompt."
            action={<Button onClick={() => setFilters(EMPTY_FILTERS)}>Clear filters</Button>}
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
          icon={<FileText />}
          title="No prompts yet"
          description={
            canCreate
              ? 'Prompt templates are versioned Liquid templates your agents reference by name and label, e.g. support-reply@production.'
              : 'Prompt templates this workspace defines will show up here. Your role can view prompts; ask an editor to create one.'
          }
          action={
            canCreate && (
              <Button variant="primary" onClick={newPrompt} icon={<Plus className="size-4" aria-hidden="true" />}>
                Create your first prompt
              </Button>
            )
          }
        />
      );
    }
    return (
      <>
        <PromptTable
          prompts={page.items}
          stale={query.isPlaceholderData}
          onCategorySelect={(category) => setFilters({ category })}
          onTagSelect={(tag) => setFilters({ tag })}
        />
        <ListPagination list={list} limit={params.limit} page={page} />
      </>
    );
  };

  return (
    <>
      <title>Prompts · Agent Fleet</title>
      <PageHeader
        title="Prompts"
        description={
          page && !filtered
            ? `${pluralize(page.total, 'prompt template')} in this workspace`
            : 'Versioned prompt templates with labels, a playground and history.'
        }
        actions={
          canCreate && (
            <Button variant="primary" onClick={newPrompt} icon={<Plus className="size-4" aria-hidden="true" />}>
              New prompt
            </Button>
          )
        }
      />

      <div className="grid gap-6 lg:grid-cols-[14rem_minmax(0,1fr)]">
        <aside className="rounded-xl bg-white p-3 shadow-xs ring-1 ring-slate-200 lg:self-start">
          <PromptCategoryTree
            nodes={tree}
            selected={params.category}
            total={facets.data?.items.length}
            onSelect={(category) => setFilters({ category })}
          />
        </aside>

        <div className="min-w-0 overflow-hidden rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
          <PromptLibraryToolbar
            params={params}
            tags={tags}
            labels={labels}
            onChange={setFilters}
            showClear={page === undefined || page.items.length > 0}
            search={
              <SearchBox value={params.q} onSearch={search} label="Search prompts" placeholder="Search name or description…" />
            }
          />
          {params.category !== '' && (
            <div className="border-b border-slate-100 px-5 py-2.5">
              <PromptFolderCrumbs category={params.category} onSelect={(category) => setFilters({ category })} />
            </div>
          )}
          {renderBody()}
        </div>
      </div>
    </>
  );
}
