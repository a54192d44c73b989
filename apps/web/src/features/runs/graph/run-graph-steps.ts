import type { PipelineDefinition, StepRun, StepRunStatus } from '@agent-fleet/contracts';
import type { GraphStep } from '../../pipelines/graph/layout';

/** A step of the run graph: the definition's step with its run's status (none before it was reached). */
export interface RunGraphStep extends GraphStep {
  status: StepRunStatus | 'not_started';
  /** Map items or loop iterations done / all, when the step has any. */
  items: { done: number; total: number } | null;
}

const DONE: readonly StepRunStatus[] = ['succeeded', 'failed', 'skipped', 'cancelled'];

/**
 * The definition's steps coloured by the run: the top-level step run of each id gives its status, and a
 * map or loop counts its items. Without the definition (it could not be read) the step runs alone are
 * drawn, unconnected.
 */
export function runGraphSteps(definition: PipelineDefinition | undefined, steps: readonly StepRun[]): RunGraphStep[] {
  const topLevel = new Map(steps.filter((step) => step.parentId === null).map((step) => [step.stepId, step]));
  const itemsOf = (parentId: string | undefined) => {
    const items = steps.filter((step) => parentId !== undefined && step.parentId === parentId);
    return items.length === 0 ? null : { done: items.filter((item) => DONE.includes(item.status)).length, total: items.length };
  };
  const declared: GraphStep[] = definition
    ? Object.entries(definition.steps).map(([id, step]) => ({ id, type: step.type, needs: step.needs ?? [] }))
    : [...topLevel.values()].map((step) => ({ id: step.stepId, type: step.type, needs: [] }));
  return declared.map((step) => {
    const run = topLevel.get(step.id);
    return { ...step, status: run?.status ?? 'not_started', items: itemsOf(run?.id) };
  });
}
