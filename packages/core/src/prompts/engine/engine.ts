import { analyzeTemplateSource, type AnalyzeInput } from './analyze.js';
import type { TemplateDiagnostic } from './diagnostics.js';
import { resolveEngineOptions, type ResolvedEngineOptions, type TemplateEngineOptions } from './options.js';
import { ParseCache } from './parse-cache.js';
import { renderTemplateSource, type RenderOptions } from './render.js';
import { createSandboxedLiquid } from './sandboxed-liquid.js';
import type { RenderResult, TemplateSource } from './types.js';

/** How a render is run: `wait` as in `WorkerTaskOptions.wait`, for an engine that renders in workers. */
export interface EngineRenderOptions extends RenderOptions {
  /** Waits for a free worker instead of failing `engine_busy` when they are all taken and the line is full. */
  wait?: boolean;
}

export interface TemplateEngine {
  /** The limits this engine enforces, defaults filled in. */
  readonly options: ResolvedEngineOptions;
  /**
   * Renders a text or chat template. Resolves to the text (or messages) and the includes used; rejects
   * only with a TemplateRenderError. Bounded by `renderTimeoutMs` and `maxOutputLength` as a whole.
   */
  render(source: TemplateSource, variables?: Record<string, unknown>, options?: EngineRenderOptions): Promise<RenderResult>;
  /** Static analysis for the save path; never throws for a bad template, it reports it. */
  analyze(input: AnalyzeInput): Promise<TemplateDiagnostic[]>;
}

/**
 * Creates a sandboxed prompt template engine. Create one per process (it caches parsed templates) and
 * share it; renders are independent and may run concurrently.
 */
export function createTemplateEngine(options: TemplateEngineOptions = {}): TemplateEngine {
  const resolved = resolveEngineOptions(options);
  const liquid = createSandboxedLiquid(resolved);
  // Analysis parses without the cache: its include tags get bindings that belong to one analysis.
  const cache = new ParseCache(liquid, resolved.parseCacheSize);
  return {
    options: resolved,
    // In-process, a render never waits for a worker: `wait` means nothing here.
    render: (source, variables = {}, { wait: _wait, ...renderOptions } = {}) =>
      renderTemplateSource({ liquid, cache, options: resolved }, source, variables, renderOptions),
    analyze: (input) => analyzeTemplateSource(liquid, resolved, input),
  };
}

let defaultEngine: TemplateEngine | undefined;

/** `analyze` on a shared engine with default options. */
export function analyzeTemplate(input: AnalyzeInput): Promise<TemplateDiagnostic[]> {
  defaultEngine ??= createTemplateEngine();
  return defaultEngine.analyze(input);
}
