/**
 * The worker-thread side of the isolated template engine (see isolated-engine.ts): an in-process engine
 * whose include lookups are questions to the host thread, which owns the database.
 */
import { workerData } from 'node:worker_threads';
import { serveWorkerTasks, type HostChannel } from '../../isolation/worker-tasks.js';
import type { AnalyzeInput } from './analyze.js';
import { createTemplateEngine } from './engine.js';
import type { TemplateEngineOptions } from './options.js';
import type { RenderOptions } from './render.js';
import type { IncludeRef, ResolvedTemplate, TemplateResolver, TemplateSource } from './types.js';

/** What the host sends for a render: the render's arguments, with the resolver replaced by a flag. */
export interface RenderTask {
  source: TemplateSource;
  variables: Record<string, unknown>;
  options: Omit<RenderOptions, 'resolver'> & { resolver: boolean };
}

export interface AnalyzeTask {
  input: Omit<AnalyzeInput, 'resolver'> & { resolver: boolean };
}

const engine = createTemplateEngine((workerData as { options?: TemplateEngineOptions } | null)?.options ?? {});

const hostResolver = (host: HostChannel): TemplateResolver => ({
  resolve: (ref: IncludeRef) => host.request(ref) as Promise<ResolvedTemplate | null>,
});

serveWorkerTasks({
  render: (payload, host) => {
    const { source, variables, options } = payload as RenderTask;
    const { resolver, ...rest } = options;
    return engine.render(source, variables, { ...rest, ...(resolver ? { resolver: hostResolver(host) } : {}) });
  },
  analyze: (payload, host) => {
    const { resolver, ...input } = (payload as AnalyzeTask).input;
    return engine.analyze({ ...input, ...(resolver ? { resolver: hostResolver(host) } : {}) });
  },
});
