import { lazyWidget } from '../../../components/ui/LazyWidget';
import { Skeleton } from '../../../components/ui/Skeleton';

/**
 * The graph, loaded after the page (its own chunk). The placeholder fills the
 * same box as the graph (`h-full min-h-72`), so nothing moves when it arrives.
 */
export const DeferredPipelineGraph = lazyWidget(() => import('./PipelineGraph').then((module) => module.PipelineGraph), {
  what: 'the step graph',
  placeholder: (_props, failure) =>
    failure ? (
      <div className="flex h-full min-h-72 w-full items-center justify-center p-4">{failure}</div>
    ) : (
      <div aria-busy="true" aria-label="Loading the step graph" className="h-full">
        <Skeleton className="h-full min-h-72 w-full" />
      </div>
    ),
});
