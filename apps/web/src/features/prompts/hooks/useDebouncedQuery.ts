import { keepPreviousData, useQuery, type QueryKey } from '@tanstack/react-query';
import { useDebouncedValue } from './useDebouncedValue';

/** Typing pauses this long before a draft is sent for analysis or rendering. */
export const LIVE_DELAY_MS = 300;

export interface DebouncedQueryOptions<Req, Res> {
  /** null while there is nothing valid to send. */
  request: Req | null;
  queryKey: (request: Req) => QueryKey;
  queryFn: (request: Req, signal: AbortSignal) => Promise<Res>;
  delayMs?: number;
}

export interface DebouncedQueryResult<Req, Res> {
  data: Res | undefined;
  /** The request `data` answers, which may be older than the current one. */
  dataFor: Req | undefined;
  error: unknown;
  /** True while a newer request waits for typing to pause or for the server. */
  pending: boolean;
}

/**
 * A query that follows a request built from what the user types: sent once typing pauses, keeping
 * the previous answer on screen meanwhile. Results are cached by content, so undoing an edit is instant.
 */
export function useDebouncedQuery<Req, Res>({
  request,
  queryKey,
  queryFn,
  delayMs = LIVE_DELAY_MS,
}: DebouncedQueryOptions<Req, Res>): DebouncedQueryResult<Req, Res> {
  const [settled, waiting] = useDebouncedValue(request, delayMs);
  const query = useQuery({
    queryKey: settled === null ? ['disabled'] : queryKey(settled),
    queryFn: async ({ signal }) => {
      if (settled === null) throw new Error('No request to send');
      return { response: await queryFn(settled, signal), request: settled };
    },
    enabled: settled !== null,
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 60_000,
    retry: false,
  });
  return {
    data: query.data?.response,
    dataFor: query.data?.request,
    error: query.isError ? query.error : null,
    pending: waiting || query.isFetching,
  };
}
