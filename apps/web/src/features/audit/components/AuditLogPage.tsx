import { ScrollText, SearchX } from 'lucide-react';
import { useSearchParams } from 'react-router';
import { Button } from '../../../components/ui/Button';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorState } from '../../../components/ui/ErrorState';
import { TableSkeleton } from '../../../components/ui/TableSkeleton';
import { pluralize } from '../../../lib/format';
import { SettingsSection } from '../../settings/components/SettingsSection';
import { useAuditEvents } from '../api';
import { EMPTY_FILTERS, hasAuditFilters, invalidRange, parseAuditFilters, type AuditFilters } from '../audit-filters';
import { AuditFiltersBar } from './AuditFiltersBar';
import { AuditTable } from './AuditTable';

export function AuditLogPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = parseAuditFilters(searchParams);
  const badRange = invalidRange(filters);
  const query = useAuditEvents(filters, { enabled: !badRange });
  const events = query.data?.pages.flatMap((page) => page.items);

  const setFilters = (next: AuditFilters) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) if (value !== '') params.set(key, value);
    setSearchParams(params, { replace: true });
  };

  const body = () => {
    if (badRange) return null;
    if (query.isError) {
      return (
        <ErrorState
          error={query.error}
          title="Could not load the audit log"
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      );
    }
    if (!events) return <TableSkeleton label="Loading audit events" columns={[14, 14, 18, 14, 10, 20]} rows={6} />;
    if (events.length === 0) {
      return hasAuditFilters(filters) ? (
        <EmptyState
          icon={<SearchX />}
          title="No events match these filters"
          description="Try another action or a wider date range."
          action={<Button onClick={() => setFilters(EMPTY_FILTERS)}>Clear filters</Button>}
        />
      ) : (
        <EmptyState
          icon={<ScrollText />}
          title="No events yet"
          description="Sign-ins, role changes, invitations and API keys are recorded here."
        />
      );
    }
    return (
      <>
        <AuditTable events={events} />
        <div className="flex flex-col items-center gap-2 border-t border-slate-200 px-5 py-4 sm:flex-row sm:justify-between">
          <p className="text-sm text-slate-500" aria-live="polite">
            Showing {pluralize(events.length, 'event')}
          </p>
          {query.hasNextPage ? (
            <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
              Load more
            </Button>
          ) : (
            <p className="text-sm text-slate-400">No more events.</p>
          )}
        </div>
      </>
    );
  };

  return (
    <SettingsSection
      title="Audit log"
      description="Security-relevant actions in this workspace, newest first: who did what, to what, from where."
    >
      <div className="overflow-hidden rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
        <AuditFiltersBar
          filters={filters}
          onChange={(patch) => setFilters({ ...filters, ...patch })}
          onClear={() => setFilters(EMPTY_FILTERS)}
        />
        {body()}
      </div>
    </SettingsSection>
  );
}
