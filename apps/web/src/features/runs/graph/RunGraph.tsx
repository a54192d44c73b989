import { clsx } from 'clsx';
import { useMemo } from 'react';
import { layoutGraph, type PlacedStep } from '../../pipelines/graph/layout';
import { StepGraphCanvas } from '../../pipelines/graph/StepGraphCanvas';
import { STEP_STATUS_NODE } from '../run-status';
import type { RunGraphStep } from './run-graph-steps';

export interface RunGraphProps {
  steps: readonly RunGraphStep[];
  /** The step whose details are open, outlined. */
  selected: string | null;
  onSelect: (stepId: string) => void;
}

const NODE_WIDTH = 190;
const NODE_HEIGHT = 60;

interface StepNodeProps {
  step: PlacedStep;
  status: RunGraphStep['status'];
  items: RunGraphStep['items'];
  selected: boolean;
  onSelect: (id: string) => void;
}

function StepNode({ step, status, items, selected, onSelect }: StepNodeProps) {
  return (
    <button
      type="button"
      onClick={() => onSelect(step.id)}
      aria-pressed={selected}
      aria-label={`${step.id}: ${status.replace('_', ' ')}`}
      className={clsx(
        'flex h-full w-full cursor-pointer flex-col justify-center rounded-lg border-2 px-3 text-left shadow-xs',
        'focus-visible:outline-2 focus-visible:outline-indigo-600',
        STEP_STATUS_NODE[status],
        selected && 'ring-2 ring-indigo-500 ring-offset-1',
        status === 'running' && 'animate-pulse',
      )}
      data-step-status={status}
    >
      <span className="truncate font-mono text-[13px] font-semibold" title={step.id}>
        {step.id}
      </span>
      <span className="text-[11px] tracking-wide uppercase opacity-75">
        {step.type} · {status.replace('_', ' ')}
        {items && ` · ${items.done}/${items.total}`}
      </span>
    </button>
  );
}

/**
 * The run's steps as the pipeline graph lays them out (the pipelines feature's layout), each node coloured
 * by its step run's status and clickable to open the step. Read-only like the editor's graph; nodes are
 * buttons so the keyboard reaches them.
 */
export function RunGraph({ steps, selected, onSelect }: RunGraphProps) {
  const layout = useMemo(() => layoutGraph(steps, { nodeWidth: NODE_WIDTH, nodeHeight: NODE_HEIGHT }), [steps]);
  const byId = useMemo(() => new Map(steps.map((step) => [step.id, step])), [steps]);
  return (
    <StepGraphCanvas
      label="Run graph"
      layout={layout}
      nodeWidth={NODE_WIDTH}
      nodeHeight={NODE_HEIGHT}
      animated={(edge) => byId.get(edge.target)?.status === 'running'}
      renderNode={(step) => (
        <StepNode
          step={step}
          status={byId.get(step.id)?.status ?? 'not_started'}
          items={byId.get(step.id)?.items ?? null}
          selected={step.id === selected}
          onSelect={onSelect}
        />
      )}
    />
  );
}
