import { useCallback, useMemo } from 'react';
import { useLocation, useSearchParams } from 'react-router';

/**
 * Cursors of the pages before the current one. Kept in history state rather than the URL: the URL
 * stays shareable, and Back/reload still restore "Previous".
 */
interface ListHistoryState {
  previousCursors: (string | null)[];
}

const readPreviousCursors = (state: unknown): (string | null)[] => {
  if (typeof state !== 'object' || state === null || !('previousCursors' in state)) return [];
  const { previousCursors } = state as ListHistoryState;
  return Array.isArray(previousCursors) ? previousCursors.filter((cursor) => cursor === null || typeof cursor === 'string') : [];
};

export interface CursorListNavigation<P, F> {
  params: P;
  /** Zero-based page number, or null when opened from a link that skipped earlier pages. */
  pageIndex: number | null;
  hasPrevious: boolean;
  /** Changes filters and returns to the first page. `replace` avoids a history entry per keystroke. */
  setFilters: (patch: F, options?: { replace?: boolean }) => void;
  goToNext: (nextCursor: string) => void;
  goToPrevious: () => void;
  goToFirst: () => void;
}

export interface CursorListOptions {
  /**
   * Keeps the scroll position when the list changes page or filter, for a list that is one section of
   * a longer page. Default false: a list that is the page scrolls back to the top.
   */
  preventScrollReset?: boolean;
}

/**
 * A list's filters and cursor pagination, held in the URL so reload and sharing keep them.
 * `parse` reads the params from the URL (dropping anything invalid); `serialize` writes them back.
 */
export function useCursorListParams<P extends { cursor: string | undefined }, F extends Partial<P>>(
  parse: (search: URLSearchParams) => P,
  serialize: (params: P) => URLSearchParams,
  { preventScrollReset = false }: CursorListOptions = {},
): CursorListNavigation<P, F> {
  const [searchParams, setSearchParams] = useSearchParams();
  const location = useLocation();
  const params = useMemo(() => parse(searchParams), [parse, searchParams]);
  const previousCursors = useMemo(() => readPreviousCursors(location.state), [location.state]);

  const go = useCallback(
    (next: P, previous: (string | null)[], replace = false) => {
      setSearchParams(serialize(next), {
        replace,
        preventScrollReset,
        state: { previousCursors: previous } satisfies ListHistoryState,
      });
    },
    [serialize, setSearchParams, preventScrollReset],
  );

  const setFilters = useCallback(
    (patch: F, options?: { replace?: boolean }) => go({ ...params, ...patch, cursor: undefined }, [], options?.replace),
    [go, params],
  );

  const goToNext = useCallback(
    (nextCursor: string) => go({ ...params, cursor: nextCursor }, [...previousCursors, params.cursor ?? null]),
    [go, params, previousCursors],
  );

  const goToPrevious = useCallback(() => {
    const cursor = previousCursors.at(-1) ?? undefined;
    go({ ...params, cursor }, previousCursors.slice(0, -1));
  }, [go, params, previousCursors]);

  const goToFirst = useCallback(() => go({ ...params, cursor: undefined }, []), [go, params]);

  const deepLinked = params.cursor !== undefined && previousCursors.length === 0;
  return {
    params,
    pageIndex: params.cursor === undefined ? 0 : deepLinked ? null : previousCursors.length,
    hasPrevious: params.cursor !== undefined,
    setFilters,
    goToNext,
    goToPrevious,
    goToFirst,
  };
}
