import type { NewRunEvent, OperationalMetrics, PipelineEnd, RunStore, RunTransactions } from '@agent-fleet/core';

const RUN_ENDS: Record<string, string> = { 'run.succeeded': 'succeeded', 'run.failed': 'failed', 'run.cancelled': 'cancelled' };
const STEP_ENDS: Record<string, string> = { 'step.succeeded': 'succeeded', 'step.failed': 'failed', 'step.skipped': 'skipped' };

/** What one appended run event says ended, if anything. */
export function pipelineEnds(event: NewRunEvent): PipelineEnd[] {
  const durationMs = typeof event.data?.['durationMs'] === 'number' ? event.data['durationMs'] : null;
  const run = RUN_ENDS[event.type];
  if (run) return [{ what: 'run', status: run, durationMs }];
  const step = STEP_ENDS[event.type];
  if (step) return [{ what: 'step', status: step, durationMs }];
  if (event.type === 'steps.cancelled' && Array.isArray(event.data?.['steps'])) {
    return event.data['steps'].map(() => ({ what: 'step', status: 'cancelled', durationMs: null }));
  }
  return [];
}

/**
 * The engine's transactions, counting the runs and steps that end in each once it has committed. Every
 * end the engine records is an event appended to the run's log in the transaction that ends it, so
 * reading the appends (rather than hooking the engine) counts each end exactly once, and never one a
 * rolled-back (retried) transaction wrote.
 */
export function countingRunEnds(inner: RunTransactions, metrics: OperationalMetrics): RunTransactions {
  return {
    async transaction<T>(work: (store: RunStore) => Promise<T>): Promise<T> {
      const ended: PipelineEnd[] = [];
      const value = await inner.transaction((store) => {
        const counted: RunStore = Object.create(store) as RunStore;
        counted.insertEvents = (events) => {
          for (const event of events) ended.push(...pipelineEnds(event));
          return store.insertEvents(events);
        };
        // A retried transaction starts again from nothing.
        ended.length = 0;
        return work(counted);
      });
      for (const end of ended) metrics.pipelineEnded(end);
      return value;
    },
  };
}
