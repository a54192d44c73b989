import type { NewRunEvent, OperationalMetrics, PipelineEnd, RunTransactions } from '@agent-fleet/core';
import { watchingRunEvents } from './committed-run-events.js';

const RUN_ENDS: Record<string, string> = { 'run.succeeded': 'succeeded', 'run.failed': 'failed', 'run.cancelled': 'cancelled' };
const STEP_ENDS: Record<string, string> = { 'step.succeeded': 'succeeded', 'step.failed': 'failed', 'step.skipped': 'skipped' };

/** Whether the event ends its run. */
export const endsRun = (event: NewRunEvent): boolean => Object.hasOwn(RUN_ENDS, event.type);

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

/** The engine's transactions, counting the runs and steps that end in each once it has committed. */
export function countingRunEnds(inner: RunTransactions, metrics: OperationalMetrics): RunTransactions {
  return watchingRunEvents(inner, (events) => {
    for (const event of events) for (const end of pipelineEnds(event)) metrics.pipelineEnded(end);
  });
}
