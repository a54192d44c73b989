import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ErrorState } from '../components/ui/ErrorState';
import { NotFoundPage } from './NotFoundPage';

/** Catches render errors below the layout, so the shell and navigation keep working. */
export function RouteErrorPage() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <div className="rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
      <ErrorState error={error} title="This page crashed" onRetry={() => window.location.reload()} />
    </div>
  );
}
