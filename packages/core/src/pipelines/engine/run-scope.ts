import type { ExpressionScope } from '../expression.js';
import type { RunRow, RunStore } from './run-store.js';

/**
 * What an expression of `run` sees: its input, its metadata, and the output and status of the steps the
 * expression reads (only those are loaded: a step of a 500-step run reads a handful).
 */
export async function runScope(store: RunStore, run: RunRow, reads: Iterable<string>): Promise<ExpressionScope> {
  const keys = [...reads];
  const rows = keys.length === 0 ? [] : await store.stepRuns(run.id, keys);
  return {
    input: run.input,
    steps: Object.fromEntries(rows.map((row) => [row.stepId, { output: row.output ?? null, status: row.status }])),
    run: {
      id: run.id,
      pipeline: run.pipelineName,
      version: run.version,
      priority: run.priority,
      ...(run.label === null ? {} : { label: run.label }),
    },
  };
}
