import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { toAuditQuery, type AuditFilters } from './audit-filters';

/** Events per page; the log is read in long runs, so pages are large. */
const PAGE_SIZE = 50;

export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: AuditFilters) => [...auditKeys.all, filters] as const,
};

export const fetchAuditEvents = (filters: AuditFilters, cursor: string | undefined, signal?: AbortSignal) =>
  api('listAuditEvents', { query: { ...toAuditQuery(filters), limit: PAGE_SIZE, cursor }, signal });

/** The audit log, newest first, one page more per `fetchNextPage`. */
export function useAuditEvents(filters: AuditFilters, { enabled = true }: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(filters),
    queryFn: ({ pageParam, signal }) => fetchAuditEvents(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}
