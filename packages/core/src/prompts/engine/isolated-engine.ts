import { WorkerPool, WorkerPoolError } from '../../isolation/worker-pool.js';
import { RemoteError } from '../../isolation/worker-protocol.js';
import type { TemplateDiagnostic } from './diagnostics.js';
import { TemplateRenderError, type TemplateErrorCode } from './errors.js';
import { resolveEngineOptions, type ResolvedEngineOptions, type TemplateEngineOptions } from './options.js';
import type { TemplateEngine } from './engine.js';
import type { AnalyzeTask, RenderTask } from './render-worker.js';
import type { IncludeRef, RenderResult, TemplateResolver } from './types.js';

export interface IsolatedTemplateEngineOptions extends TemplateEngineOptions {
  /** Worker threads rendering at once. Default: available parallelism − 1, at least 1 and at most 4. */
  workers?: number;
  /**
   * Renders that may wait for a worker; past it a render fails `engine_busy` at once, unless it waits
   * (`wait`: work the server runs on its own). Default 4 × workers.
   */
  maxQueue?: number;
  /**
   * Hard limit of one render or analysis in its worker, in ms. The engine's own `renderTimeoutMs` stops a
   * render cleanly between tags; this one terminates the worker, whatever it is doing. Default 2 × renderTimeoutMs.
   */
  hardTimeoutMs?: number;
  /** Heap limit of each worker, in MB, so a memory bomb kills a worker and not the server. Default 256. */
  workerHeapMb?: number;
  /**
   * Workers started with the engine and kept warm, so no request waits for a cold start (loading LiquidJS
   * and the tokenizer takes a second or more). Default 1.
   */
  minWorkers?: number;
}

export interface IsolatedTemplateEngine extends TemplateEngine {
  /** Terminates the workers; renders in flight reject. Call it when the server shuts down. */
  close(): Promise<void>;
}

/** The worker module next to this file: TypeScript source in tests and `npm run dev`, JavaScript when built. */
const workerEntry = new URL(`./render-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url);

/**
 * A TemplateEngine that renders and analyses in a pool of worker threads, so a template that burns CPU
 * (a million-row `tablerow`, a huge `range`) never blocks the event loop: HTTP keeps answering while it
 * runs, its worker is terminated at the hard limit, and a full pool answers `engine_busy` instead of
 * queueing without bound. Include lookups run on this thread (the resolver is called from the worker).
 * Errors are the same TemplateRenderErrors the in-process engine throws.
 */
export function createIsolatedTemplateEngine(options: IsolatedTemplateEngineOptions = {}): IsolatedTemplateEngine {
  const { workers, maxQueue, hardTimeoutMs, workerHeapMb, minWorkers, ...engineOptions } = options;
  const resolved: ResolvedEngineOptions = resolveEngineOptions(engineOptions);
  const pool = new WorkerPool({
    entry: workerEntry,
    workerData: { options: engineOptions },
    ...(workers === undefined ? {} : { size: workers }),
    ...(maxQueue === undefined ? {} : { maxQueue }),
    resourceLimits: { maxOldGenerationSizeMb: workerHeapMb ?? 256 },
    minWorkers: minWorkers ?? 1,
  });
  const timeoutMs = hardTimeoutMs ?? 2 * resolved.renderTimeoutMs;
  const lookups = (resolver: TemplateResolver | undefined) => ({
    timeoutMs,
    ...(resolver ? { onRequest: (ref: unknown) => resolver.resolve(ref as IncludeRef) } : {}),
  });

  return {
    options: resolved,
    async render(source, variables = {}, renderOptions = {}) {
      const { resolver, wait, ...rest } = renderOptions;
      const task: RenderTask = { source, variables, options: { ...rest, resolver: resolver !== undefined } };
      try {
        return (await pool.run('render', task, { ...lookups(resolver), wait })) as RenderResult;
      } catch (error) {
        throw toEngineError(error);
      }
    },
    async analyze(input) {
      const { resolver, ...rest } = input;
      const task: AnalyzeTask = { input: { ...rest, resolver: resolver !== undefined } };
      try {
        return (await pool.run('analyze', task, lookups(resolver))) as TemplateDiagnostic[];
      } catch (error) {
        throw toEngineError(error);
      }
    },
    close: () => pool.close(),
  };
}

let shared: IsolatedTemplateEngine | undefined;

/**
 * One isolated engine with default options for the whole process, for hosts that do not manage their
 * own (the in-process test apps). Its idle workers never keep the process alive.
 */
export function sharedIsolatedTemplateEngine(): IsolatedTemplateEngine {
  // Test apps that never render should not start a worker.
  shared ??= createIsolatedTemplateEngine({ minWorkers: 0 });
  return shared;
}

/**
 * Back to the in-process engine's errors: the template's own failures keep their code and position; a
 * hard timeout, a dead worker from a memory bomb, a full pool and uncloneable variables get theirs.
 * Anything else (a crashed or closed pool, a bug in the worker) stays a host error.
 */
function toEngineError(error: unknown): unknown {
  if (error instanceof WorkerPoolError) {
    if (error.kind === 'timeout') return new TemplateRenderError('render_timeout', 'The render took longer than its time limit');
    if (error.kind === 'out_of_memory')
      return new TemplateRenderError('memory_limit', 'The template allocated more memory than its limit allows');
    if (error.kind === 'busy')
      return new TemplateRenderError('engine_busy', 'Every template worker is busy; try again in a moment');
    return error;
  }
  if (error instanceof RemoteError && error.remoteName === 'TemplateRenderError') {
    const details = error.details as Partial<TemplateRenderError>;
    return new TemplateRenderError(details.code as TemplateErrorCode, error.message, {
      line: details.line,
      column: details.column,
      template: details.template,
      messageIndex: details.messageIndex,
      problems: details.problems,
    });
  }
  if (error instanceof Error && error.name === 'DataCloneError') {
    return new TemplateRenderError('invalid_variables', 'Variables must be plain JSON-like data (no functions or symbols)');
  }
  return error;
}
