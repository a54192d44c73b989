import { createHash } from 'node:crypto';
import { formatTraceparent, parseTraceparent, type SpanAttributes, type Tracing } from '../../ports/tracing.js';
import type { RunRow, StepRunRow } from './run-store.js';
import type { Outcome } from './step-runner.js';

/**
 * Traces of pipeline runs (docs/observability.md): a `pipeline.run` span under the span that created the
 * run, and a `pipeline.step` span per step attempt under it, in which the step's work (an agent task, a
 * model call) nests. A run is durable and may end in another process, or after a restart, so nothing of
 * its trace is held in memory: the creating span is stored on the run (`traceContext`), the run span's id
 * is derived from the run's id, and the run span is recorded whole when the run ends. Work a step attempt
 * hands on (a child run, a fleet task) stores the attempt's span the same way, so it nests under the step
 * wherever it runs. Without tracing (`tracing` undefined) each function costs one check.
 */

/** The run's span: its traceparent (the parent of its steps' spans) and its parent's span id. */
export function runSpanContext(run: Pick<RunRow, 'id' | 'traceContext'>): { traceparent: string; parentSpanId: string | null } {
  const hash = createHash('sha256').update(run.id).digest('hex');
  const spanId = hash.slice(0, 16);
  const parent = run.traceContext === null ? null : parseTraceparent(run.traceContext);
  if (parent) return { traceparent: formatTraceparent({ ...parent, spanId }), parentSpanId: parent.spanId };
  // Created outside any span: the run is the root of a trace of its own.
  return { traceparent: formatTraceparent({ traceId: hash.slice(16, 48), spanId, traceFlags: 1 }), parentSpanId: null };
}

/**
 * The trace a new run joins (its `traceContext`): for a child run, the span of the `pipeline` step attempt
 * that starts it (`traceStepAttempt` hands it over); else the span creating it (a request).
 */
export function newRunTraceContext(tracing: Tracing | undefined, stepAttempt: string | null): string | null {
  if (!tracing) return null;
  return stepAttempt ?? tracing.active();
}

const attemptEnd = (outcome: Outcome): SpanAttributes => {
  if (outcome.kind === 'fail') return { 'agentfleet.step.status': 'failed', 'error.type': outcome.failure.code };
  if (outcome.kind !== 'finish') return { 'agentfleet.step.status': 'waiting' };
  const { finish } = outcome;
  return {
    'agentfleet.step.status': finish.status,
    'error.type': finish.status === 'failed' ? finish.error.code : undefined,
  };
};

/**
 * Runs one attempt of a step in a `pipeline.step` span, a child of its run's span. A `child` outcome takes
 * the attempt's span along (`traceContext`): the child run it starts hangs under this step, not the run.
 */
export function traceStepAttempt(
  tracing: Tracing | undefined,
  run: RunRow,
  step: StepRunRow,
  work: () => Promise<Outcome>,
): Promise<Outcome> {
  if (!tracing) return work();
  return tracing.span(
    `pipeline.step ${step.stepId}`,
    {
      'agentfleet.run.id': run.id,
      'agentfleet.pipeline.name': run.pipelineName,
      'agentfleet.pipeline.version': run.version,
      'agentfleet.step.id': step.stepId,
      'agentfleet.step.key': step.key,
      'agentfleet.step.type': step.type,
      'agentfleet.step.attempt': step.attempt,
    },
    async () => {
      const outcome = await work();
      return outcome.kind === 'child' ? { ...outcome, traceContext: tracing.active() } : outcome;
    },
    attemptEnd,
    { parent: runSpanContext(run).traceparent },
  );
}

/** Records an ended run's `pipeline.run` span: from its creation to its end, under the span that created it. */
export function recordRunSpan(tracing: Tracing, run: RunRow): void {
  const { traceparent, parentSpanId } = runSpanContext(run);
  tracing.record({
    name: `pipeline.run ${run.pipelineName}`,
    context: traceparent,
    parentSpanId,
    startTime: run.createdAt,
    endTime: run.finishedAt ?? new Date(),
    attributes: {
      'agentfleet.run.id': run.id,
      'agentfleet.pipeline.name': run.pipelineName,
      'agentfleet.pipeline.version': run.version,
      'agentfleet.run.trigger': run.trigger,
      'agentfleet.run.status': run.status,
    },
    ...(run.status === 'failed' ? { errorType: run.error?.code ?? 'failed' } : {}),
  });
}
