import type { PipelineDefinition, RetryPolicy, Step } from '@agent-fleet/contracts';
import { compileExpression } from '../expression.js';
import { pipelineExpressionSites, stepExpressionSites } from '../expression-sites.js';
import { buildGraph, type PipelineGraph } from '../pipeline-graph.js';
import { bareExpression, parseTemplate } from '../templates.js';
import { parseDuration } from './durations.js';

/** What the engine needs to know about one pipeline version, computed once and kept (versions are immutable). */
export interface RunPlan {
  definition: PipelineDefinition;
  graph: PipelineGraph;
  /** Fallback step → the step it stands in for. */
  fallbackFor: Map<string, string>;
  /** Step id → the step ids its expressions read (only those are loaded to evaluate them). */
  reads: Map<string, Set<string>>;
  /** The step ids the run's outputs read. */
  outputReads: Set<string>;
  step(id: string): Step;
  retryOf(step: Pick<Step, 'retry'>): RetryPolicy;
  /** The step's time limit in ms; null for none. */
  timeoutOf(step: Pick<Step, 'timeout'>): number | null;
}

/** The step ids an expression site reads (a site that does not parse reads none: it failed to compile). */
function readsOf(text: string, bare: boolean): string[] {
  try {
    if (bare) return compileExpression(bareExpression(text).source).steps;
    const template = parseTemplate(text);
    if (template.kind === 'literal') return [];
    const expressions =
      template.kind === 'whole' ? [template.expression] : template.parts.filter((part) => typeof part !== 'string');
    return expressions.flatMap((expression) => compileExpression(expression.source).steps);
  } catch {
    return [];
  }
}

export function planRun(definition: PipelineDefinition): RunPlan {
  const ids = Object.keys(definition.steps);
  const fallbackFor = new Map<string, string>();
  for (const [id, step] of Object.entries(definition.steps)) {
    if (step.onError && typeof step.onError === 'object') fallbackFor.set(step.onError.fallback, id);
  }
  const graph = buildGraph(ids, (id) => {
    const primary = fallbackFor.get(id);
    return [...(definition.steps[id]?.needs ?? []), ...(primary ? [primary] : [])];
  });
  const reads = new Map<string, Set<string>>();
  for (const [id, step] of Object.entries(definition.steps)) {
    reads.set(id, new Set(stepExpressionSites(id, step).flatMap((site) => readsOf(site.text, site.bare))));
  }
  const outputReads = new Set(pipelineExpressionSites(definition).flatMap((site) => readsOf(site.text, site.bare)));
  const defaultRetry: RetryPolicy = definition.defaults?.retry ?? { maxAttempts: 1 };
  const defaultTimeout = definition.defaults?.timeout;
  return {
    definition,
    graph,
    fallbackFor,
    reads,
    outputReads,
    step: (id) => {
      const step = definition.steps[id];
      if (!step) throw new Error(`Step "${id}" is not in the definition`);
      return step;
    },
    retryOf: (step) => step.retry ?? defaultRetry,
    timeoutOf: (step) => {
      const text = step.timeout ?? defaultTimeout;
      return text === undefined ? null : parseDuration(text);
    },
  };
}
