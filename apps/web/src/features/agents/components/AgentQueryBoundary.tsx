import type { Agent } from '@agent-fleet/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { QueryBoundary } from '../../../components/ui/QueryBoundary';
import { Skeleton } from '../../../components/ui/Skeleton';
import { AgentNotFound } from './AgentNotFound';

export interface AgentQueryBoundaryProps {
  query: UseQueryResult<Agent>;
  children: (agent: Agent) => ReactNode;
}

/** Loading, not-found and error states shared by the pages that show one agent. */
export function AgentQueryBoundary({ query, children }: AgentQueryBoundaryProps) {
  return (
    <QueryBoundary
      query={query}
      errorTitle="Could not load the agent"
      errorCard
      notFound={<AgentNotFound />}
      loading={
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
      }
    >
      {children}
    </QueryBoundary>
  );
}
