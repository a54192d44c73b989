import { WorkerPool, WorkerPoolError } from '../isolation/worker-pool.js';
import { RemoteError } from '../isolation/worker-protocol.js';
import { ExpressionError, type ExpressionErrorCode } from './expression.js';
import { createExpressionEvaluator, type ExpressionEvaluator } from './expression-evaluator.js';
import type { ExpressionTask } from './expression-worker.js';

export interface IsolatedExpressionEvaluatorOptions {
  /** Worker threads evaluating at once. Default: available parallelism − 1, at least 1 and at most 4. */
  workers?: number;
  /** Hard limit of one evaluation, in ms; its worker is terminated past it. Default 250. */
  timeoutMs?: number;
  /** Heap limit of each worker, in MB. Default 128. */
  workerHeapMb?: number;
  /** Workers kept warm. Default 1. */
  minWorkers?: number;
}

export interface IsolatedExpressionEvaluator extends ExpressionEvaluator {
  /** Terminates the workers; evaluations in flight reject. */
  close(): Promise<void>;
}

const workerEntry = new URL(`./expression-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url);

/**
 * The server's evaluator. Bounded expressions (no comprehension, regular expression, `join` or
 * `cel.bind`: their work is at most the size of the data times the size of the expression, both capped)
 * run on this thread in microseconds. Unbounded ones run in a pool of worker threads with a hard time
 * limit, so a nested `exists` over thousands of items or a catastrophic regular expression costs one
 * worker, not the event loop (ADR 0005).
 */
export function createIsolatedExpressionEvaluator(options: IsolatedExpressionEvaluatorOptions = {}): IsolatedExpressionEvaluator {
  const pool = new WorkerPool({
    entry: workerEntry,
    ...(options.workers === undefined ? {} : { size: options.workers }),
    resourceLimits: { maxOldGenerationSizeMb: options.workerHeapMb ?? 128 },
    minWorkers: options.minWorkers ?? 1,
  });
  const timeoutMs = options.timeoutMs ?? 250;
  const evaluator = createExpressionEvaluator({
    runUnbounded: async (source, scope) => {
      const task: ExpressionTask = { source, scope };
      try {
        // Only the engine evaluates, for steps it runs: an evaluation waits for a worker, never refused for a
        // busy moment (`WorkerTaskOptions.wait`); the engine's slots bound how many wait.
        return await pool.run('expression', task, { timeoutMs, wait: true });
      } catch (error) {
        throw toExpressionError(error, timeoutMs);
      }
    },
  });
  return { ...evaluator, close: () => pool.close() };
}

function toExpressionError(error: unknown, timeoutMs: number): unknown {
  if (error instanceof WorkerPoolError) {
    if (error.kind === 'timeout')
      return new ExpressionError('expression_timeout', `The expression ran longer than ${timeoutMs} ms`);
    if (error.kind === 'out_of_memory')
      return new ExpressionError('expression_out_of_memory', 'The expression used more memory than its limit');
    return error;
  }
  if (error instanceof RemoteError && error.remoteName === 'ExpressionError') {
    const details = error.details as { code?: ExpressionErrorCode; offset?: number };
    return new ExpressionError(details.code ?? 'expression_evaluation', error.message, details.offset);
  }
  return error;
}

let shared: IsolatedExpressionEvaluator | undefined;

/** The process's evaluator for apps that do not bring their own (test apps): no worker starts until one is needed. */
export function sharedIsolatedExpressionEvaluator(): IsolatedExpressionEvaluator {
  shared ??= createIsolatedExpressionEvaluator({ minWorkers: 0 });
  return shared;
}
