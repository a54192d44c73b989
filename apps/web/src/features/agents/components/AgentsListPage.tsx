import { ListPagination } from '../../../components/ui/ListPagination';
import { ListErrorState } from '../../../components/ui/ListErrorState';
import { SearchBox } from '../../../components/ui/SearchBox';
import type { Agent } from '@agent-fleet/contracts';
import { Bot, Plus, SearchX } from 'lucide-react';
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../../components/ui/Button';
import { EmptyState } from '../../../components/ui/EmptyState';
import { PageHeader } from '../../../components/ui/PageHeader';
import { pluralize } from '../../../lib/format';
import { usePermission } from '../../auth/usePermission';
import { useAgents } from '../api';
import { useAgentListParams } from '../hooks/useAgentListParams';
import { hasActiveFilters } from '../list-params';
import { AgentsTable } from './AgentsTable';
import { AgentsTableSkeleton } from './AgentsTableSkeleton';
import { AgentsToolbar } from './AgentsToolbar';
import { DeleteAgentDialog } from './DeleteAgentDialog';

export function AgentsListPage() {
  const navigate = useNavigate();
  const list = useAgentListParams();
  const { params } = list;
  const query = useAgents(params);
  const [deleting, setDeleting] = useState<Agent | null>(null);
  const canCreate = usePermission('agents:create');
  const canEdit = usePermission('agents:update');
  const canDelete = usePermission('agents:delete');
  const filtered = hasActiveFilters(params);
  const page = query.data;
  const newAgent = () => void navigate('/agents/new');
  const { setFilters } = list;
  // Stable while the URL is, so the search box's debounce timer is not restarted by unrelated renders.
  const search = useCallback((q: string) => setFilters({ q }, { replace: true }), [setFilters]);

  const afterDelete = () => {
    // Deleting the only row of a later page would leave an empty page: step back instead.
    if (page?.items.length === 1 && list.hasPrevious) list.goToPrevious();
  };

  const renderBody = () => {
    if (query.isError) {
      return (
        <ListErrorState
          error={query.error}
          title="Could not load agents"
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
          onFirstPage={list.goToFirst}
        />
      );
    }
    if (!page) return <AgentsTableSkeleton />;
    if (page.items.length === 0) {
      if (filtered) {
        return (
          <EmptyState
            icon={<SearchX />}
            title="No agents match your filters"
            description="Try a different search or state, or clear the filters to see every agent."
            action={
              <Button onClick={() => list.setFilters({ q: '', observedState: [], adminState: [], skill: '' })}>
                Clear filters
              </Button>
            }
          />
        );
      }
      if (list.hasPrevious) {
        return (
          <EmptyState title="This page is empty" action={<Button onClick={list.goToFirst}>Back to the first page</Button>} />
        );
      }
      return canCreate ? (
        <EmptyState
          icon={<Bot />}
          title="No agents yet"
          description="Agents pair a model with instructions, skills and limits. Create one to start running tasks — the built-in mock model works offline."
          action={
            <Button variant="primary" onClick={newAgent} icon={<Plus className="size-4" aria-hidden="true" />}>
              Create your first agent
            </Button>
          }
        />
      ) : (
        <EmptyState
          icon={<Bot />}
          title="No agents yet"
          description="Agents this workspace defines will show up here. Your role can view agents; ask an editor to create one."
        />
      );
    }
    return (
      <>
        <AgentsTable
          agents={page.items}
          stale={query.isPlaceholderData}
          canEdit={canEdit}
          onDelete={canDelete ? setDeleting : undefined}
          onSkillSelect={(skill) => list.setFilters({ skill })}
        />
        <ListPagination list={list} limit={params.limit} page={page} />
      </>
    );
  };

  return (
    <>
      <title>Agents · Agent Fleet</title>
      <PageHeader
        title="Agents"
        description={
          page && !filtered
            ? `${pluralize(page.total, 'agent')} in this workspace`
            : 'Define the LLM agents your fleets and pipelines run.'
        }
        actions={
          canCreate && (
            <Button variant="primary" onClick={newAgent} icon={<Plus className="size-4" aria-hidden="true" />}>
              New agent
            </Button>
          )
        }
      />

      <div className="overflow-hidden rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
        <AgentsToolbar
          params={params}
          onChange={list.setFilters}
          showClear={page === undefined || page.items.length > 0}
          search={<SearchBox value={params.q} onSearch={search} label="Search agents" placeholder="Search by name…" />}
        />
        {renderBody()}
      </div>

      <DeleteAgentDialog agent={deleting} onClose={() => setDeleting(null)} onDeleted={afterDelete} />
    </>
  );
}
