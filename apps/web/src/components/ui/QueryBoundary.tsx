import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { isApiError } from '../../lib/api-error';
import { ErrorState } from './ErrorState';

export interface QueryBoundaryProps<T> {
  query: Pick<UseQueryResult<T>, 'data' | 'error' | 'isError' | 'isFetching' | 'refetch'>;
  /** Shown until the first answer arrives. */
  loading: ReactNode;
  /** The error state's heading, e.g. "Could not load the members". */
  errorTitle: string;
  /** Shown instead of the error state when the server answers 404. */
  notFound?: ReactNode;
  /** Shown instead of `children` when `isEmpty` says the answer holds nothing. */
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
  /** Sets the error state in a card of its own, for a page it stands alone on. */
  errorCard?: boolean;
  children: (data: T) => ReactNode;
}

/**
 * The loading, error (with a retry), not-found and empty states of one query, and its data once
 * there. Data already shown stays on screen when a later refetch fails.
 */
export function QueryBoundary<T>({
  query,
  loading,
  errorTitle,
  notFound,
  empty,
  isEmpty,
  errorCard = false,
  children,
}: QueryBoundaryProps<T>) {
  if (query.data !== undefined) return empty !== undefined && isEmpty?.(query.data) ? empty : children(query.data);
  if (query.isError) {
    if (notFound !== undefined && isApiError(query.error) && query.error.status === 404) return notFound;
    const failed = (
      <ErrorState error={query.error} title={errorTitle} onRetry={() => void query.refetch()} retrying={query.isFetching} />
    );
    return errorCard ? <div className="rounded-xl bg-white shadow-xs ring-1 ring-slate-200">{failed}</div> : failed;
  }
  return loading;
}
