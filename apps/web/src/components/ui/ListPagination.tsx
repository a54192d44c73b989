import type { CursorListNavigation } from '../../lib/useCursorListParams';
import { CursorPagination } from './CursorPagination';

export interface ListPaginationProps {
  /** The list's URL-held navigation (`useCursorListParams`). */
  list: Pick<
    CursorListNavigation<unknown, { limit: number }>,
    'pageIndex' | 'hasPrevious' | 'goToPrevious' | 'goToNext' | 'setFilters'
  >;
  limit: number;
  page: { items: readonly unknown[]; total: number; totalIsLowerBound?: boolean; nextCursor: string | null };
}

/** The footer of a URL-paginated list: `CursorPagination` wired to the list's navigation. */
export function ListPagination({ list, limit, page }: ListPaginationProps) {
  const { nextCursor } = page;
  return (
    <CursorPagination
      pageIndex={list.pageIndex}
      limit={limit}
      count={page.items.length}
      total={page.total}
      totalIsLowerBound={page.totalIsLowerBound}
      hasPrevious={list.hasPrevious}
      hasNext={nextCursor !== null}
      onPrevious={list.goToPrevious}
      onNext={() => nextCursor !== null && list.goToNext(nextCursor)}
      onLimitChange={(next) => list.setFilters({ limit: next })}
    />
  );
}
