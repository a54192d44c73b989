import { recordRunSpan, type RunStore, type RunTransactions, type Tracing } from '@agent-fleet/core';
import { watchingRunEvents } from './committed-run-events.js';
import { endsRun } from './run-end-metrics.js';

/**
 * The engine's transactions, recording the `pipeline.run` span of each run that ends in one, once it has
 * committed: the run is read back (its creation time, the trace it joined), off the engine's path. A
 * failed read costs the span, never the run. Without tracing, `inner` itself.
 */
export function tracingRunEnds(
  inner: RunTransactions,
  tracing: Tracing | undefined,
  runs: Pick<RunStore, 'getRun'>,
  log?: { warn(data: object, message: string): void },
): RunTransactions {
  if (!tracing) return inner;
  return watchingRunEvents(inner, (events) => {
    for (const event of events) {
      if (!endsRun(event)) continue;
      runs
        .getRun(event.workspaceId, event.runId)
        .then((run) => run && recordRunSpan(tracing, run))
        .catch((error: unknown) => log?.warn({ err: error, runId: event.runId }, 'The span of an ended run was not recorded'));
    }
  });
}
