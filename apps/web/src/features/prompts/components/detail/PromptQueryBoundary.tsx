import type { PromptDetail } from '@agent-fleet/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { FileQuestion } from 'lucide-react';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../../../components/ui/Button';
import { EmptyState } from '../../../../components/ui/EmptyState';
import { QueryBoundary } from '../../../../components/ui/QueryBoundary';
import { Skeleton } from '../../../../components/ui/Skeleton';

export interface PromptQueryBoundaryProps {
  name: string;
  query: UseQueryResult<PromptDetail>;
  children: (prompt: PromptDetail) => ReactNode;
}

/** Loading, not-found and error states of the template page. */
export function PromptQueryBoundary({ name, query, children }: PromptQueryBoundaryProps) {
  const navigate = useNavigate();
  return (
    <QueryBoundary
      query={query}
      errorTitle="Could not load the prompt"
      errorCard
      notFound={
        <div className="rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
          <title>Prompt not found · Agent Fleet</title>
          <EmptyState
            icon={<FileQuestion />}
            title="Prompt not found"
            description={`There is no prompt named “${name}” in this workspace. It may have been deleted or renamed.`}
            action={<Button onClick={() => void navigate('/prompts')}>Back to prompts</Button>}
          />
        </div>
      }
      loading={
        <div role="status" aria-label="Loading prompt" className="flex flex-col gap-6">
          <div className="flex items-center gap-3">
            <Skeleton className="h-8 w-64" />
            <Skeleton className="h-5 w-16 rounded-full" />
          </div>
          <Skeleton className="h-9 w-96 max-w-full" />
          <div className="grid gap-6 lg:grid-cols-3">
            <Skeleton className="h-80 rounded-xl lg:col-span-2" />
            <Skeleton className="h-80 rounded-xl" />
          </div>
        </div>
      }
    >
      {children}
    </QueryBoundary>
  );
}
