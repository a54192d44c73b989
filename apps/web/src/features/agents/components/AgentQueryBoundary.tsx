import type { Agent } from '@agent-fleet/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorState } from '../../../components/ui/ErrorState';
import { Skeleton } from '../../../components/ui/Skeleton';
import { isApiError } from '../../../lib/api-error';
import { AgentNotFound } from './AgentNotFound';

export interface AgentQueryBoundaryProps {
  query: UseQueryResult<Agent>;
  children: (agent: Agent) => ReactNode;
}

/** Loading, not-found and error states shared by the pages that show one agent. */
export function AgentQueryBoundary({ query, children }: AgentQueryBoundaryProps) {
  if (query.data) return children(query.data);
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) return <AgentNotFound />;
    return (
      <div className="rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
        <ErrorState
          error={query.error}
          title="Could not load the agent"
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      </div>
    );
  }
  return (
    <div role="status" aria-label="Loading agent" className="flex flex-col gap-6">
      <div className="flex items-center gap-3">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-5 w-16 rounded-full" />
      </div>
      <Skeleton className="h-4 w-96 max-w-full" />
      <div className="grid gap-6 lg:grid-cols-3">
        <Skeleton className="h-64 rounded-xl lg:col-span-2" />
        <Skeleton className="h-64 rounded-xl" />
      </div>
    </div>
  );
}
