import { lazy, Suspense } from 'react';
import { Skeleton } from '../../../components/ui/Skeleton';
import type { RunGraphProps } from './RunGraph';

const RunGraph = lazy(() => import('./RunGraph').then((module) => ({ default: module.RunGraph })));

/** The graph, loaded after the page (its own chunk); a placeholder holds its place. */
export function DeferredRunGraph(props: RunGraphProps) {
  return (
    <Suspense
      fallback={
        <div aria-busy="true" aria-label="Loading the run graph" className="h-full">
          <Skeleton className="h-full min-h-72 w-full" />
        </div>
      }
    >
      <RunGraph {...props} />
    </Suspense>
  );
}
