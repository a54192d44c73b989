import { describe, expect, it } from 'vitest';
import { NO_TRACING, type EndedSpan, type Tracing } from '../../ports/tracing.js';
import { newRunTraceContext, recordRunSpan, runSpanContext, traceStepAttempt } from './run-tracing.js';
import type { RunRow, StepRunRow } from './run-store.js';

const REQUEST = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

/** Records what the engine asks of the port. */
function recordingTracing(active: string | null) {
  const spans: { name: string; parent: string | undefined }[] = [];
  const ended: EndedSpan[] = [];
  const tracing: Tracing = {
    span: (name, _attributes, work, _describe, options) => {
      spans.push({ name, parent: options?.parent });
      return work();
    },
    active: () => active,
    record: (span) => ended.push(span),
  };
  return { tracing, spans, ended };
}

const run = (traceContext: string | null): RunRow =>
  ({
    id: 'd3b07384-d9a0-4c9b-8f3e-1c2b3a4d5e6f',
    pipelineName: 'nightly',
    version: 3,
    trigger: 'api',
    status: 'succeeded',
    error: null,
    traceContext,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    finishedAt: new Date('2026-01-01T00:05:00Z'),
  }) as RunRow;

describe('run tracing', () => {
  it('puts the run span under the span that created the run, with an id every process derives alike', () => {
    const context = runSpanContext(run(REQUEST));
    expect(context.parentSpanId).toBe('b7ad6b7169203331');
    expect(context.traceparent).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/);
    expect(context.traceparent).not.toContain('b7ad6b7169203331');
    expect(runSpanContext(run(REQUEST))).toEqual(context);
  });

  it('makes a run created outside any span the root of its own trace', () => {
    const context = runSpanContext(run(null));
    expect(context.parentSpanId).toBeNull();
    expect(context.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(context.traceparent.slice(36, 52)).toBe(runSpanContext(run(REQUEST)).traceparent.slice(36, 52));
  });

  it('stores the active span for a new run, the step attempt’s for a child run, and nothing without tracing', () => {
    const attemptSpan = '00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01';
    const { tracing } = recordingTracing(REQUEST);
    expect(newRunTraceContext(tracing, null)).toBe(REQUEST);
    expect(newRunTraceContext(tracing, attemptSpan)).toBe(attemptSpan);
    expect(newRunTraceContext(undefined, attemptSpan)).toBeNull();
    expect(newRunTraceContext(NO_TRACING, null)).toBeNull();
  });

  it('hands a child run the span of the step attempt that starts it, and nothing without tracing', async () => {
    const attemptSpan = '00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01';
    const { tracing } = recordingTracing(attemptSpan);
    const step = { stepId: 'sub', key: 'sub', type: 'pipeline', attempt: 1 } as StepRunRow;
    const child = { kind: 'child' as const, target: {} as never, input: {} };
    expect(await traceStepAttempt(tracing, run(REQUEST), step, async () => child)).toEqual({
      ...child,
      traceContext: attemptSpan,
    });
    expect(await traceStepAttempt(undefined, run(REQUEST), step, async () => child)).toEqual(child);
  });

  it('runs a step attempt in a span under its run’s span, and records the run span from creation to end', async () => {
    const { tracing, spans, ended } = recordingTracing(null);
    const step = { stepId: 'fetch', key: 'fetch', type: 'http', attempt: 2 } as StepRunRow;
    const outcome = await traceStepAttempt(tracing, run(REQUEST), step, async () => ({ kind: 'loop' as const }));
    expect(outcome).toEqual({ kind: 'loop' });
    expect(spans).toEqual([{ name: 'pipeline.step fetch', parent: runSpanContext(run(REQUEST)).traceparent }]);
    recordRunSpan(tracing, {
      ...run(REQUEST),
      status: 'failed',
      error: { code: 'child_failed', message: 'x', errorClass: null },
    });
    expect(ended).toEqual([
      expect.objectContaining({
        name: 'pipeline.run nightly',
        context: runSpanContext(run(REQUEST)).traceparent,
        parentSpanId: 'b7ad6b7169203331',
        startTime: new Date('2026-01-01T00:00:00Z'),
        endTime: new Date('2026-01-01T00:05:00Z'),
        errorType: 'child_failed',
      }),
    ]);
  });
});
