import { FLEET_ADMIN_STATES, type FleetAdminState } from '@agent-fleet/contracts';
import { Plus, SearchX, UsersRound } from 'lucide-react';
import { useCallback, useState } from 'react';
import { Button } from '../../../../components/ui/Button';
import { EmptyState } from '../../../../components/ui/EmptyState';
import { ListErrorState } from '../../../../components/ui/ListErrorState';
import { ListPagination } from '../../../../components/ui/ListPagination';
import { PageHeader } from '../../../../components/ui/PageHeader';
import { SearchBox } from '../../../../components/ui/SearchBox';
import { Select } from '../../../../components/ui/Select';
import { TableSkeleton } from '../../../../components/ui/TableSkeleton';
import { pluralizeTotal } from '../../../../lib/format';
import { ADMIN_STATE_META } from '../../fleet-meta';
import { useFleetListParams } from '../../hooks/useFleetListParams';
import { useFleetPermissions } from '../../hooks/useFleetPermissions';
import { useFleets } from '../../queries';
import { FleetTable } from './FleetTable';
import { NewFleetDialog } from './NewFleetDialog';

const SKELETON_COLUMNS = [26, 14, 8, 8, 8, 10];
const MULTIPLE = '__multiple';

/** Every fleet of the workspace: search, admin state filter, pages, and the way to a new one. */
export function FleetsListPage() {
  const list = useFleetListParams();
  const { params, setFilters } = list;
  const query = useFleets(params);
  const { canCreate } = useFleetPermissions();
  const [creating, setCreating] = useState(false);
  const page = query.data;
  const filtered = params.q !== '' || params.adminState.length > 0;
  // Stable while the URL is, so the search box's debounce timer is not restarted by unrelated renders.
  const search = useCallback((q: string) => setFilters({ q }, { replace: true }), [setFilters]);
  const stateValue = params.adminState.length === 0 ? '' : params.adminState.length === 1 ? params.adminState[0] : MULTIPLE;
  const newButton = (text: string) => (
    <Button variant="primary" onClick={() => setCreating(true)} icon={<Plus className="size-4" aria-hidden="true" />}>
      {text}
    </Button>
  );

  const renderBody = () => {
    if (query.isError) {
      return (
        <ListErrorState
          error={query.error}
          title="Could not load fleets"
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
          onFirstPage={list.goToFirst}
        />
      );
    }
    if (!page) return <TableSkeleton label="Loading fleets" columns={SKELETON_COLUMNS} />;
    if (page.items.length === 0) {
      if (filtered) {
        return (
          <EmptyState
            icon={<SearchX />}
            title="No fleets match"
            description={
              params.q
                ? `Nothing is named or described like “${params.q}” in the chosen states.`
                : 'No fleet is in the chosen state.'
            }
            action={<Button onClick={() => setFilters({ q: '', adminState: [] })}>Clear the filters</Button>}
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
          icon={<UsersRound />}
          title="No fleets yet"
          description={
            canCreate
              ? 'A fleet is a standing team of agents: members with roles, capacity and skills, and a strategy that decides which of them takes each task. Create one, then add agents as members.'
              : 'A fleet is a standing team of agents that shares tasks by a strategy. Your role can view fleets; ask an editor to create one.'
          }
          action={canCreate && newButton('New fleet')}
        />
      );
    }
    return (
      <>
        <FleetTable fleets={page.items} stale={query.isPlaceholderData} />
        <ListPagination list={list} limit={params.limit} page={page} />
      </>
    );
  };

  return (
    <>
      <title>Fleets · Agent Fleet</title>
      <PageHeader
        title="Fleets"
        description={
          page && !filtered
            ? `${pluralizeTotal(page, 'fleet')} in this workspace`
            : 'Teams of agents that share tasks by a strategy.'
        }
        actions={canCreate && newButton('New fleet')}
      />
      <div className="min-w-0 overflow-hidden rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
        <div className="flex flex-col gap-3 border-b border-slate-100 px-5 py-3 sm:flex-row sm:items-center">
          <SearchBox value={params.q} onSearch={search} label="Search fleets" placeholder="Search name or description…" />
          <div className="sm:ml-auto">
            <label htmlFor="fleet-state-filter" className="sr-only">
              State
            </label>
            <Select
              id="fleet-state-filter"
              value={stateValue}
              onChange={(event) =>
                setFilters({ adminState: event.target.value === '' ? [] : [event.target.value as FleetAdminState] })
              }
              className="sm:w-40"
            >
              <option value="">All states</option>
              {FLEET_ADMIN_STATES.map((state) => (
                <option key={state} value={state}>
                  {ADMIN_STATE_META[state].label}
                </option>
              ))}
              {stateValue === MULTIPLE && (
                <option value={MULTIPLE} disabled>
                  {params.adminState.map((state) => ADMIN_STATE_META[state].label).join(', ')}
                </option>
              )}
            </Select>
          </div>
        </div>
        {renderBody()}
      </div>
      <NewFleetDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
