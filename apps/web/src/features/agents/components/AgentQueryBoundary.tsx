import type { Agent } from '@agent-fleet/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { QueryBoundary } from '../../../components/ui/QueryBoundary';
import { DetailPageSkeleton } from '../../../components/ui/Skeleton';
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
      loading={<DetailPageSkeleton label="Loading agent" />}
    >
      {children}
    </QueryBoundary>
  );
}
