import type { Tracing } from '../../ports/tracing.js';
import type { PlacedTask } from './placement.js';
import type { AttemptResult } from './task-execution.js';

/**
 * Runs one attempt of a fleet task in a `fleet.task {fleet name}` span, a child of the span that submitted
 * the task (a request's, or a pipeline step attempt's), read from the task's row: the attempt may run
 * much later, in another process or after a restart. Its members' `invoke_agent` spans nest in it. A task
 * submitted without tracing has no stored span; its attempt's span is then the child of whatever runs it.
 * Without tracing, `work()` at the cost of one check.
 */
export function traceFleetAttempt(
  tracing: Tracing | undefined,
  { task, fleet, traceContext }: Pick<PlacedTask, 'task' | 'fleet' | 'traceContext'>,
  work: () => Promise<AttemptResult>,
): Promise<AttemptResult> {
  if (!tracing) return work();
  return tracing.span(
    `fleet.task ${fleet.name}`,
    {
      'agentfleet.fleet.id': fleet.id,
      'agentfleet.fleet.name': fleet.name,
      'agentfleet.fleet.strategy': fleet.strategy.type,
      'agentfleet.fleet_task.id': task.id,
      'agentfleet.fleet_task.attempt': task.attempt,
      'agentfleet.run.id': task.pipelineStep?.runId,
      'agentfleet.step.key': task.pipelineStep?.stepKey,
    },
    work,
    (result) => ({ 'error.type': result.error?.code }),
    traceContext === null ? undefined : { parent: traceContext },
  );
}
