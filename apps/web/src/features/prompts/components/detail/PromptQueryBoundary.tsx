import type { PromptDetail } from '@agent-fleet/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { FileQuestion } from 'lucide-react';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../../../components/ui/Button';
import { EmptyState } from '../../../../components/ui/EmptyState';
import { QueryBoundary } from '../../../../components/ui/QueryBoundary';
import { DetailPageSkeleton } from '../../../../components/ui/Skeleton';

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
      loading={<DetailPageSkeleton label="Loading prompt" />}
    >
      {children}
    </QueryBoundary>
  );
}
