import { clsx } from 'clsx';
import { useMemo } from 'react';
import { layoutGraph, type GraphStep, type PlacedStep } from './layout';
import { StepGraphCanvas } from './StepGraphCanvas';
import { stepColor } from './step-colors';

export interface PipelineGraphProps {
  steps: readonly GraphStep[];
  /** Names the graph region, e.g. "Step graph". */
  label: string;
}

const NODE_WIDTH = 180;
const NODE_HEIGHT = 56;

function StepNode({ step }: { step: PlacedStep }) {
  return (
    <div
      className={clsx('flex h-full w-full flex-col justify-center rounded-lg border px-3 shadow-xs', stepColor(step.type))}
      data-step-type={step.type}
    >
      <span className="truncate font-mono text-[13px] font-semibold" title={step.id}>
        {step.id}
      </span>
      <span className="text-[11px] tracking-wide uppercase opacity-70">{step.type}</span>
    </div>
  );
}

/**
 * The steps as a read-only graph, laid out in columns by `needs` (see layoutGraph). Nothing can be
 * dragged or connected: the YAML is the one place a pipeline is edited.
 */
export function PipelineGraph({ steps, label }: PipelineGraphProps) {
  const layout = useMemo(() => layoutGraph(steps, { nodeWidth: NODE_WIDTH, nodeHeight: NODE_HEIGHT }), [steps]);
  return (
    <StepGraphCanvas
      label={label}
      layout={layout}
      nodeWidth={NODE_WIDTH}
      nodeHeight={NODE_HEIGHT}
      renderNode={(step) => <StepNode step={step} />}
    />
  );
}
