import { lazy, Suspense } from 'react';
import { Skeleton } from '../../../components/ui/Skeleton';
import type { PipelineGraphProps } from './PipelineGraph';

const PipelineGraph = lazy(() => import('./PipelineGraph').then((module) => ({ default: module.PipelineGraph })));

/** The graph, loaded after the page (React Flow is a library of its own); a placeholder holds its place. */
export function DeferredPipelineGraph(props: PipelineGraphProps) {
  return (
    <Suspense
      fallback={
        <div aria-busy="true" aria-label="Loading the step graph" className="h-full">
          <Skeleton className="h-full min-h-72 w-full" />
        </div>
      }
    >
      <PipelineGraph {...props} />
    </Suspense>
  );
}
