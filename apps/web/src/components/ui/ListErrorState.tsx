import { isApiError } from '../../lib/api-error';
import { ErrorState } from './ErrorState';

export interface ListErrorStateProps {
  error: unknown;
  /** Heading for a failed load, e.g. "Could not load agents". */
  title: string;
  onRetry: () => void;
  retrying: boolean;
  /** Back to the first page: the way out of a cursor the server no longer accepts. */
  onFirstPage: () => void;
}

/** A list that failed to load; a stale page link (`invalid_cursor`) offers the first page instead of a retry. */
export function ListErrorState({ error, title, onRetry, retrying, onFirstPage }: ListErrorStateProps) {
  if (isApiError(error) && error.code === 'invalid_cursor') {
    return <ErrorState error={error} title="This page link has expired" onRetry={onFirstPage} />;
  }
  return <ErrorState error={error} title={title} onRetry={onRetry} retrying={retrying} />;
}
